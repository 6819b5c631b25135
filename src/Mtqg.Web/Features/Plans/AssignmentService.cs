using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Domain.Common;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Access;

namespace Mtqg.Web.Features.Plans;

/// <summary>Commune lists, helping agencies and their assignments (phân công giúp đỡ xã) of a province.</summary>
public sealed class AssignmentService(AppDbContext db, Agencies agencies, AccessPolicy access, TimeProvider clock)
{
    private DateOnly Today => VietnamTime.Today(clock);

    public async Task<(IReadOnlyList<CommuneListView>? Lists, Outcome Outcome)> ListsAsync(string province, CancellationToken ct)
    {
        if (InputText.IsBlank(province))
            return (null, Agencies.ProvinceRequired);
        if (!access.CanReadProvinceWork(province))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem danh sách xã của tỉnh {province}."));
        var lists = await db.CommuneLists.AsNoTracking().Where(l => l.ProvinceCode == province).OrderBy(l => l.Name).ToListAsync(ct);
        var views = new List<CommuneListView>();
        foreach (var day in lists.GroupBy(l => l.AsOf ?? Today))
        {
            var names = await agencies.NamesAsync(day.SelectMany(Codes), day.Key, ct);
            views.AddRange(day.Select(l => ListView(l, names)));
        }
        return ([.. views.OrderBy(v => v.Name, StringComparer.Ordinal)], Outcome.Done);
    }

    public async Task<(CommuneListView? List, Outcome Outcome)> ListAsync(int id, CancellationToken ct)
    {
        var list = await db.CommuneLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (list is null)
            return (null, Outcome.NotFound($"Không có danh sách xã số {id}."));
        if (!access.CanReadProvinceWork(list.ProvinceCode))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem danh sách xã của tỉnh {list.ProvinceCode}."));
        return (ListView(list, await agencies.NamesAsync(Codes(list), list.AsOf ?? Today, ct)), Outcome.Done);
    }

    /// <summary>Creates a list (<paramref name="id"/> null) or corrects one; <paramref name="version"/>: the version it was read at (<see cref="EditVersion"/>).</summary>
    public async Task<(int? Id, Outcome Outcome)> SaveListAsync(
        int? id,
        CommuneListInput input,
        CancellationToken ct,
        string? version = null
    )
    {
        var list = id is null ? null : await db.CommuneLists.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (id is not null && list is null)
            return (null, Outcome.NotFound($"Không có danh sách xã số {id}."));
        var province = list?.ProvinceCode ?? input.ProvinceCode?.Trim() ?? "";
        var problems = new List<Problem>();
        if (list is null && (province.Length == 0 || await agencies.ProvinceNameAsync(province, Today, ct) is null))
            problems.Add(new("provinceCode", $"Không có tỉnh, thành phố mã \"{province}\" đang có hiệu lực."));
        else if (!access.CanManageProvince(province))
            return (null, Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {province} mới lập được danh sách xã của tỉnh."));
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
            problems.Add(new("name", "Phải nhập tên danh sách."));
        else if (db.TooLong((CommuneList l) => l.Name, name, "name") is { } tooLong)
            problems.Add(tooLong);
        else if (await db.CommuneLists.AnyAsync(l => l.ProvinceCode == province && l.Name == name && l.Id != (id ?? 0), ct))
            problems.Add(new("name", $"Tỉnh đã có danh sách \"{name}\"."));
        var asOf = input.AsOf ?? list?.AsOf;
        if (asOf is { } dated && (dated > Today || dated.Year < 2000))
            problems.Add(
                new("asOf", $"Ngày {VietnamTime.Format(dated)} của danh sách phải từ năm 2000 đến hôm nay ({VietnamTime.Format(Today)}).")
            );
        else if (province.Length > 0)
            problems.AddRange(await agencies.CheckCommunesAsync(province, input.Communes, "communes", true, asOf ?? Today, ct));
        if (list is not null && EditVersion.IsStale(version, list.UpdatedAt))
            return (null, EditVersion.Changed($"Danh sách «{list.Name}»", list.UpdatedAt, list.UpdatedBy));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Danh sách xã chưa hợp lệ.", problems));
        list ??= db.CommuneLists.Add(new CommuneList { ProvinceCode = province, Name = name }).Entity;
        list.Name = name;
        list.CommuneCodes = string.Join(',', input.Communes!.Select(c => c.Trim()));
        list.AsOf = asOf;
        (list.UpdatedAt, list.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        var saved = await EditVersion.SaveAsync(db, list, $"Danh sách «{name}»", ct);
        return (saved.IsDone ? list.Id : null, saved);
    }

    public async Task<Outcome> DeleteListAsync(int id, CancellationToken ct, string? version = null)
    {
        var list = await db.CommuneLists.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (list is null)
            return Outcome.NotFound($"Không có danh sách xã số {id}.");
        if (!access.CanManageProvince(list.ProvinceCode))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {list.ProvinceCode} mới xóa được danh sách xã.");
        if (EditVersion.IsStale(version, list.UpdatedAt))
            return EditVersion.Changed($"Danh sách «{list.Name}»", list.UpdatedAt, list.UpdatedBy);
        db.CommuneLists.Remove(list);
        return await EditVersion.SaveAsync(db, list, $"Danh sách «{list.Name}»", ct);
    }

    private static IEnumerable<string> Codes(CommuneList list) => list.CommuneCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static CommuneListView ListView(CommuneList list, Dictionary<string, string> names) =>
        new(
            list.Id,
            list.ProvinceCode,
            list.Name,
            [.. Codes(list).Select(c => new CommuneRef(c, names.GetValueOrDefault(c, c)))],
            list.UpdatedAt,
            list.UpdatedBy,
            list.AsOf
        );

    /// <summary>Assignments of a province (optionally one agency's); an agency account sees its own.</summary>
    public async Task<(IReadOnlyList<AssignmentView>? Assignments, Outcome Outcome)> AssignmentsAsync(
        string province,
        int? agencyId,
        CancellationToken ct
    )
    {
        if (InputText.IsBlank(province))
            return (null, Agencies.ProvinceRequired);
        if (!access.CanReadProvinceWork(province))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem phân công của tỉnh {province}."));
        var query = db.Assignments.AsNoTracking().Include(a => a.Agency).Include(a => a.Communes).Where(a => a.ProvinceCode == province);
        if (agencyId is not null)
            query = query.Where(a => a.AgencyId == agencyId);
        var rows = await query.OrderBy(a => a.Agency.Name).ThenByDescending(a => a.From).ToListAsync(ct);
        // Each assignment's communes are named as on its start date (the communes before the reform for one of 2024).
        var views = new Dictionary<Assignment, AssignmentView>();
        foreach (var day in rows.GroupBy(a => a.From < Today ? a.From : Today))
        {
            var names = await agencies.NamesAsync(day.SelectMany(a => a.Communes.Select(c => c.CommuneCode)), day.Key, ct);
            foreach (var a in day)
                views[a] = View(a, names);
        }
        return ([.. rows.Select(a => views[a])], Outcome.Done);
    }

    /// <summary>One assignment, with its version (the API's ETag), for the readers of the province's work.</summary>
    public async Task<(AssignmentView? Assignment, Outcome Outcome)> AssignmentAsync(int id, CancellationToken ct)
    {
        var row = await db
            .Assignments.AsNoTracking()
            .Include(a => a.Agency)
            .Include(a => a.Communes)
            .FirstOrDefaultAsync(a => a.Id == id, ct);
        if (row is null)
            return (null, Outcome.NotFound($"Không có phân công số {id}."));
        if (!access.CanReadProvinceWork(row.ProvinceCode))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem phân công của tỉnh {row.ProvinceCode}."));
        var names = await agencies.NamesAsync(row.Communes.Select(c => c.CommuneCode), row.From < Today ? row.From : Today, ct);
        return (View(row, names), Outcome.Done);
    }

    public async Task<(AgencyView? Agency, Outcome Outcome)> AgencyAsync(int id, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
            return (null, Outcome.NotFound($"Không có đơn vị giúp đỡ số {id}."));
        var (assignments, outcome) = await AssignmentsAsync(agency.ProvinceCode, id, ct);
        return assignments is null
            ? (null, outcome)
            : (new AgencyView(agency.Id, agency.ProvinceCode, agency.Name, assignments), Outcome.Done);
    }

    public async Task<IReadOnlyList<(int Id, string Name)>> AgenciesAsync(string province, CancellationToken ct) =>
        (
            await db
                .Agencies.AsNoTracking()
                .Where(a => a.ProvinceCode == province)
                .OrderBy(a => a.Name)
                .Select(a => new { a.Id, a.Name })
                .ToListAsync(ct)
        )
            .Select(a => (a.Id, a.Name))
            .ToList();

    /// <summary>
    /// Creates an assignment (<paramref name="id"/> null) or corrects one: agency, leader, period and communes, all given
    /// again. A correction keeps the province; communes taken off are removed and new ones added, so the trail shows only
    /// what changed. Visits already recorded stay as they are.
    /// </summary>
    public async Task<(int? Id, Outcome Outcome)> SaveAssignmentAsync(
        int? id,
        AssignmentInput input,
        CancellationToken ct,
        string? version = null
    )
    {
        var assignment = id is null
            ? null
            : await db.Assignments.Include(a => a.Agency).Include(a => a.Communes).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (id is not null && assignment is null)
            return (null, Outcome.NotFound($"Không có phân công số {id}."));
        var province = assignment?.ProvinceCode ?? input.ProvinceCode?.Trim() ?? "";
        var problems = new List<Problem>();
        if (assignment is null && (province.Length == 0 || await agencies.ProvinceNameAsync(province, Today, ct) is null))
            problems.Add(new("provinceCode", $"Không có tỉnh, thành phố mã \"{province}\" đang có hiệu lực."));
        else if (!access.CanManageProvince(province))
            return (
                null,
                Outcome.Forbidden(
                    $"Chỉ Văn phòng Điều phối của tỉnh {province} mới {(assignment is null ? "phân công" : "sửa phân công")} đơn vị giúp đỡ xã."
                )
            );
        if (assignment is not null && input.ProvinceCode is { Length: > 0 } other && other.Trim() != province)
            problems.Add(new("provinceCode", $"Phân công thuộc tỉnh {province}: không chuyển sang tỉnh khác được."));
        if (InputText.IsBlank(input.Agency))
            problems.Add(new("agency", "Phải nhập tên cơ quan giúp đỡ (ví dụ: Sở Tài chính)."));
        else if (db.TooLong((Agency a) => a.Name, input.Agency.Trim(), "agency") is { } agencyTooLong)
            problems.Add(agencyTooLong);
        if (InputText.IsBlank(input.Leader))
            problems.Add(new("leader", "Phải nhập lãnh đạo phụ trách."));
        else if (db.TooLong((Assignment a) => a.Leader, input.Leader.Trim(), "leader") is { } leaderTooLong)
            problems.Add(leaderTooLong);
        if (input.From is null)
            problems.Add(new("from", "Phải nhập ngày bắt đầu phân công."));
        if (input.To is null)
            problems.Add(new("to", "Phải nhập ngày kết thúc phân công."));
        if (input.From is { } from && input.To is { } to && to < from)
            problems.Add(new("to", "Ngày kết thúc phải sau ngày bắt đầu."));
        // An assignment names the communes in force on its start date (DESIGN §9): one of 2024 names communes of 2024.
        var start = input.From is { } first && first < Today ? first : Today;
        if (province.Length > 0)
            problems.AddRange(await agencies.CheckCommunesAsync(province, input.Communes, "communes", true, start, ct));
        if (assignment is not null && EditVersion.IsStale(version, assignment.UpdatedAt))
            return (null, EditVersion.Changed($"Phân công {assignment.Agency.Name}", assignment.UpdatedAt, assignment.UpdatedBy));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Phân công chưa hợp lệ.", problems));

        var agency = await agencies.FindOrAddAsync(province, input.Agency!, ct);
        assignment ??= db
            .Assignments.Add(
                new Assignment
                {
                    Agency = agency,
                    ProvinceCode = province,
                    Leader = "",
                }
            )
            .Entity;
        (assignment.Agency, assignment.From, assignment.To, assignment.Leader) = (
            agency,
            input.From!.Value,
            input.To!.Value,
            input.Leader!.Trim()
        );
        var codes = input.Communes!.Select(c => c.Trim()).Distinct().ToList();
        db.RemoveRange(assignment.Communes.Where(c => !codes.Contains(c.CommuneCode)).ToList()); // removed as rows: the trail still knows the assignment
        assignment.Communes.AddRange(
            codes.Where(c => assignment.Communes.All(k => k.CommuneCode != c)).Select(c => new AssignmentCommune { CommuneCode = c })
        );
        (assignment.UpdatedAt, assignment.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        var saved = await EditVersion.SaveAsync(db, assignment, $"Phân công {agency.Name}", ct);
        return (saved.IsDone ? assignment.Id : null, saved);
    }

    public async Task<Outcome> DeleteAssignmentAsync(int id, CancellationToken ct, string? version = null)
    {
        var assignment = await db.Assignments.Include(a => a.Agency).Include(a => a.Communes).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (assignment is null)
            return Outcome.NotFound($"Không có phân công số {id}.");
        if (!access.CanManageProvince(assignment.ProvinceCode))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {assignment.ProvinceCode} mới xóa được phân công.");
        if (EditVersion.IsStale(version, assignment.UpdatedAt))
            return EditVersion.Changed($"Phân công {assignment.Agency.Name}", assignment.UpdatedAt, assignment.UpdatedBy);
        db.Assignments.Remove(assignment);
        return await EditVersion.SaveAsync(db, assignment, $"Phân công {assignment.Agency.Name}", ct);
    }

    private static AssignmentView View(Assignment a, Dictionary<string, string> names) =>
        new(
            a.Id,
            a.AgencyId,
            a.Agency.Name,
            a.ProvinceCode,
            a.From,
            a.To,
            a.Leader,
            [
                .. a
                    .Communes.OrderBy(c => c.CommuneCode)
                    .Select(c => new CommuneRef(c.CommuneCode, names.GetValueOrDefault(c.CommuneCode, c.CommuneCode))),
            ],
            EditVersion.Of(a.UpdatedAt)
        );
}

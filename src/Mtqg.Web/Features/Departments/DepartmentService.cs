using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Departments;
using Mtqg.Domain.Common;
using Mtqg.Domain.Recognition;
using Mtqg.Domain.Units;
using Mtqg.Domain.Visits;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Accounts;

namespace Mtqg.Web.Features.Departments;

public sealed record DepartmentView(string Code, string Name, DateOnly? ValidFrom, DateOnly? ValidTo, string? SuccessorCode);

/// <summary>POST: a department the province has (a special department of Decree 45/2025 Điều 9, or a new one).</summary>
public sealed record DepartmentInput(string? Code, string? Name, DateOnly? ValidFrom);

/// <summary>PUT: a new name; or a last day and the department that takes over its work (a merger).</summary>
public sealed record DepartmentChange(string? Name, DateOnly? ValidTo, string? SuccessorCode);

/// <summary>What a merger moved to the successor.</summary>
public sealed record CarriedWork(int DossierCriteria, int Recommendations, int Accounts)
{
    public int Total => DossierCriteria + Recommendations + Accounts;
}

/// <summary>
/// The dated department registry of each province (DESIGN §9, decision 0020): read it as of a date, add, rename, close
/// with a successor (the pending work moves to it); and the one place a department typed by a caller becomes a code.
/// </summary>
public sealed partial class DepartmentService(
    AppDbContext db,
    DbContextOptions<AppDbContext> options,
    AccessPolicy access,
    TimeProvider clock
)
{
    public DateOnly Today => VietnamTime.Today(clock);

    /// <summary>Whether <paramref name="province"/> is a province of today (the registry is kept for those).</summary>
    public Task<bool> IsProvinceAsync(string province, CancellationToken ct) =>
        Units.UnitService.IsProvinceNowAsync(db.Units, province, ct);

    /// <summary>The departments of a province in force on <paramref name="asOf"/>, by name; null for an unknown province.</summary>
    public async Task<IReadOnlyList<DepartmentView>?> ListAsync(string province, DateOnly asOf, CancellationToken ct)
    {
        if (!await IsProvinceAsync(province, ct))
            return null;
        return (await AllAsync(province, ct)).Where(d => InForce(d, asOf)).OrderBy(d => d.Name, StringComparer.Create(Vi, false)).ToList();
    }

    /// <summary>Every department the province ever had, newest first by their end.</summary>
    public Task<List<DepartmentView>> AllAsync(string province, CancellationToken ct) => AllOfAsync(db, province, ct);

    private static async Task<List<DepartmentView>> AllOfAsync(AppDbContext db, string province, CancellationToken ct) =>
        await db
            .Departments.AsNoTracking()
            .Where(d => d.ProvinceCode == province)
            .Select(d => new DepartmentView(d.Code, d.Name, d.ValidFrom, d.ValidTo, d.SuccessorCode))
            .ToListAsync(ct);

    /// <summary>Names by code: of a province, or (null) the names the codes have in most provinces, for national sets.</summary>
    public Task<Dictionary<string, string>> NamesAsync(string? province, CancellationToken ct)
    {
        // Read once per request, as one shared task: a dossier page names a department on every criterion card.
        if (!names.TryGetValue(province ?? "", out var found))
            names[province ?? ""] = found = ReadNamesAsync(province, ct);
        return found;
    }

    // Components ask while their page may still be reading through the request's context: a context of its own.
    private async Task<Dictionary<string, string>> ReadNamesAsync(string? province, CancellationToken ct)
    {
        await using var own = new AppDbContext(options);
        return await NamesAsync(own, province, ct);
    }

    private readonly Dictionary<string, Task<Dictionary<string, string>>> names = [];

    /// <inheritdoc cref="NamesAsync(string?, CancellationToken)"/>
    public static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, string? province, CancellationToken ct)
    {
        var rows = await db
            .Departments.AsNoTracking()
            .Where(d => province == null || d.ProvinceCode == province)
            .Select(d => new { d.Code, d.Name })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Code)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Name).OrderByDescending(n => n.Count()).First().Key, StringComparer.Ordinal);
    }

    /// <summary>The name to show for a stored department (a code; text not matched by the migration is shown as it is).</summary>
    public static string Show(IReadOnlyDictionary<string, string> names, string? code) =>
        code is null ? ""
        : names.TryGetValue(code, out var name) ? name
        : code;

    public async Task<Outcome> AddAsync(string province, DepartmentInput input, CancellationToken ct)
    {
        if (!await IsProvinceAsync(province, ct))
            return Outcome.NotFound($"Không có tỉnh mã \"{province}\".");
        if (!access.CanManageProvince(province))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {province} (và quản trị viên) thêm được sở, ngành của tỉnh.");
        var problems = new List<Problem>();
        var code = input.Code?.Trim().ToUpperInvariant() ?? "";
        var name = input.Name?.Trim() ?? "";
        if (code.Length == 0)
            problems.Add(new("code", "Thiếu mã sở, ngành (chữ in hoa không dấu và số, ví dụ SDTTG)."));
        else if (!CodeShape().IsMatch(code))
            problems.Add(new("code", $"Mã sở, ngành \"{input.Code}\" chỉ gồm chữ in hoa không dấu và số, tối đa 20 ký tự (ví dụ SDTTG)."));
        if (name.Length == 0)
            problems.Add(new("name", "Thiếu tên sở, ngành (ví dụ Sở Dân tộc và Tôn giáo)."));
        else if (db.TooLong((Department d) => d.Name, name, "name") is { } tooLong)
            problems.Add(tooLong);
        var existing = await AllAsync(province, ct);
        if (code.Length > 0 && existing.FirstOrDefault(d => d.Code == code) is { } same)
            problems.Add(new("code", $"Tỉnh {province} đã có sở, ngành mã {code} ({same.Name})."));
        var on = input.ValidFrom ?? Today;
        if (
            name.Length > 0
            && existing.FirstOrDefault(d => InForce(d, on) && VietnameseText.Fold(d.Name) == VietnameseText.Fold(name)) is { } named
        )
            problems.Add(new("name", $"Tỉnh {province} đã có \"{named.Name}\" (mã {named.Code}) đang có hiệu lực."));
        if (problems.Count > 0)
            return Outcome.Invalid("Sở, ngành chưa hợp lệ; chưa có gì được ghi.", problems);
        db.Departments.Add(
            new Department
            {
                ProvinceCode = province,
                Code = code,
                Name = name,
                NameKey = VietnameseText.Fold(name),
                ValidFrom = input.ValidFrom,
            }
        );
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>
    /// Renames a department, or closes it on <see cref="DepartmentChange.ValidTo"/> with a successor that takes over its
    /// pending work at once: criteria of dossiers not yet appraised, open recommendations, appraiser accounts (signed out so
    /// their next sign-in carries the successor).
    /// </summary>
    public async Task<(CarriedWork? Carried, Outcome Outcome)> ChangeAsync(
        string province,
        string code,
        DepartmentChange change,
        CancellationToken ct
    )
    {
        if (!await IsProvinceAsync(province, ct))
            return (null, Outcome.NotFound($"Không có tỉnh mã \"{province}\"."));
        if (!access.CanManageProvince(province))
            return (
                null,
                Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {province} (và quản trị viên) sửa được sở, ngành của tỉnh.")
            );
        var department = await db.Departments.FirstOrDefaultAsync(d => d.ProvinceCode == province && d.Code == code, ct);
        if (department is null)
            return (null, Outcome.NotFound($"Tỉnh {province} không có sở, ngành mã \"{code}\"."));

        var problems = new List<Problem>();
        var name = InputText.IsBlank(change.Name) ? null : change.Name.Trim();
        if (name is null && change.ValidTo is null && InputText.IsBlank(change.SuccessorCode))
            problems.Add(new("name", "Ghi tên mới (đổi tên), hoặc ngày hết hiệu lực và sở kế thừa (sáp nhập)."));
        if (name is not null && db.TooLong((Department d) => d.Name, name, "name") is { } tooLong)
            problems.Add(tooLong);
        if (department.ValidTo is not null && change.ValidTo is not null)
            problems.Add(new("validTo", $"{department.Name} đã hết hiệu lực từ {department.ValidTo:dd/MM/yyyy}."));
        var successorCode = InputText.IsBlank(change.SuccessorCode) ? null : change.SuccessorCode.Trim().ToUpperInvariant();
        if (successorCode is not null && change.ValidTo is null)
            problems.Add(new("validTo", "Sáp nhập: ghi ngày cuối cùng sở còn hiệu lực (validTo)."));
        if (change.ValidTo is { } last && department.ValidFrom is { } first && last < first)
            problems.Add(new("validTo", $"Ngày hết hiệu lực trước ngày bắt đầu hiệu lực ({first:dd/MM/yyyy})."));
        Department? successor = null;
        if (successorCode is not null)
        {
            successor = await db.Departments.FirstOrDefaultAsync(d => d.ProvinceCode == province && d.Code == successorCode, ct);
            var dayAfter = change.ValidTo?.AddDays(1) ?? Today;
            if (successorCode == code)
                problems.Add(new("successorCode", "Sở kế thừa phải là một sở khác."));
            else if (successor is null || !successor.InForceOn(dayAfter))
                problems.Add(
                    new(
                        "successorCode",
                        $"Sở kế thừa \"{change.SuccessorCode}\" không phải sở, ngành của tỉnh {province} có hiệu lực ngày {dayAfter:dd/MM/yyyy}. {await NearbyAsync(province, change.SuccessorCode, dayAfter, ct)}"
                    )
                );
        }
        var pending = await PendingAsync(province, code, ct);
        if (change.ValidTo is not null && successorCode is null && pending.Total > 0)
            problems.Add(
                new(
                    "successorCode",
                    $"{department.Name} còn {pending.DossierCriteria} tiêu chí chờ thẩm định, {pending.Recommendations} kiến nghị đang mở, {pending.Accounts} tài khoản thẩm định: chọn sở kế thừa nhận các việc này."
                )
            );
        if (
            name is not null
            && (await AllAsync(province, ct)).FirstOrDefault(d =>
                d.Code != code && d.ValidTo == null && VietnameseText.Fold(d.Name) == VietnameseText.Fold(name)
            )
                is { } named
        )
            problems.Add(new("name", $"Tỉnh {province} đã có \"{named.Name}\" (mã {named.Code}) đang có hiệu lực."));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Thay đổi sở, ngành chưa hợp lệ; chưa có gì được ghi.", problems));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (name is not null)
            (department.Name, department.NameKey) = (name, VietnameseText.Fold(name));
        if (change.ValidTo is { } end)
            (department.ValidTo, department.SuccessorCode) = (end, successorCode);
        var carried = successor is null ? new CarriedWork(0, 0, 0) : await CarryAsync(province, code, successor.Code, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (carried, Outcome.Done);
    }

    private static readonly CriterionAppraisalState[] Open =
    [
        CriterionAppraisalState.NotSubmitted,
        CriterionAppraisalState.Pending,
        CriterionAppraisalState.SentBack,
    ];

    private static readonly RecommendationStatus[] OpenRecommendation = [RecommendationStatus.Open, RecommendationStatus.InProgress];

    private IQueryable<Mtqg.Data.Recognition.DossierCriterionRecord> PendingCriteria(string province, string code) =>
        db.DossierCriteria.Where(c =>
            c.ResponsibleSector == code && Open.Contains(c.State) && db.Dossiers.Any(d => d.Id == c.DossierId && d.ProvinceCode == province)
        );

    private IQueryable<Mtqg.Data.Visits.RecommendationRecord> PendingRecommendations(string province, string code) =>
        db.Recommendations.Where(r =>
            r.ProvinceCode == province
            && r.ResponsibleKind == PartyKind.Department
            && r.ResponsibleSector == code
            && OpenRecommendation.Contains(r.Status)
        );

    private IQueryable<Mtqg.Data.Accounts.AppUser> Appraisers(string province, string code) =>
        db.Users.Where(u =>
            u.UnitCode == province
            && u.Sector == code
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Appraiser))
        );

    private async Task<CarriedWork> PendingAsync(string province, string code, CancellationToken ct) =>
        new(
            await PendingCriteria(province, code).CountAsync(ct),
            await PendingRecommendations(province, code).CountAsync(ct),
            await Appraisers(province, code).CountAsync(ct)
        );

    private async Task<CarriedWork> CarryAsync(string province, string code, string successor, CancellationToken ct)
    {
        var criteria = await PendingCriteria(province, code)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ResponsibleSector, successor), ct);
        var recommendations = await PendingRecommendations(province, code).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var r in recommendations)
            (r.ResponsibleSector, r.UpdatedAt) = (successor, now);
        var accounts = await Appraisers(province, code).ToListAsync(ct);
        foreach (var u in accounts)
            (u.Sector, u.SecurityStamp) = (successor, Guid.NewGuid().ToString("N"));
        return new(criteria, recommendations.Count, accounts.Count);
    }

    // ---- a department named by a caller ----

    /// <summary>
    /// The code of the department of <paramref name="province"/> in force on <paramref name="on"/> that <paramref name="text"/>
    /// names (its code, or its name folded); otherwise the problem on <paramref name="field"/>, listing the nearest departments.
    /// </summary>
    public Task<(string? Code, Problem? Problem)> ResolveAsync(
        string province,
        string? text,
        DateOnly on,
        string field,
        CancellationToken ct
    ) => ResolveInProvinceAsync(db, province, text, on, field, ct);

    /// <summary>
    /// <see cref="ResolveAsync"/> for callers without the service (a province's criteria set names its departments from the
    /// province's own registry, decision 0020).
    /// </summary>
    public static async Task<(string? Code, Problem? Problem)> ResolveInProvinceAsync(
        AppDbContext db,
        string province,
        string? text,
        DateOnly on,
        string field,
        CancellationToken ct
    )
    {
        if (text?.Trim().Length > db.MaxLength((Department d) => d.Name))
            return (null, null); // too long to be any department: the caller's stored-length check names the field
        var inForce = (await AllOfAsync(db, province, ct)).Where(d => InForce(d, on)).ToList();
        if (Match(inForce, text) is { } found)
            return (found.Code, null);
        return (
            null,
            new(
                field,
                $"\"{text?.Trim()}\" không phải sở, ngành của tỉnh {province} có hiệu lực ngày {on:dd/MM/yyyy}. {Nearby(inForce, text)}"
            )
        );
    }

    /// <summary>
    /// For a national criteria set: the code of today that <paramref name="text"/> names — a code, or a department's exact
    /// name (folded) in any province; a department since merged stands for its successor of today. Null with the problem otherwise.
    /// </summary>
    public static async Task<(string? Code, Problem? Problem)> ResolveNationalAsync(
        AppDbContext db,
        DateOnly today,
        string? text,
        string field,
        CancellationToken ct
    )
    {
        var all = await db
            .Departments.AsNoTracking()
            .Select(d => new DepartmentView(d.Code, d.Name, d.ValidFrom, d.ValidTo, d.SuccessorCode))
            .ToListAsync(ct);
        var distinct = all.DistinctBy(d => (d.Code, VietnameseText.Fold(d.Name))).ToList();
        var found = Match(distinct, text);
        for (var hops = 0; found is { ValidTo: not null, SuccessorCode: { } next } && hops < 10; hops++)
            found = distinct.FirstOrDefault(d => d.Code == next) ?? found;
        if (found is not null && found.ValidTo is null)
            return (found.Code, null);
        return (
            null,
            new(
                field,
                $"\"{text?.Trim()}\" không phải mã hay tên một sở, ngành trong danh mục. {Nearby(distinct.Where(d => InForce(d, today)).DistinctBy(d => d.Code).ToList(), text)}"
            )
        );
    }

    private async Task<string> NearbyAsync(string province, string? text, DateOnly on, CancellationToken ct) =>
        Nearby((await AllAsync(province, ct)).Where(d => InForce(d, on)).ToList(), text);

    private static DepartmentView? Match(IReadOnlyList<DepartmentView> departments, string? text)
    {
        if (InputText.IsBlank(text))
            return null;
        var trimmed = text.Trim();
        var key = VietnameseText.Fold(trimmed);
        return departments.FirstOrDefault(d => d.Code == trimmed.ToUpperInvariant())
            ?? departments.FirstOrDefault(d => VietnameseText.Fold(d.Name) == key);
    }

    // Words every department name shares say nothing about which one was meant.
    private static readonly HashSet<string> Common = ["so", "va", "tinh", "ban", "nhan", "dan"];

    /// <summary>"Chọn một trong: SXD (Sở Xây dựng), …": those sharing a word with the text, else all of them.</summary>
    private static string Nearby(IReadOnlyList<DepartmentView> departments, string? text)
    {
        var words = VietnameseText.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Common.Contains(w)).ToHashSet();
        var near = departments
            .Where(d => words.Contains(d.Code.ToLowerInvariant()) || VietnameseText.Fold(d.Name).Split(' ').Any(words.Contains))
            .ToList();
        var list = (near.Count > 0 ? near : departments).OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => $"{d.Code} ({d.Name})");
        return $"{(near.Count > 0 ? "Gần nhất" : "Chọn một trong")}: {string.Join(", ", list)}.";
    }

    private static bool InForce(DepartmentView d, DateOnly day) =>
        (d.ValidFrom is null || d.ValidFrom <= day) && (d.ValidTo is null || d.ValidTo >= day);

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    [GeneratedRegex("^[A-Z0-9]{1,20}$")]
    private static partial Regex CodeShape();
}

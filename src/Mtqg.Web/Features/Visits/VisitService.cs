using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Data.Visits;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Domain.Visits;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Plans;
using Mtqg.Web.Features.Units;
using Mtqg.Web.Features.Visits.Recommendations;

namespace Mtqg.Web.Features.Visits;

/// <summary>Working visits of helping agencies to communes (support given, difficulties, recommendations raised): record, correct, delete, read.</summary>
public sealed partial class VisitService(
    AppDbContext db,
    Agencies agencies,
    AccessPolicy access,
    VisitScope reads,
    ProvinceLineage lineage,
    Departments.DepartmentService departments,
    TimeProvider clock
)
{
    public async Task<(int? Id, Outcome Outcome)> CreateAsync(VisitInput input, CancellationToken ct)
    {
        Agency? agency;
        if (access.User.IsAdmin)
        {
            agency = input.AgencyId is { } id ? await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) : null;
            if (agency is null)
                return (null, Outcome.Invalid("Biên bản làm việc chưa hợp lệ.", [new("agencyId", "Phải chọn đơn vị giúp đỡ xã.")]));
        }
        else if (access.User.Is(Roles.Agency))
        {
            agency = await access.AgencyAsync(ct);
            if (agency is null)
                return (null, Outcome.Forbidden("Tài khoản chưa gắn với đơn vị giúp đỡ xã nào được phân công."));
            if (input.AgencyId is { } other && other != agency.Id)
                return (null, Outcome.Forbidden($"Tài khoản của {agency.Name} chỉ ghi được buổi làm việc của chính đơn vị mình."));
        }
        else
            return (null, Outcome.Forbidden("Chỉ đơn vị giúp đỡ xã mới ghi được buổi làm việc."));

        var code = input.CommuneCode?.Trim() ?? "";
        var problems = new List<Problem>();
        // The commune in force on the visit's date; before the reform, a commune of an old province that merged into the agency's.
        var visitDay = input.Date is { } date && date <= reads.Today ? date : reads.Today;
        var commune = code.Length == 0 ? null : await reads.CommuneAtAsync(code, visitDay, ct);
        var inProvince =
            commune is not null && await lineage.ProvinceNowAsync(commune.ProvinceCode, commune.ValidTo) == agency.ProvinceCode;
        if (code.Length > 0 && !inProvince)
            problems.Add(
                new(
                    "communeCode",
                    visitDay < Reform.Day
                        ? $"Mã \"{code}\" không phải xã có hiệu lực ngày {VietnamTime.Format(visitDay)} thuộc tỉnh {agency.ProvinceCode} (các tỉnh cũ đã hợp nhất)."
                        : $"Mã \"{code}\" không phải xã đang có hiệu lực của tỉnh {agency.ProvinceCode}."
                )
            );
        if (commune is not null && inProvince && !access.User.IsAdmin)
        {
            var assigned = await db
                .Assignments.AsNoTracking()
                .Where(a => a.AgencyId == agency.Id && a.Communes.Any(c => c.CommuneCode == code))
                .Select(a => new { a.From, a.To })
                .ToListAsync(ct);
            if (assigned.Count == 0)
                return (
                    null,
                    Outcome.Forbidden(
                        $"{commune.FullName} không được phân công cho {agency.Name}: chỉ ghi được buổi làm việc ở xã được phân công."
                    )
                );
            if (input.Date is { } day && !assigned.Any(a => a.From <= day && a.To >= day))
                problems.Add(new("date", $"Ngày làm việc nằm ngoài thời gian {agency.Name} được phân công giúp đỡ {commune.FullName}."));
        }

        var support = Support(input.Support ?? [], problems);
        var drafts = new List<RecommendationDraft>();
        var recs = input.Recommendations ?? [];
        for (var i = 0; i < recs.Count; i++)
        {
            var party = RecommendationService.Party(recs[i].Responsible, recs[i].Sector);
            if (party is null)
                problems.Add(
                    new(
                        $"recommendations[{i}].responsible",
                        $"Kiến nghị dòng {i + 1}: phải chọn nơi xử lý: department (một sở, ghi tên sở), commune (UBND xã) hoặc province (UBND tỉnh)."
                    )
                );
            // The addressee is a department of the province in force on the visit's date (decision 0020): its code, never free text.
            if (party is { Kind: PartyKind.Department, Sector: { } named })
            {
                var (department, problem) = await departments.ResolveAsync(
                    agency.ProvinceCode,
                    named,
                    input.Date ?? reads.Today,
                    $"recommendations[{i}].sector",
                    ct
                );
                if (problem is not null)
                    problems.Add(problem with { Message = $"Kiến nghị dòng {i + 1}: sở xử lý {problem.Message}" });
                party = department is null ? party : ResponsibleParty.Department(department);
            }
            drafts.Add(new RecommendationDraft(recs[i].Text ?? "", party ?? ResponsibleParty.Province, recs[i].DueDate));
        }
        var visit = new Visit
        {
            Date = input.Date ?? default,
            Agency = agency.Name,
            CommuneCode = code,
            Participants = [.. (input.Participants ?? []).Select(p => p?.Trim() ?? "")],
            Content = input.Content?.Trim() ?? "",
            Findings = input.Findings?.Trim(),
            Support = support,
            Difficulties = [.. (input.Difficulties ?? []).Select(d => d?.Trim() ?? "")],
            Recommendations = drafts,
        };
        if (input.Date is null)
            problems.Add(new("date", "Phải nhập ngày làm việc."));
        problems.AddRange(
            visit
                .Validate(reads.Today)
                .Where(p =>
                    !(p.Field == "date" && input.Date is null) && !(p.Field == "communeCode" && problems.Any(q => q.Field == "communeCode"))
                )
        );
        problems.AddRange(StoredLengths(visit));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Biên bản làm việc chưa hợp lệ.", problems));

        var now = clock.GetUtcNow().UtcDateTime;
        var actor = access.User.UserName ?? "";
        visit.RaiseRecommendations(actor, reads.Today, now, out var raised);
        db.Agencies.Attach(agency); // read without tracking; attached unchanged so the visit and its rows in the trail are named by it
        var record = new VisitRecord
        {
            Agency = agency,
            ProvinceCode = agency.ProvinceCode,
            CommuneCode = code,
            Date = visit.Date,
            Participants = string.Join('\n', visit.Participants),
            Content = visit.Content,
            Findings = string.IsNullOrEmpty(visit.Findings) ? null : visit.Findings,
            Difficulties = visit.Difficulties.Count == 0 ? null : string.Join('\n', visit.Difficulties),
            Support =
            [
                .. support.Select(s => new VisitSupport
                {
                    Kind = s.Kind,
                    Description = s.Description,
                    Quantity = s.Quantity,
                    Unit = s.Unit,
                    Value = s.Value,
                }),
            ],
            Recommendations =
            [
                .. raised.Select(r => new RecommendationRecord
                {
                    AgencyId = agency.Id,
                    ProvinceCode = agency.ProvinceCode,
                    CommuneCode = code,
                    Text = r.Text,
                    RaisedOn = r.RaisedOn,
                    RaisedBy = r.RaisedBy,
                    ResponsibleKind = r.Responsible.Kind,
                    ResponsibleSector = r.Responsible.Sector,
                    DueDate = r.DueDate,
                    Status = r.Status,
                    UpdatedAt = now,
                    Events = [.. r.History.Select(RecommendationService.Event)],
                }),
            ],
            CreatedAt = now,
            CreatedBy = actor,
        };
        db.Visits.Add(record);
        await db.SaveChangesAsync(ct);
        return (record.Id, Outcome.Done);
    }

    /// <summary>
    /// The agency that recorded a visit (or an administrator) corrects its record: date, participants, content, findings,
    /// difficulties, and support when given (absent fields stay as they are). The commune and the recommendations are not
    /// changed here: recommendations have their own course (answer, close), and a visit to the wrong commune is deleted.
    /// </summary>
    public async Task<(VisitView? Visit, Outcome Outcome)> UpdateAsync(int id, VisitInput input, CancellationToken ct)
    {
        var record = await db.Visits.Include(v => v.Agency).Include(v => v.Support).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (record is null)
            return (null, Outcome.NotFound($"Không có buổi làm việc số {id}."));
        if (await RefuseChangeAsync(record, ct) is { } refused)
            return (null, refused);
        var problems = new List<Problem>();
        if (input.CommuneCode is { } code && code.Trim() != record.CommuneCode)
            problems.Add(new("communeCode", "Không đổi được xã của buổi làm việc: nếu ghi nhầm xã, hãy xóa buổi này và ghi buổi mới."));
        if ((input.Recommendations?.Count ?? 0) > 0)
            problems.Add(
                new("recommendations", "Kiến nghị không sửa ở đây: mỗi kiến nghị được trả lời, đóng hoặc mở lại trên trang kiến nghị.")
            );
        var support = input.Support is null ? null : Support(input.Support, problems);
        var visit = new Visit
        {
            Date = input.Date ?? record.Date,
            Agency = record.Agency.Name,
            CommuneCode = record.CommuneCode,
            Participants = input.Participants is null ? Lines(record.Participants) : [.. input.Participants.Select(p => p?.Trim() ?? "")],
            Content = input.Content?.Trim() ?? record.Content,
            Findings = input.Findings is null ? record.Findings : input.Findings.Trim(),
            Difficulties = input.Difficulties is null ? Lines(record.Difficulties) : [.. input.Difficulties.Select(d => d?.Trim() ?? "")],
            Support = support ?? [.. record.Support.Select(s => new SupportItem(s.Kind, s.Description, s.Quantity, s.Unit, s.Value))],
            Recommendations = [],
        };
        problems.AddRange(visit.Validate(reads.Today));
        problems.AddRange(StoredLengths(visit));
        if (
            !access.User.IsAdmin
            && input.Date is { } day
            && day != record.Date
            && !await db.Assignments.AnyAsync(
                a =>
                    a.AgencyId == record.AgencyId
                    && a.From <= day
                    && a.To >= day
                    && a.Communes.Any(c => c.CommuneCode == record.CommuneCode),
                ct
            )
        )
            problems.Add(new("date", $"Ngày làm việc nằm ngoài thời gian {record.Agency.Name} được phân công giúp đỡ xã này."));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Biên bản làm việc chưa hợp lệ.", problems));

        record.Date = visit.Date;
        record.Participants = string.Join('\n', visit.Participants);
        record.Content = visit.Content;
        record.Findings = string.IsNullOrEmpty(visit.Findings) ? null : visit.Findings;
        record.Difficulties = visit.Difficulties.Count == 0 ? null : string.Join('\n', visit.Difficulties);
        if (support is not null)
        {
            // Removed as rows, not cleared from the list: a row cleared is first cut from its visit, and the trail could not say which commune it was for.
            db.RemoveRange(record.Support);
            record.Support.AddRange(
                support.Select(s => new VisitSupport
                {
                    Kind = s.Kind,
                    Description = s.Description,
                    Quantity = s.Quantity,
                    Unit = s.Unit,
                    Value = s.Value,
                })
            );
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// A visit recorded by mistake is deleted by its agency (or an administrator) while none of its recommendations has
    /// been answered, closed or judged not applicable: after that, others have acted on it and it stays.
    /// </summary>
    public async Task<Outcome> DeleteAsync(int id, CancellationToken ct)
    {
        var record = await db
            .Visits.Include(v => v.Agency)
            .Include(v => v.Support)
            .Include(v => v.Recommendations)
                .ThenInclude(r => r.Events)
            .AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Id == id, ct);
        if (record is null)
            return Outcome.NotFound($"Không có buổi làm việc số {id}.");
        if (await RefuseChangeAsync(record, ct) is { } refused)
            return refused;
        var acted = record.Recommendations.Where(r => r.Status != RecommendationStatus.Open || r.RespondedAt is not null).ToList();
        if (acted.Count > 0)
            return Outcome.Conflict(
                $"Không xóa được buổi làm việc ngày {record.Date:dd/MM/yyyy}: {acted.Count} kiến nghị của buổi này đã được trả lời hoặc xử lý."
            );
        db.Visits.Remove(record);
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private async Task<Outcome?> RefuseChangeAsync(VisitRecord record, CancellationToken ct) =>
        await access.CanChangeVisitAsync(record.AgencyId, ct)
            ? null
            : Outcome.Forbidden($"Chỉ {record.Agency.Name} (đơn vị đã ghi) mới sửa hoặc xóa được buổi làm việc này.");

    /// <summary>Support rows as the domain takes them; a kind not known is named by its row.</summary>
    private static List<SupportItem> Support(List<SupportInput> rows, List<Problem> problems)
    {
        var support = new List<SupportItem>();
        for (var i = 0; i < rows.Count; i++)
        {
            var kind = SupportKindOf(rows[i].Kind);
            if (kind is null)
                problems.Add(
                    new(
                        $"support[{i}].kind",
                        $"Hỗ trợ dòng {i + 1}: loại phải là gift (quà), money (tiền), materials (vật tư) hoặc inKind (ngày công, hiện vật)."
                    )
                );
            support.Add(
                new SupportItem(
                    kind ?? SupportKind.Gift,
                    rows[i].Description?.Trim() ?? "",
                    rows[i].Quantity,
                    rows[i].Unit?.Trim(),
                    rows[i].Value
                )
            );
        }
        return support;
    }

    /// <summary>What the columns can hold (the model's lengths, decision 0013), each named by its field or row.</summary>
    private IEnumerable<Problem> StoredLengths(Visit visit)
    {
        IEnumerable<Problem?> Check()
        {
            yield return db.TooLong((VisitRecord v) => v.Content, visit.Content, "content");
            yield return db.TooLong((VisitRecord v) => v.Findings, visit.Findings, "findings");
            yield return db.TooLong((VisitRecord v) => v.Participants, string.Join('\n', visit.Participants), "participants");
            yield return db.TooLong((VisitRecord v) => v.Difficulties, string.Join('\n', visit.Difficulties), "difficulties");
            for (var i = 0; i < visit.Recommendations.Count; i++)
            {
                yield return db.TooLong(
                    (RecommendationRecord r) => r.Text,
                    visit.Recommendations[i].Text,
                    $"recommendations[{i}].text",
                    $"Kiến nghị dòng {i + 1}: nội dung"
                );
                yield return db.TooLong(
                    (RecommendationRecord r) => r.ResponsibleSector,
                    visit.Recommendations[i].Responsible.Sector,
                    $"recommendations[{i}].sector",
                    $"Kiến nghị dòng {i + 1}: tên sở"
                );
            }
            for (var i = 0; i < visit.Support.Count; i++)
            {
                yield return db.TooLong(
                    (VisitSupport s) => s.Description,
                    visit.Support[i].Description,
                    $"support[{i}].description",
                    $"Hỗ trợ dòng {i + 1}: nội dung"
                );
                yield return db.TooLong(
                    (VisitSupport s) => s.Unit,
                    visit.Support[i].Unit,
                    $"support[{i}].unit",
                    $"Hỗ trợ dòng {i + 1}: đơn vị tính"
                );
            }
        }
        return Check().OfType<Problem>();
    }

    private static List<string> Lines(string? text) => string.IsNullOrEmpty(text) ? [] : [.. text.Split('\n')];
}

using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Data.Units;
using Mtqg.Data.Visits;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Domain.Visits;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Plans;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Visits;

/// <summary>Working visits of helping agencies to communes, and the recommendations raised there, tracked to closure.</summary>
public sealed class VisitService(AppDbContext db, Agencies agencies, UnitScope scope, TimeProvider clock)
{
    private DateOnly Today => ApiProblems.Today(clock);

    private Task<AdministrativeUnit?> CommuneNowAsync(string code, CancellationToken ct) =>
        UnitService.InForce(db.Units.AsNoTracking(), Today).FirstOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Commune, ct);

    public async Task<(int? Id, Outcome Outcome)> CreateAsync(VisitInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        Agency? agency;
        if (user.IsInRole(Roles.Admin))
        {
            agency = input.AgencyId is { } id ? await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) : null;
            if (agency is null) return (null, Outcome.Invalid("Biên bản làm việc chưa hợp lệ.", [new("agencyId", "Phải chọn đơn vị giúp đỡ xã.")]));
        }
        else if (user.IsInRole(Roles.Agency))
        {
            agency = await agencies.OfUserAsync(user, ct);
            if (agency is null) return (null, Outcome.Forbidden("Tài khoản chưa gắn với đơn vị giúp đỡ xã nào được phân công."));
            if (input.AgencyId is { } other && other != agency.Id) return (null, Outcome.Forbidden($"Tài khoản của {agency.Name} chỉ ghi được buổi làm việc của chính đơn vị mình."));
        }
        else return (null, Outcome.Forbidden("Chỉ đơn vị giúp đỡ xã mới ghi được buổi làm việc."));

        var code = input.CommuneCode?.Trim() ?? "";
        var problems = new List<Problem>();
        var commune = code.Length == 0 ? null : await CommuneNowAsync(code, ct);
        if (code.Length > 0 && (commune is null || commune.ProvinceCode != agency.ProvinceCode))
            problems.Add(new("communeCode", $"Mã \"{code}\" không phải xã đang có hiệu lực của tỉnh {agency.ProvinceCode}."));
        if (commune is not null && commune.ProvinceCode == agency.ProvinceCode && !user.IsInRole(Roles.Admin))
        {
            var assigned = await db.Assignments.AsNoTracking().Where(a => a.AgencyId == agency.Id && a.Communes.Any(c => c.CommuneCode == code))
                .Select(a => new { a.From, a.To }).ToListAsync(ct);
            if (assigned.Count == 0) return (null, Outcome.Forbidden($"{commune.FullName} không được phân công cho {agency.Name}: chỉ ghi được buổi làm việc ở xã được phân công."));
            if (input.Date is { } day && !assigned.Any(a => a.From <= day && a.To >= day))
                problems.Add(new("date", $"Ngày làm việc nằm ngoài thời gian {agency.Name} được phân công giúp đỡ {commune.FullName}."));
        }

        var support = Support(input.Support ?? [], problems);
        var drafts = new List<RecommendationDraft>();
        var recs = input.Recommendations ?? [];
        for (var i = 0; i < recs.Count; i++)
        {
            var party = Party(recs[i].Responsible, recs[i].Sector);
            if (party is null)
                problems.Add(new($"recommendations[{i}].responsible", $"Kiến nghị dòng {i + 1}: phải chọn nơi xử lý: department (một sở, ghi tên sở), commune (UBND xã) hoặc province (UBND tỉnh)."));
            drafts.Add(new RecommendationDraft(recs[i].Text ?? "", party ?? ResponsibleParty.Province, recs[i].DueDate));
        }
        var visit = new Visit
        {
            Date = input.Date ?? default, Agency = agency.Name, CommuneCode = code,
            Participants = [.. (input.Participants ?? []).Select(p => p?.Trim() ?? "")], Content = input.Content?.Trim() ?? "", Findings = input.Findings?.Trim(),
            Support = support, Difficulties = [.. (input.Difficulties ?? []).Select(d => d?.Trim() ?? "")], Recommendations = drafts,
        };
        if (input.Date is null) problems.Add(new("date", "Phải nhập ngày làm việc."));
        problems.AddRange(visit.Validate(Today).Where(p => !(p.Field == "date" && input.Date is null) && !(p.Field == "communeCode" && problems.Any(q => q.Field == "communeCode"))));
        problems.AddRange(StoredLengths(visit));
        if (problems.Count > 0) return (null, Outcome.Invalid("Biên bản làm việc chưa hợp lệ.", problems));

        var now = clock.GetUtcNow().UtcDateTime;
        var actor = user.Identity?.Name ?? "";
        visit.RaiseRecommendations(actor, Today, now, out var raised);
        db.Agencies.Attach(agency); // read without tracking; attached unchanged so the visit and its rows in the trail are named by it
        var record = new VisitRecord
        {
            Agency = agency, ProvinceCode = agency.ProvinceCode, CommuneCode = code, Date = visit.Date,
            Participants = string.Join('\n', visit.Participants), Content = visit.Content, Findings = string.IsNullOrEmpty(visit.Findings) ? null : visit.Findings,
            Difficulties = visit.Difficulties.Count == 0 ? null : string.Join('\n', visit.Difficulties),
            Support = [.. support.Select(s => new VisitSupport { Kind = s.Kind, Description = s.Description, Quantity = s.Quantity, Unit = s.Unit, Value = s.Value })],
            Recommendations = [.. raised.Select(r => new RecommendationRecord
            {
                AgencyId = agency.Id, ProvinceCode = agency.ProvinceCode, CommuneCode = code, Text = r.Text, RaisedOn = r.RaisedOn, RaisedBy = r.RaisedBy,
                ResponsibleKind = r.Responsible.Kind, ResponsibleSector = r.Responsible.Sector, DueDate = r.DueDate, Status = r.Status, UpdatedAt = now,
                Events = [.. r.History.Select(Event)],
            })],
            CreatedAt = now, CreatedBy = actor,
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
    public async Task<(VisitView? Visit, Outcome Outcome)> UpdateAsync(int id, VisitInput input, ClaimsPrincipal user, CancellationToken ct)
    {
        var record = await db.Visits.Include(v => v.Agency).Include(v => v.Support).FirstOrDefaultAsync(v => v.Id == id, ct);
        if (record is null) return (null, Outcome.NotFound($"Không có buổi làm việc số {id}."));
        if (await RefuseChangeAsync(record, user, ct) is { } refused) return (null, refused);
        var problems = new List<Problem>();
        if (input.CommuneCode is { } code && code.Trim() != record.CommuneCode)
            problems.Add(new("communeCode", "Không đổi được xã của buổi làm việc: nếu ghi nhầm xã, hãy xóa buổi này và ghi buổi mới."));
        if ((input.Recommendations?.Count ?? 0) > 0)
            problems.Add(new("recommendations", "Kiến nghị không sửa ở đây: mỗi kiến nghị được trả lời, đóng hoặc mở lại trên trang kiến nghị."));
        var support = input.Support is null ? null : Support(input.Support, problems);
        var visit = new Visit
        {
            Date = input.Date ?? record.Date, Agency = record.Agency.Name, CommuneCode = record.CommuneCode,
            Participants = input.Participants is null ? Lines(record.Participants) : [.. input.Participants.Select(p => p?.Trim() ?? "")],
            Content = input.Content?.Trim() ?? record.Content,
            Findings = input.Findings is null ? record.Findings : input.Findings.Trim(),
            Difficulties = input.Difficulties is null ? Lines(record.Difficulties) : [.. input.Difficulties.Select(d => d?.Trim() ?? "")],
            Support = support ?? [.. record.Support.Select(s => new SupportItem(s.Kind, s.Description, s.Quantity, s.Unit, s.Value))],
            Recommendations = [],
        };
        problems.AddRange(visit.Validate(Today));
        problems.AddRange(StoredLengths(visit));
        if (!user.IsInRole(Roles.Admin) && input.Date is { } day && day != record.Date
            && !await db.Assignments.AnyAsync(a => a.AgencyId == record.AgencyId && a.From <= day && a.To >= day && a.Communes.Any(c => c.CommuneCode == record.CommuneCode), ct))
            problems.Add(new("date", $"Ngày làm việc nằm ngoài thời gian {record.Agency.Name} được phân công giúp đỡ xã này."));
        if (problems.Count > 0) return (null, Outcome.Invalid("Biên bản làm việc chưa hợp lệ.", problems));

        record.Date = visit.Date;
        record.Participants = string.Join('\n', visit.Participants);
        record.Content = visit.Content;
        record.Findings = string.IsNullOrEmpty(visit.Findings) ? null : visit.Findings;
        record.Difficulties = visit.Difficulties.Count == 0 ? null : string.Join('\n', visit.Difficulties);
        if (support is not null)
        {
            // Removed as rows, not cleared from the list: a row cleared is first cut from its visit, and the trail could not say which commune it was for.
            db.RemoveRange(record.Support);
            record.Support.AddRange(support.Select(s => new VisitSupport { Kind = s.Kind, Description = s.Description, Quantity = s.Quantity, Unit = s.Unit, Value = s.Value }));
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, user, ct);
    }

    /// <summary>
    /// A visit recorded by mistake is deleted by its agency (or an administrator) while none of its recommendations has
    /// been answered, closed or judged not applicable: after that, others have acted on it and it stays.
    /// </summary>
    public async Task<Outcome> DeleteAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var record = await db.Visits.Include(v => v.Agency).Include(v => v.Support).Include(v => v.Recommendations).ThenInclude(r => r.Events)
            .AsSplitQuery().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (record is null) return Outcome.NotFound($"Không có buổi làm việc số {id}.");
        if (await RefuseChangeAsync(record, user, ct) is { } refused) return refused;
        var acted = record.Recommendations.Where(r => r.Status != RecommendationStatus.Open || r.RespondedAt is not null).ToList();
        if (acted.Count > 0)
            return Outcome.Conflict($"Không xóa được buổi làm việc ngày {record.Date:dd/MM/yyyy}: {acted.Count} kiến nghị của buổi này đã được trả lời hoặc xử lý.");
        db.Visits.Remove(record);
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private async Task<Outcome?> RefuseChangeAsync(VisitRecord record, ClaimsPrincipal user, CancellationToken ct) =>
        await CanChangeAsync(record.AgencyId, user, ct) ? null : Outcome.Forbidden($"Chỉ {record.Agency.Name} (đơn vị đã ghi) mới sửa hoặc xóa được buổi làm việc này.");

    /// <summary>Support rows as the domain takes them; a kind not known is named by its row.</summary>
    private static List<SupportItem> Support(List<SupportInput> rows, List<Problem> problems)
    {
        var support = new List<SupportItem>();
        for (var i = 0; i < rows.Count; i++)
        {
            var kind = SupportKindOf(rows[i].Kind);
            if (kind is null) problems.Add(new($"support[{i}].kind", $"Hỗ trợ dòng {i + 1}: loại phải là gift (quà), money (tiền), materials (vật tư) hoặc inKind (ngày công, hiện vật)."));
            support.Add(new SupportItem(kind ?? SupportKind.Gift, rows[i].Description?.Trim() ?? "", rows[i].Quantity, rows[i].Unit?.Trim(), rows[i].Value));
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
                yield return db.TooLong((RecommendationRecord r) => r.Text, visit.Recommendations[i].Text, $"recommendations[{i}].text", $"Kiến nghị dòng {i + 1}: nội dung");
                yield return db.TooLong((RecommendationRecord r) => r.ResponsibleSector, visit.Recommendations[i].Responsible.Sector, $"recommendations[{i}].sector", $"Kiến nghị dòng {i + 1}: tên sở");
            }
            for (var i = 0; i < visit.Support.Count; i++)
            {
                yield return db.TooLong((VisitSupport s) => s.Description, visit.Support[i].Description, $"support[{i}].description", $"Hỗ trợ dòng {i + 1}: nội dung");
                yield return db.TooLong((VisitSupport s) => s.Unit, visit.Support[i].Unit, $"support[{i}].unit", $"Hỗ trợ dòng {i + 1}: đơn vị tính");
            }
        }
        return Check().OfType<Problem>();
    }

    /// <summary>Whether the account may correct or delete the visit (for the page).</summary>
    public async Task<bool> CanChangeAsync(int visitAgencyId, ClaimsPrincipal user, CancellationToken ct) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Agency) && (await agencies.OfUserAsync(user, ct))?.Id == visitAgencyId;

    public async Task<(VisitView? Visit, Outcome Outcome)> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var visit = await db.Visits.AsNoTracking().Include(v => v.Agency).Include(v => v.Support).Include(v => v.Recommendations)
            .AsSplitQuery().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (visit is null) return (null, Outcome.NotFound($"Không có buổi làm việc số {id}."));
        var commune = await CommuneNowAsync(visit.CommuneCode, ct);
        if (commune is null || !await CanReadAsync(user, commune, visit.AgencyId, ct))
            return (null, Outcome.Forbidden("Tài khoản không có quyền xem buổi làm việc này."));
        var today = Today;
        return (new VisitView(visit.Id, visit.Date, visit.AgencyId, visit.Agency.Name, visit.ProvinceCode, visit.CommuneCode, commune.FullName,
            Lines(visit.Participants), visit.Content, visit.Findings,
            [.. visit.Support.OrderBy(s => s.Id).Select(s => new SupportView(SupportCode(s.Kind), SupportName(s.Kind), s.Description, s.Quantity, s.Unit, s.Value))],
            visit.Support.Sum(s => s.Value ?? 0), Lines(visit.Difficulties),
            [.. visit.Recommendations.OrderBy(r => r.Id).Select(r => Line(r, commune.FullName, today))], visit.CreatedBy, visit.CreatedAt), Outcome.Done);
    }

    /// <summary>An agency reads its own visits and the communes it helps; the others as the commune's read scope says.</summary>
    private async Task<bool> CanReadAsync(ClaimsPrincipal user, AdministrativeUnit commune, int agencyId, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Agency) && (await agencies.OfUserAsync(user, ct))?.Id == agencyId) return true;
        return await scope.CanReadCommuneAsync(user, commune, ct);
    }

    /// <summary>Visits of a commune (its timeline, newest first), of an agency, or of a province.</summary>
    public async Task<(IReadOnlyList<VisitLine>? Visits, Outcome Outcome)> ListAsync(string? province, string? communeCode, int? agencyId, ClaimsPrincipal user, CancellationToken ct)
    {
        var (query, outcome) = await ScopeAsync(db.Visits.AsNoTracking(), province, communeCode, agencyId, user, ct);
        if (query is null) return (null, outcome);
        var rows = await query.OrderByDescending(v => v.Date).ThenByDescending(v => v.Id).Take(500)
            .Select(v => new
            {
                v.Id, v.Date, v.AgencyId, Agency = v.Agency.Name, v.CommuneCode, v.Content, Recs = v.Recommendations.Count,
                Open = v.Recommendations.Count(r => r.Status == RecommendationStatus.Open || r.Status == RecommendationStatus.InProgress),
                Values = v.Support.Select(s => s.Value).ToList(),
            }).ToListAsync(ct);
        var names = await agencies.NamesAsync(rows.Select(r => r.CommuneCode), Today, ct);
        return ([.. rows.Select(r => new VisitLine(r.Id, r.Date, r.AgencyId, r.Agency, r.CommuneCode, names.GetValueOrDefault(r.CommuneCode, r.CommuneCode),
            r.Content, r.Recs, r.Open, r.Values.Sum(v => v ?? 0)))], Outcome.Done);
    }

    /// <summary>
    /// Narrows a query of visits or recommendations to what the filter asks and the account may read: a commune (its read
    /// scope, or an agency's own rows there); an agency (the agency itself, or a reader of its province); a province.
    /// An agency account only ever sees rows of the communes it helps or its own.
    /// </summary>
    private async Task<(IQueryable<T>? Query, Outcome Outcome)> ScopeAsync<T>(IQueryable<T> query, string? province, string? communeCode, int? agencyId, ClaimsPrincipal user, CancellationToken ct)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(province) && string.IsNullOrWhiteSpace(communeCode) && agencyId is null)
            return (null, Outcome.Invalid("Thiếu điều kiện lọc.", [new("province", "Chọn tỉnh (province), xã (commune) hoặc đơn vị giúp đỡ (agency).")]));
        var own = user.IsInRole(Roles.Agency) ? await agencies.OfUserAsync(user, ct) : null;
        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            var commune = await CommuneNowAsync(communeCode.Trim(), ct);
            if (commune is null) return (null, Outcome.NotFound($"Không có xã mã \"{communeCode}\" đang có hiệu lực."));
            var readable = await scope.CanReadCommuneAsync(user, commune, ct);
            if (!readable && (own is null || own.ProvinceCode != commune.ProvinceCode)) return (null, Outcome.Forbidden($"Tài khoản không có quyền xem {commune.FullName}."));
            query = query.Where(x => EF.Property<string>(x, "CommuneCode") == commune.Code);
            if (!readable) query = query.Where(x => EF.Property<int>(x, "AgencyId") == own!.Id);
        }
        if (agencyId is not null)
        {
            var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agencyId, ct);
            if (agency is null) return (null, Outcome.NotFound($"Không có đơn vị giúp đỡ số {agencyId}."));
            if (own?.Id != agency.Id && (own is not null || !Agencies.CanRead(user, agency.ProvinceCode)))
                return (null, Outcome.Forbidden($"Tài khoản không có quyền xem việc của {agency.Name}."));
            query = query.Where(x => EF.Property<int>(x, "AgencyId") == agency.Id);
        }
        if (!string.IsNullOrWhiteSpace(province))
        {
            if (!Agencies.CanRead(user, province.Trim())) return (null, Outcome.Forbidden($"Tài khoản không có quyền xem số liệu của tỉnh {province}."));
            query = query.Where(x => EF.Property<string>(x, "ProvinceCode") == province.Trim());
            if (own is not null)
            {
                var communes = await agencies.CommunesAsync(own.Id, null, ct);
                query = query.Where(x => EF.Property<int>(x, "AgencyId") == own.Id || communes.Contains(EF.Property<string>(x, "CommuneCode")));
            }
        }
        return (query, Outcome.Done);
    }

    // ---- Recommendations ----

    /// <summary>Recommendations of a commune, agency or province; open ones only by default, oldest first, each with its overdue mark.</summary>
    public async Task<(IReadOnlyList<RecommendationLine>? Items, Outcome Outcome)> RecommendationsAsync(RecommendationFilter filter, ClaimsPrincipal user, CancellationToken ct)
    {
        var (query, outcome) = await ScopeAsync(db.Recommendations.AsNoTracking(), filter.Province, filter.Commune, filter.Agency, user, ct);
        if (query is null) return (null, outcome);
        if (filter.OpenOnly) query = query.Where(r => r.Status == RecommendationStatus.Open || r.Status == RecommendationStatus.InProgress);
        var rows = await query.OrderBy(r => r.RaisedOn).ThenBy(r => r.Id).Take(2000).ToListAsync(ct);
        var names = await agencies.NamesAsync(rows.Select(r => r.CommuneCode), Today, ct);
        var today = Today;
        // Domain order: oldest raised first, then the earliest due date, undated last.
        return ([.. rows.OrderBy(r => r.RaisedOn).ThenBy(r => r.DueDate ?? DateOnly.MaxValue).ThenBy(r => r.Id)
            .Select(r => Line(r, names.GetValueOrDefault(r.CommuneCode, r.CommuneCode), today))], Outcome.Done);
    }

    public async Task<(RecommendationView? Item, Outcome Outcome)> RecommendationAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var record = await db.Recommendations.AsNoTracking().Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null) return (null, Outcome.NotFound($"Không có kiến nghị số {id}."));
        var commune = await CommuneNowAsync(record.CommuneCode, ct);
        var party = PartyOf(user, record);
        if (commune is null || party is null && !await CanReadAsync(user, commune, record.AgencyId, ct))
            return (null, Outcome.Forbidden("Tài khoản không có quyền xem kiến nghị này."));
        var history = record.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => new RecommendationEventView(e.AtUtc, e.Actor, e.Action.ToString(), ActionName(e.Action), StatusCode(e.From), StatusCode(e.To), e.Text)).ToList();
        var canAnswer = record.Status is RecommendationStatus.Open or RecommendationStatus.InProgress && party == Responsible(record);
        var canReopen = record.Status == RecommendationStatus.Closed && await CanReopenAsync(user, record, ct);
        return (new RecommendationView(Line(record, commune.FullName, Today), history, canAnswer, canReopen), Outcome.Done);
    }

    public Task<Outcome> RespondAsync(int id, string? text, ClaimsPrincipal user, CancellationToken ct) =>
        TooLong((RecommendationRecord r) => r.Response, text) ?? TransitionAsync(id, user, ct, (r, party, actor, now) => r.Respond(party, actor, text ?? "", now));

    public Task<Outcome> CloseAsync(int id, string? text, ClaimsPrincipal user, CancellationToken ct) =>
        TooLong((RecommendationRecord r) => r.Response, text) ?? TransitionAsync(id, user, ct, (r, party, actor, now) => r.Close(party, actor, text ?? "", now));

    public Task<Outcome> RejectAsync(int id, string? reason, ClaimsPrincipal user, CancellationToken ct) =>
        TooLong((RecommendationRecord r) => r.RejectionReason, reason) ?? TransitionAsync(id, user, ct, (r, party, actor, now) => r.RejectAsNotApplicable(party, actor, reason ?? "", now));

    public Task<Outcome> ReopenAsync(int id, string? reason, ClaimsPrincipal user, CancellationToken ct) =>
        TooLong((RecommendationEventRecord e) => e.Text, reason) ?? TransitionAsync(id, user, ct, (r, _, actor, now) => r.Reopen(actor, reason ?? "", now), reopen: true);

    /// <summary>An answer, result or reason longer than its column (and the recommendation's history) holds.</summary>
    private Task<Outcome>? TooLong<T>(Expression<Func<T, string?>> column, string? text) =>
        db.TooLong(column, text?.Trim(), "text", "Nội dung") is { } problem ? Task.FromResult(Outcome.Invalid("Nội dung quá dài.", [problem])) : null;

    private async Task<Outcome> TransitionAsync(int id, ClaimsPrincipal user, CancellationToken ct, Func<Recommendation, ResponsibleParty, string, DateTime, Outcome> act, bool reopen = false)
    {
        var record = await db.Recommendations.Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null) return Outcome.NotFound($"Không có kiến nghị số {id}.");
        var responsible = Responsible(record);
        var party = PartyOf(user, record);
        if (reopen)
        {
            if (!await CanReopenAsync(user, record, ct)) return Outcome.Forbidden("Chỉ đơn vị đã nêu kiến nghị hoặc Văn phòng Điều phối của tỉnh mới mở lại được kiến nghị.");
        }
        else if (party != responsible) return Outcome.Forbidden($"Chỉ {responsible.DisplayName} mới xử lý được kiến nghị này.");
        var recommendation = Restore(record);
        var before = recommendation.History.Count;
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = act(recommendation, responsible, user.Identity?.Name ?? "", now);
        if (!outcome.IsDone) return outcome;
        (record.Status, record.Response, record.RespondedAt, record.ClosedBy, record.ClosedAt, record.RejectionReason) =
            (recommendation.Status, recommendation.Response, recommendation.RespondedAt, recommendation.ClosedBy, recommendation.ClosedAt, recommendation.RejectionReason);
        record.UpdatedAt = now;
        record.Events.AddRange(recommendation.History.Skip(before).Select(Event));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome.Conflict("Kiến nghị vừa được người khác xử lý; tải lại để xem trạng thái mới."); }
        return Outcome.Done;
    }

    private async Task<bool> CanReopenAsync(ClaimsPrincipal user, RecommendationRecord record, CancellationToken ct) =>
        Agencies.CanManage(user, record.ProvinceCode) || user.IsInRole(Roles.Agency) && (await agencies.OfUserAsync(user, ct))?.Id == record.AgencyId;

    /// <summary>The party an account acts as for this recommendation: a department (an appraiser of the province, by its sector),
    /// the commune's officer, the province's coordination office; an administrator acts as the responsible party.</summary>
    public static ResponsibleParty? PartyOf(ClaimsPrincipal user, RecommendationRecord record)
    {
        if (user.IsInRole(Roles.Admin)) return Responsible(record);
        if (user.IsInRole(Roles.Appraiser) && user.UnitCode() == record.ProvinceCode && user.FindFirstValue(AppUserClaimsFactory.SectorClaim) is { Length: > 0 } sector)
            return ResponsibleParty.Department(sector);
        if (user.IsInRole(Roles.Commune) && user.UnitCode() == record.CommuneCode) return ResponsibleParty.Commune;
        if (user.IsInRole(Roles.Coordinator) && user.UnitCode() == record.ProvinceCode) return ResponsibleParty.Province;
        return null;
    }

    /// <summary>Whether the account may answer (respond, close) this open recommendation now: the pages ask before showing the forms.</summary>
    public static bool CanAnswer(ClaimsPrincipal user, RecommendationLine line)
    {
        if (line.Status is not ("open" or "inProgress")) return false;
        var record = new RecommendationRecord
        {
            ProvinceCode = line.ProvinceCode, CommuneCode = line.CommuneCode, Text = line.Text, RaisedBy = line.RaisedBy,
            ResponsibleKind = line.Responsible switch { "department" => PartyKind.Department, "commune" => PartyKind.Commune, _ => PartyKind.Province },
            ResponsibleSector = line.Sector,
        };
        return PartyOf(user, record) == Responsible(record);
    }

    private static ResponsibleParty Responsible(RecommendationRecord r) => r.ResponsibleKind switch
    {
        PartyKind.Department => ResponsibleParty.Department(r.ResponsibleSector ?? "?"),
        PartyKind.Commune => ResponsibleParty.Commune,
        _ => ResponsibleParty.Province,
    };

    private static Recommendation Restore(RecommendationRecord r) =>
        Recommendation.Restore(r.Text, r.RaisedOn, r.RaisedBy, r.CommuneCode, Responsible(r), r.DueDate, r.Status, r.Response, r.RespondedAt, r.ClosedBy, r.ClosedAt,
            r.RejectionReason, r.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => new RecommendationEvent(e.AtUtc, e.Actor, e.Action, e.From, e.To, e.Text)));

    private static RecommendationEventRecord Event(RecommendationEvent e) =>
        new() { AtUtc = e.AtUtc, Actor = e.Actor, Action = e.Action, From = e.From, To = e.To, Text = e.Text };

    public static RecommendationLine Line(RecommendationRecord r, string communeName, DateOnly today)
    {
        var domain = Restore(r);
        var responsible = Responsible(r);
        return new(r.Id, r.VisitId, r.Text, r.RaisedOn, r.RaisedBy, r.AgencyId, r.ProvinceCode, r.CommuneCode, communeName,
            responsible.Kind switch { PartyKind.Department => "department", PartyKind.Commune => "commune", _ => "province" }, r.ResponsibleSector,
            responsible.DisplayName, r.DueDate, StatusCode(r.Status), Recommendation.StatusName(r.Status), domain.IsOverdue(today), domain.DaysOpen(today),
            r.Response, r.RespondedAt, r.ClosedBy, r.ClosedAt, r.RejectionReason);
    }

    public static ResponsibleParty? Party(string? kind, string? sector) => kind?.Trim() switch
    {
        "department" when !string.IsNullOrWhiteSpace(sector) => ResponsibleParty.Department(sector),
        "commune" => ResponsibleParty.Commune,
        "province" => ResponsibleParty.Province,
        _ => null,
    };

    public static string StatusCode(RecommendationStatus status) => status switch
    {
        RecommendationStatus.Open => "open", RecommendationStatus.InProgress => "inProgress", RecommendationStatus.Closed => "closed", _ => "notApplicable",
    };

    public static string ActionName(RecommendationAction action) => action switch
    {
        RecommendationAction.Raised => "Nêu kiến nghị", RecommendationAction.Responded => "Trả lời", RecommendationAction.Closed => "Đóng",
        RecommendationAction.RejectedAsNotApplicable => "Không thuộc phạm vi xử lý", _ => "Mở lại",
    };

    public static SupportKind? SupportKindOf(string? kind) => kind?.Trim() switch
    {
        "gift" => SupportKind.Gift, "money" => SupportKind.Money, "materials" => SupportKind.Materials, "inKind" => SupportKind.InKindWork, _ => null,
    };

    public static string SupportCode(SupportKind kind) => kind switch
    {
        SupportKind.Gift => "gift", SupportKind.Money => "money", SupportKind.Materials => "materials", _ => "inKind",
    };

    public static string SupportName(SupportKind kind) => kind switch
    {
        SupportKind.Gift => "Quà tặng", SupportKind.Money => "Tiền", SupportKind.Materials => "Vật tư", _ => "Ngày công, hiện vật",
    };

    private static List<string> Lines(string? text) => string.IsNullOrEmpty(text) ? [] : [.. text.Split('\n')];
}

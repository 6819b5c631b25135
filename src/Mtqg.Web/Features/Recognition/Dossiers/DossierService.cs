using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;
using Mtqg.Domain.Units;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Recognition;

/// <summary>
/// The recognition process around the pure <see cref="Dossier"/>: load the stored snapshot, check who
/// may act (role and unit, on the server), let the domain decide, store the new snapshot in one
/// SaveChanges (audited by the interceptor). Illegal steps come back as conflicts naming the state.
/// </summary>
public sealed class DossierService(AppDbContext db, ScorecardService scorecards, SetCatalog catalog, ProvinceLineage lineage, FileStore store, TimeProvider clock)
{
    private const int MaxAttempts = 8;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => ApiProblems.Today(clock);

    public static Actor ActorOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "?",
        user.FindFirstValue(AppUserClaimsFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "?");

    public static string? SectorOf(ClaimsPrincipal user) => user.FindFirstValue(AppUserClaimsFactory.SectorClaim);

    // ---- who may do what (DESIGN §8) ----

    public static bool CanRead(ClaimsPrincipal user, DossierRecord d) => CanRead(user, d.ProvinceCode, d.CommuneCode);

    public static bool CanRead(ClaimsPrincipal user, string province, string commune) =>
        user.Identity?.IsAuthenticated == true && (
            user.IsInRole(Roles.Admin)
            || user.IsInRole(Roles.Viewer) && (user.UnitCode() is null || user.UnitCode() == province)
            || (user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Appraiser) || user.IsInRole(Roles.Agency)) && user.UnitCode() == province
            || user.IsInRole(Roles.Commune) && user.UnitCode() == commune);

    /// <summary>The commune officer of the dossier's commune (and administrators): create, edit, evidence, submit, resubmit.</summary>
    public static bool CanEdit(ClaimsPrincipal user, string commune) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Commune) && user.UnitCode() == commune;

    /// <summary>An appraiser of the province whose sector owns the criterion (and administrators).</summary>
    public static bool CanAppraise(ClaimsPrincipal user, DossierRecord d, string? sector) =>
        user.IsInRole(Roles.Admin)
        || user.IsInRole(Roles.Appraiser) && user.UnitCode() == d.ProvinceCode && SameSector(SectorOf(user), sector);

    /// <summary>The coordination office of the province (and administrators): council and decision.</summary>
    public static bool CanCoordinate(ClaimsPrincipal user, string province) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Coordinator) && user.UnitCode() == province;

    public static bool SameSector(string? a, string? b) =>
        a is not null && b is not null &&
        string.Equals(a.Trim().Normalize(NormalizationForm.FormC), b.Trim().Normalize(NormalizationForm.FormC), StringComparison.OrdinalIgnoreCase);

    // ---- create, read, list ----

    public async Task<(DossierDto? Dossier, Outcome Outcome)> CreateAsync(CreateDossierRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(request.Commune)) problems.Add(new("commune", "Chưa có mã xã."));
        if (request.Year is null) problems.Add(new("year", "Chưa có năm đề nghị."));
        if (problems.Count > 0) return (null, Outcome.Invalid("Thiếu thông tin lập hồ sơ.", problems));
        var code = request.Commune!.Trim();
        var year = request.Year!.Value;
        if (!CanEdit(user, code)) return (null, Outcome.Forbidden($"Chỉ cán bộ của xã {code} (hoặc quản trị) được lập hồ sơ đề nghị của xã."));

        var (set, setOutcome) = await scorecards.SetForAsync(request.Set, year, ct);
        if (set is null) return (null, setOutcome);
        var commune = await scorecards.CommuneAsync(code, year, ct);
        if (commune is null) return (null, Outcome.NotFound($"Không có xã mã \"{code}\" có hiệu lực ngày 31/12/{year}."));
        if (!commune.Kind.IsRural()) return (null, Outcome.Invalid("Chỉ xã mới được đề nghị công nhận.", [new("commune", $"{commune.FullName} không phải xã: tiêu chí nông thôn mới không áp dụng.")]));
        var level = string.IsNullOrWhiteSpace(request.Level) ? set.LowestLevel : request.Level.Trim();
        if (set.Levels.All(l => l.Code != level))
            return (null, Outcome.Invalid("Mức đạt chuẩn không hợp lệ.", [new("level", $"Bộ tiêu chí {set.Code} không có mức \"{level}\"; các mức: {string.Join(", ", set.Levels.Select(l => l.Code))}.")]));

        var open = await db.Dossiers.AsNoTracking()
            .Where(d => d.CommuneCode == code && d.Year == year && d.SetCode == set.Code && d.LevelCode == level && d.Status != DossierStatus.Rejected)
            .Select(d => new { d.Id, d.Status }).FirstOrDefaultAsync(ct);
        if (open is not null)
            return (null, Outcome.Conflict($"Xã đã có hồ sơ đề nghị #{open.Id} năm {year}, mức {level} (trạng thái «{open.Status.Label()}»); không lập hồ sơ thứ hai."));

        var actor = ActorOf(user);
        var now = Now;
        var dossier = Dossier.Create(commune.Code, year, set.Code, level, actor, now, set.RequiredSatisfaction);
        var card = await scorecards.EvaluateCommuneAsync(set, commune, year, level, ct);
        var sectors = await SectorsAsync(set.Id, ct);
        var refreshed = dossier.RefreshCriteria(card, sectors, actor, now);
        if (!refreshed.IsDone) return (null, Conflict(refreshed));

        var record = new DossierRecord
        {
            CommuneCode = commune.Code, CommuneName = commune.FullName, Year = year, SetCode = set.Code, LevelCode = level,
            ProvinceCode = await lineage.ProvinceNowAsync(commune.ProvinceCode, commune.ValidTo),
            CreatedById = actor.Id, CreatedByName = actor.Name, CreatedAt = now,
        };
        Store(dossier, record, now);
        FreezeIndicators(record, card, null);
        db.Dossiers.Add(record);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(record.Id, user, ct)).Dossier is { } dto ? (dto, Outcome.Done) : (null, Outcome.NotFound("?"));
    }

    public async Task<(DossierDto? Dossier, Outcome Outcome)> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var record = await db.Dossiers.AsNoTracking().AsSplitQuery()
            .Include(d => d.Criteria).Include(d => d.Indicators).Include(d => d.Appraisals).Include(d => d.Events).Include(d => d.Evidence).Include(d => d.Decision)
            .FirstOrDefaultAsync(d => d.Id == id, ct);
        if (record is null) return (null, NotFound(id));
        if (!CanRead(user, record)) return (null, Forbidden(record));
        return (ToDto(record), Outcome.Done);
    }

    public async Task<IReadOnlyList<DossierListItem>> ListAsync(ClaimsPrincipal user, string? province, string? commune, int? year, DossierStatus? status, CancellationToken ct)
    {
        var query = db.Dossiers.AsNoTracking().AsQueryable();
        if (!user.IsInRole(Roles.Admin))
        {
            var unit = user.UnitCode();
            if (user.IsInRole(Roles.Commune)) query = query.Where(d => d.CommuneCode == unit);
            else if (unit is not null) query = query.Where(d => d.ProvinceCode == unit);
            else if (!user.IsInRole(Roles.Viewer)) return [];
        }
        if (!string.IsNullOrWhiteSpace(province)) query = query.Where(d => d.ProvinceCode == province);
        if (!string.IsNullOrWhiteSpace(commune)) query = query.Where(d => d.CommuneCode == commune);
        if (year is not null) query = query.Where(d => d.Year == year);
        if (status is not null) query = query.Where(d => d.Status == status);
        var records = await query.AsSplitQuery().Include(d => d.Criteria).Include(d => d.Appraisals).Include(d => d.Decision)
            .OrderByDescending(d => d.UpdatedAt).Take(500).ToListAsync(ct);
        return [.. records.Select(d =>
        {
            var domain = Dossier.Restore(SnapshotOf(d));
            return new DossierListItem(d.Id, new UnitRef(d.CommuneCode, d.CommuneName), d.ProvinceCode, d.Year, d.SetCode, d.LevelCode,
                StatusCode(d.Status), d.Status.Label(), d.CreatedAt, d.SubmittedAt, d.UpdatedAt, d.Criteria.Count,
                d.Criteria.Count(c => c.State is CriterionAppraisalState.Met or CriterionAppraisalState.NotMet),
                d.Criteria.Count(c => c.State == CriterionAppraisalState.Pending),
                d.Criteria.Count(c => c.State == CriterionAppraisalState.SentBack),
                SectorsOf(domain), d.Decision?.Number);
        })];
    }

    /// <summary>The criteria waiting for the appraiser's department in their province (administrators: all).</summary>
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Appraiser)) return [];
        var query = db.DossierCriteria.AsNoTracking().Where(c => c.State == CriterionAppraisalState.Pending)
            .Join(db.Dossiers.AsNoTracking(), c => c.DossierId, d => d.Id, (c, d) => new { c, d });
        if (!user.IsInRole(Roles.Admin))
        {
            var unit = user.UnitCode();
            query = query.Where(x => x.d.ProvinceCode == unit);
        }
        var rows = await query.Select(x => new QueueItem(x.d.Id, new UnitRef(x.d.CommuneCode, x.d.CommuneName), x.d.Year, x.d.LevelCode,
            x.c.Number, x.c.Name, x.c.ResponsibleSector ?? "", x.c.Round, x.c.SentToAppraisalAt ?? x.d.UpdatedAt)).ToListAsync(ct);
        var sector = SectorOf(user);
        return [.. rows.Where(r => user.IsInRole(Roles.Admin) || SameSector(r.Sector, sector)).OrderBy(r => r.Since).ThenBy(r => r.DossierId).ThenBy(r => r.Criterion)];
    }

    // ---- commune steps ----

    public async Task<(DossierDto? Dossier, Outcome Outcome)> UpdateAsync(int id, UpdateDossierRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (request.ResidentSatisfaction is < 0 or > 100) problems.Add(new("residentSatisfaction", "Tỷ lệ hài lòng phải từ 0 đến 100 (%)."));
        if (db.TooLong((DossierRecord d) => d.Note, request.Note?.Trim(), "note") is { } tooLong) problems.Add(tooLong);
        if (problems.Count > 0) return (null, Outcome.Invalid("Dữ liệu hồ sơ không hợp lệ.", problems));
        return await StepAsync(id, user, request.Version, ct, (record, _) => CanEdit(user, record.CommuneCode) ? null : EditForbidden(record),
            async (record, dossier, actor, now) =>
            {
                if (dossier.Status == DossierStatus.Draft)
                {
                    var refreshed = await RefreshAsync(record, dossier, actor, now, ct);
                    if (!refreshed.IsDone) return refreshed;
                }
                if (request.ResidentSatisfaction is { } s && dossier.SetResidentSatisfaction(s) is { IsDone: false } a) return a;
                if (request.NoConstructionDebtDeclared is { } n && dossier.DeclareNoConstructionDebt(n) is { IsDone: false } b) return b;
                if (request.Note is not null && dossier.SetNote(request.Note) is { IsDone: false } c) return c;
                return Outcome.Done;
            });
    }

    public Task<(DossierDto? Dossier, Outcome Outcome)> SubmitAsync(int id, ClaimsPrincipal user, CancellationToken ct) =>
        StepAsync(id, user, null, ct, (record, _) => CanEdit(user, record.CommuneCode) ? null : EditForbidden(record),
            async (record, dossier, actor, now) =>
            {
                if (dossier.Status == DossierStatus.Draft)
                {
                    var refreshed = await RefreshAsync(record, dossier, actor, now, ct);
                    if (!refreshed.IsDone) return refreshed;
                }
                return dossier.Submit(actor, now);
            });

    public Task<(DossierDto? Dossier, Outcome Outcome)> ResubmitAsync(int id, ClaimsPrincipal user, CancellationToken ct) =>
        StepAsync(id, user, null, ct, (record, _) => CanEdit(user, record.CommuneCode) ? null : EditForbidden(record),
            async (record, dossier, actor, now) =>
            {
                if (dossier.Status == DossierStatus.SentBack)
                {
                    var refreshed = await RefreshAsync(record, dossier, actor, now, ct);
                    if (!refreshed.IsDone) return refreshed;
                }
                return dossier.Resubmit(actor, now);
            });

    // ---- departments ----

    public async Task<(DossierDto? Dossier, Outcome Outcome)> AppraiseAsync(int id, int criterion, AppraiseRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        AppraisalResult? result = request.Result?.Trim().ToLowerInvariant() switch
        {
            "met" or "dat" or "đạt" => AppraisalResult.Met,
            "not_met" or "chua_dat" or "chưa đạt" => AppraisalResult.NotMet,
            _ => null,
        };
        if (result is null) return (null, Outcome.Invalid("Kết quả thẩm định không hợp lệ.", [new("result", "Kết quả phải là \"met\" (đạt) hoặc \"not_met\" (chưa đạt).")]));
        if (db.TooLong((AppraisalRecord a) => a.Comment, request.Comment?.Trim(), "comment") is { } tooLong)
            return (null, Outcome.Invalid("Ý kiến thẩm định quá dài.", [tooLong]));
        return await StepAsync(id, user, null, ct, (record, _) => RefuseAppraiser(user, record, criterion),
            (record, dossier, actor, now) => Task.FromResult(dossier.Appraise(criterion, SectorFor(record, criterion, user), result.Value, request.Comment, actor, now)));
    }

    public async Task<(DossierDto? Dossier, Outcome Outcome)> SendBackAsync(int id, int criterion, SendBackRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            return (null, Outcome.Invalid("Thiếu lý do trả lại.", [new("reason", "Ghi rõ lý do trả lại để xã biết cần bổ sung gì.")]));
        if (db.TooLong((AppraisalRecord a) => a.Comment, request.Reason.Trim(), "reason", "Lý do trả lại") is { } tooLong)
            return (null, Outcome.Invalid("Lý do trả lại quá dài.", [tooLong]));
        return await StepAsync(id, user, null, ct, (record, _) => RefuseAppraiser(user, record, criterion),
            (record, dossier, actor, now) => Task.FromResult(dossier.SendBack(criterion, SectorFor(record, criterion, user), request.Reason, actor, now)));
    }

    private static Outcome? RefuseAppraiser(ClaimsPrincipal user, DossierRecord record, int criterion)
    {
        var sector = record.Criteria.FirstOrDefault(c => c.Number == criterion)?.ResponsibleSector;
        if (CanAppraise(user, record, sector)) return null;
        return Outcome.Forbidden(user.IsInRole(Roles.Appraiser) && user.UnitCode() == record.ProvinceCode
            ? $"Tiêu chí {criterion} do {sector ?? "sở khác"} thẩm định; tài khoản thuộc {SectorOf(user) ?? "(chưa có sở)"}."
            : $"Chỉ sở phụ trách của tỉnh {record.ProvinceCode} được thẩm định hồ sơ này.");
    }

    private static string SectorFor(DossierRecord record, int criterion, ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) ? record.Criteria.FirstOrDefault(c => c.Number == criterion)?.ResponsibleSector ?? "" : SectorOf(user) ?? "";

    // ---- coordination office ----

    public async Task<(DossierDto? Dossier, Outcome Outcome)> RecordCouncilAsync(int id, CouncilRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (request.Date is null) problems.Add(new("date", "Chưa có ngày họp (yyyy-MM-dd)."));
        else if (PastDate.Check("date", "Ngày họp hội đồng", request.Date, Today) is { } future) problems.Add(future);
        if (request.Members is null || request.Members.All(string.IsNullOrWhiteSpace)) problems.Add(new("members", "Chưa có thành viên hội đồng."));
        if (request.VotesFor is null) problems.Add(new("votesFor", "Chưa có số phiếu tán thành."));
        if (request.VotesAgainst is null) problems.Add(new("votesAgainst", "Chưa có số phiếu không tán thành."));
        if (string.IsNullOrWhiteSpace(request.Conclusion)) problems.Add(new("conclusion", "Chưa có kết luận của hội đồng."));
        var members = string.Join('\n', (request.Members ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()));
        problems.AddRange(new[]
        {
            db.TooLong((DossierRecord d) => d.CouncilMembers, members, "members"),
            db.TooLong((DossierRecord d) => d.CouncilConclusion, request.Conclusion?.Trim(), "conclusion"),
        }.OfType<Problem>());
        if (problems.Count > 0) return (null, Outcome.Invalid("Thông tin hội đồng chưa đủ hoặc chưa đúng.", problems));
        return await StepAsync(id, user, null, ct,
            (record, _) => CanCoordinate(user, record.ProvinceCode) ? null : Outcome.Forbidden($"Chỉ Văn phòng Điều phối tỉnh {record.ProvinceCode} ghi nhận hội đồng thẩm định."),
            (_, dossier, actor, now) => Task.FromResult(dossier.RecordCouncil(request.Date!.Value, request.Members!, request.VotesFor!.Value, request.VotesAgainst!.Value, request.Conclusion!, actor, now)));
    }

    /// <summary>
    /// One decision recognising every dossier it lists (a batch). All or nothing: one dossier that
    /// cannot take it and none is changed; every refusal is named.
    /// </summary>
    public async Task<(DecisionDto? Decision, Outcome Outcome)> RecordDecisionAsync(DecisionRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(request.Number)) problems.Add(new("number", "Chưa có số quyết định (ví dụ 1234/QĐ-UBND)."));
        if (request.Date is null) problems.Add(new("date", "Chưa có ngày quyết định (yyyy-MM-dd)."));
        else if (PastDate.Check("date", "Ngày quyết định", request.Date, Today) is { } future) problems.Add(future);
        if (string.IsNullOrWhiteSpace(request.Signer)) problems.Add(new("signer", "Chưa có người ký."));
        if (request.Dossiers is null || request.Dossiers.Count == 0) problems.Add(new("dossiers", "Quyết định phải công nhận ít nhất một hồ sơ."));
        problems.AddRange(DecisionLengths(request.Number, request.Signer, request.Batch));
        if (db.TooLong((DecisionRecord d) => d.LevelCode, request.Level?.Trim(), "level") is { } levelTooLong) problems.Add(levelTooLong);
        if (problems.Count > 0) return (null, Outcome.Invalid("Thông tin quyết định chưa đủ hoặc chưa đúng.", problems));

        var ids = request.Dossiers!.Distinct().ToList();
        var records = await LoadTrackedAsync(db.Dossiers.Where(d => ids.Contains(d.Id)), ct);
        var missing = ids.Except(records.Select(r => r.Id)).ToList();
        if (missing.Count > 0)
            return (null, Outcome.Invalid("Có hồ sơ không tồn tại.", [.. missing.Select(m => new Problem("dossiers", $"Không có hồ sơ #{m}."))]));
        var provinces = records.Select(r => r.ProvinceCode).Distinct().ToList();
        if (provinces.Count > 1)
            return (null, Outcome.Invalid("Một quyết định chỉ công nhận các xã của một tỉnh.", [new("dossiers", $"Các hồ sơ thuộc nhiều tỉnh: {string.Join(", ", provinces)}.")]));
        var province = provinces[0];
        if (!CanCoordinate(user, province)) return (null, Outcome.Forbidden($"Chỉ Văn phòng Điều phối tỉnh {province} ghi nhận quyết định công nhận."));
        var levels = records.Select(r => r.LevelCode).Distinct().ToList();
        var level = string.IsNullOrWhiteSpace(request.Level) ? levels[0] : request.Level.Trim();

        var number = request.Number!.Trim().Normalize(NormalizationForm.FormC);
        if (await db.Decisions.AnyAsync(d => d.ProvinceCode == province && d.Number == number, ct))
            return (null, Outcome.Conflict($"Tỉnh {province} đã có quyết định số {number}."));

        var actor = ActorOf(user);
        var now = Now;
        var refusals = new List<string>();
        foreach (var record in records.OrderBy(r => r.Id))
        {
            var dossier = Dossier.Restore(SnapshotOf(record));
            var outcome = dossier.RecordDecision(number, request.Date!.Value, request.Signer!, level, actor, now);
            if (!outcome.IsDone) { refusals.Add($"Hồ sơ #{record.Id} ({record.CommuneName}): {outcome.Message}"); continue; }
            Store(dossier, record, now);
        }
        if (refusals.Count > 0) return (null, Outcome.Conflict(string.Join(" ", refusals)));

        var decision = new DecisionRecord
        {
            ProvinceCode = province, Kind = DecisionKind.Recognition, Number = number, Date = request.Date!.Value, Signer = request.Signer!.Trim(),
            LevelCode = level, Year = records.Max(r => r.Year), Batch = string.IsNullOrWhiteSpace(request.Batch) ? null : request.Batch.Trim(),
            RecordedByName = actor.Name, RecordedAt = now,
        };
        db.Decisions.Add(decision);
        foreach (var record in records)
        {
            record.Decision = decision;
            db.CommuneTitles.Add(new CommuneTitle
            {
                CommuneCode = record.CommuneCode, CommuneName = record.CommuneName, ProvinceCode = province, SetCode = record.SetCode,
                LevelCode = record.LevelCode, Year = record.Year, Since = decision.Date, Decision = decision, DossierId = record.Id,
            });
        }
        if (await SaveAsync(ct) is { } conflict) return (null, conflict);
        return (await DecisionAsync(decision.Id, ct), Outcome.Done);
    }

    /// <summary>Number, signer and batch of a decision longer than their columns hold (decision 0013).</summary>
    private IEnumerable<Problem> DecisionLengths(string? number, string? signer, string? batch) => new[]
    {
        db.TooLong((DecisionRecord d) => d.Number, number?.Trim().Normalize(NormalizationForm.FormC), "number"),
        db.TooLong((DecisionRecord d) => d.Signer, signer?.Trim(), "signer"),
        db.TooLong((DecisionRecord d) => d.Batch, batch?.Trim(), "batch"),
    }.OfType<Problem>();

    /// <summary>A revocation decision: ends the titles it lists (of one province).</summary>
    public async Task<(DecisionDto? Decision, Outcome Outcome)> RecordRevocationAsync(RevocationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(request.Number)) problems.Add(new("number", "Chưa có số quyết định (ví dụ 1234/QĐ-UBND)."));
        else if (!Dossier.IsDecisionNumber(request.Number)) problems.Add(new("number", $"Số quyết định «{request.Number.Trim()}» không đúng dạng «số/QĐ-cơ quan», ví dụ 1234/QĐ-UBND."));
        if (request.Date is null) problems.Add(new("date", "Chưa có ngày quyết định (yyyy-MM-dd)."));
        else if (PastDate.Check("date", "Ngày quyết định thu hồi", request.Date, Today) is { } future) problems.Add(future);
        if (string.IsNullOrWhiteSpace(request.Signer)) problems.Add(new("signer", "Chưa có người ký."));
        if (request.Titles is null || request.Titles.Count == 0) problems.Add(new("titles", "Quyết định phải thu hồi ít nhất một danh hiệu."));
        if (string.IsNullOrWhiteSpace(request.Reason)) problems.Add(new("reason", "Chưa có lý do thu hồi."));
        problems.AddRange(DecisionLengths(request.Number, request.Signer, request.Batch));
        if (db.TooLong((CommuneTitle t) => t.RevocationReason, request.Reason?.Trim(), "reason") is { } reasonTooLong) problems.Add(reasonTooLong);
        if (problems.Count > 0) return (null, Outcome.Invalid("Thông tin quyết định thu hồi chưa đủ hoặc chưa đúng.", problems));

        var ids = request.Titles!.Distinct().ToList();
        var titles = await db.CommuneTitles.Include(t => t.Decision).Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        var missing = ids.Except(titles.Select(t => t.Id)).ToList();
        if (missing.Count > 0) return (null, Outcome.Invalid("Có danh hiệu không tồn tại.", [.. missing.Select(m => new Problem("titles", $"Không có danh hiệu #{m}."))]));
        var provinces = titles.Select(t => t.ProvinceCode).Distinct().ToList();
        if (provinces.Count > 1) return (null, Outcome.Invalid("Một quyết định chỉ thu hồi danh hiệu các xã của một tỉnh.", [new("titles", $"Các danh hiệu thuộc nhiều tỉnh: {string.Join(", ", provinces)}.")]));
        var province = provinces[0];
        if (!CanCoordinate(user, province)) return (null, Outcome.Forbidden($"Chỉ Văn phòng Điều phối tỉnh {province} ghi nhận quyết định thu hồi."));
        var refusals = titles.Where(t => t.RevokedOn is not null).Select(t => $"Danh hiệu của {t.CommuneName} đã bị thu hồi ngày {t.RevokedOn:dd/MM/yyyy}.")
            .Concat(titles.Where(t => t.RevokedOn is null && request.Date < t.Since).Select(t => $"Ngày thu hồi {request.Date:dd/MM/yyyy} trước ngày công nhận {t.Since:dd/MM/yyyy} của {t.CommuneName}."))
            .ToList();
        if (refusals.Count > 0) return (null, Outcome.Conflict(string.Join(" ", refusals)));
        var number = request.Number!.Trim().Normalize(NormalizationForm.FormC);
        if (await db.Decisions.AnyAsync(d => d.ProvinceCode == province && d.Number == number, ct))
            return (null, Outcome.Conflict($"Tỉnh {province} đã có quyết định số {number}."));

        var actor = ActorOf(user);
        var decision = new DecisionRecord
        {
            ProvinceCode = province, Kind = DecisionKind.Revocation, Number = number, Date = request.Date!.Value, Signer = request.Signer!.Trim(),
            LevelCode = titles[0].LevelCode, Year = request.Date!.Value.Year, Batch = string.IsNullOrWhiteSpace(request.Batch) ? null : request.Batch.Trim(),
            RecordedByName = actor.Name, RecordedAt = Now,
        };
        db.Decisions.Add(decision);
        foreach (var title in titles)
            (title.RevokedByDecision, title.RevokedOn, title.RevocationReason) = (decision, decision.Date, request.Reason!.Trim());
        await db.SaveChangesAsync(ct);
        return (await DecisionAsync(decision.Id, ct), Outcome.Done);
    }

    public async Task<IReadOnlyList<DecisionDto>> DecisionsAsync(ClaimsPrincipal user, string? province, int? year, CancellationToken ct)
    {
        var query = db.Decisions.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(province)) query = query.Where(d => d.ProvinceCode == province);
        if (year is not null) query = query.Where(d => d.Year == year);
        var decisions = await query.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).Take(1000).ToListAsync(ct);
        var ids = decisions.Select(d => d.Id).ToList();
        var communes = await db.CommuneTitles.AsNoTracking()
            .Where(t => ids.Contains(t.DecisionId) || t.RevokedByDecisionId != null && ids.Contains(t.RevokedByDecisionId.Value))
            .Select(t => new { t.DecisionId, t.RevokedByDecisionId, t.CommuneCode, t.CommuneName }).ToListAsync(ct);
        return [.. decisions.Select(d => ToDto(d, [.. communes.Where(c => d.Kind == DecisionKind.Recognition ? c.DecisionId == d.Id : c.RevokedByDecisionId == d.Id)
            .OrderBy(c => c.CommuneName).Select(c => new UnitRef(c.CommuneCode, c.CommuneName))]))];
    }

    public async Task<DecisionDto?> DecisionAsync(int id, CancellationToken ct)
    {
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (decision is null) return null;
        var communes = await db.CommuneTitles.AsNoTracking().Where(t => decision.Kind == DecisionKind.Recognition ? t.DecisionId == id : t.RevokedByDecisionId == id)
            .OrderBy(t => t.CommuneName).Select(t => new UnitRef(t.CommuneCode, t.CommuneName)).ToListAsync(ct);
        return ToDto(decision, communes);
    }

    private static DecisionDto ToDto(DecisionRecord d, IReadOnlyList<UnitRef> communes) => new(d.Id, d.ProvinceCode,
        d.Kind == DecisionKind.Recognition ? "recognition" : "revocation", d.Number, d.Date, d.Signer, d.LevelCode, d.Year, d.Batch,
        d.PdfStoredName is not null, communes, d.RecordedByName, d.RecordedAt);

    /// <summary>Attaches the signed PDF of a decision (replacing an earlier one).</summary>
    public async Task<Outcome> AttachDecisionPdfAsync(int id, Stream content, string? fileName, ClaimsPrincipal user, CancellationToken ct)
    {
        var decision = await db.Decisions.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (decision is null) return Outcome.NotFound($"Không có quyết định #{id}.");
        if (!CanCoordinate(user, decision.ProvinceCode)) return Outcome.Forbidden($"Chỉ Văn phòng Điều phối tỉnh {decision.ProvinceCode} đính kèm bản ký của quyết định.");
        var (file, error) = await store.SaveAsync(content, fileName, pdfOnly: true, ct);
        if (file is null) return Outcome.Invalid(error!, [new Problem("file", error!)]);
        (decision.PdfFileName, decision.PdfStoredName, decision.PdfLength) = (file.FileName, file.StoredName, file.Length);
        try { await db.SaveChangesAsync(ct); }
        catch { store.Delete(file.StoredName); throw; }
        return Outcome.Done;
    }

    public async Task<(Stream? Content, string? FileName, Outcome Outcome)> OpenDecisionPdfAsync(int id, CancellationToken ct)
    {
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (decision?.PdfStoredName is null) return (null, null, Outcome.NotFound($"Quyết định #{id} chưa có bản ký (PDF)."));
        var stream = store.Open(decision.PdfStoredName);
        return stream is null ? (null, null, Outcome.NotFound("Không tìm thấy tệp bản ký trong kho lưu trữ.")) : (stream, decision.PdfFileName, Outcome.Done);
    }

    // ---- titles ----

    public async Task<IReadOnlyList<TitleDto>> TitlesAsync(string commune, CancellationToken ct) =>
        await db.CommuneTitles.AsNoTracking().Where(t => t.CommuneCode == commune).OrderByDescending(t => t.Since).ThenByDescending(t => t.Id)
            .Select(t => new TitleDto(t.Id, new UnitRef(t.CommuneCode, t.CommuneName), t.SetCode, t.LevelCode, t.Year, t.Since, t.Decision.Number, t.DecisionId,
                t.Decision.Batch, t.RevokedOn, t.RevokedByDecision == null ? null : t.RevokedByDecision.Number, t.RevocationReason))
            .ToListAsync(ct);

    /// <summary>Communes recognised by decision in a province, per level, year and batch (titles since revoked included: they were recognised).</summary>
    public async Task<IReadOnlyList<RecognitionCount>> RecognisedCountsAsync(string province, CancellationToken ct)
    {
        var rows = await db.CommuneTitles.AsNoTracking().Where(t => t.ProvinceCode == province)
            .Select(t => new { t.LevelCode, t.Year, t.Decision.Batch }).ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.LevelCode, r.Year, r.Batch)).Select(g => new RecognitionCount(g.Key.LevelCode, g.Key.Year, g.Key.Batch, g.Count()))
            .OrderByDescending(c => c.Year).ThenBy(c => c.Level).ThenBy(c => c.Batch)];
    }

    // ---- evidence ----

    public async Task<(EvidenceDto? File, Outcome Outcome)> UploadEvidenceAsync(int id, int? criterion, string? indicator, Stream content, string? fileName, ClaimsPrincipal user, CancellationToken ct)
    {
        var record = await db.Dossiers.Include(d => d.Criteria).Include(d => d.Indicators).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (record is null) return (null, NotFound(id));
        if (!CanEdit(user, record.CommuneCode)) return (null, EditForbidden(record));
        if (record.Status is not (DossierStatus.Draft or DossierStatus.SentBack))
            return (null, Outcome.Conflict($"Không thể thêm minh chứng: hồ sơ đang ở trạng thái «{record.Status.Label()}»; chỉ thêm khi đang soạn hoặc bị trả lại."));
        var problems = new List<Problem>();
        if (criterion is { } n && record.Criteria.All(c => c.Number != n)) problems.Add(new("criterion", $"Hồ sơ không có tiêu chí {n}."));
        var code = string.IsNullOrWhiteSpace(indicator) ? null : indicator.Trim();
        if (code is not null)
        {
            var row = record.Indicators.FirstOrDefault(i => i.Code == code);
            if (row is null) problems.Add(new("indicator", $"Hồ sơ không có chỉ tiêu {code}."));
            else if (criterion is null) criterion = row.CriterionNumber;
            else if (row.CriterionNumber != criterion) problems.Add(new("indicator", $"Chỉ tiêu {code} không thuộc tiêu chí {criterion}."));
        }
        if (problems.Count > 0) return (null, Outcome.Invalid("Minh chứng không hợp lệ.", problems));

        var (file, error) = await store.SaveAsync(content, fileName, pdfOnly: false, ct);
        if (file is null) return (null, Outcome.Invalid(error!, [new Problem("file", error!)]));
        var actor = ActorOf(user);
        var evidence = new EvidenceFile
        {
            DossierId = id, Dossier = record, CriterionNumber = criterion, IndicatorCode = code, FileName = file.FileName, ContentType = file.ContentType,
            Length = file.Length, StoredName = file.StoredName, Sha256 = file.Sha256, UploadedById = actor.Id, UploadedByName = actor.Name, UploadedAt = Now,
        };
        db.EvidenceFiles.Add(evidence);
        (record.UpdatedAt, record.Version) = (Now, Guid.NewGuid());
        try
        {
            if (await SaveAsync(ct) is { } conflict) { store.Delete(file.StoredName); return (null, conflict); }
        }
        catch { store.Delete(file.StoredName); throw; }
        return (ToDto(evidence), Outcome.Done);
    }

    /// <summary>
    /// Removes a file the commune uploaded by mistake, while the dossier is still the commune's (a draft, or
    /// sent back): once submitted, the departments judge what was sent. The row goes first; the stored file
    /// is deleted only once that is committed.
    /// </summary>
    public async Task<(EvidenceDto? File, Outcome Outcome)> DeleteEvidenceAsync(int id, int fileId, ClaimsPrincipal user, CancellationToken ct)
    {
        var record = await db.Dossiers.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (record is null) return (null, NotFound(id));
        if (!CanEdit(user, record.CommuneCode)) return (null, EditForbidden(record));
        var file = await db.EvidenceFiles.FirstOrDefaultAsync(e => e.Id == fileId && e.DossierId == id, ct);
        if (file is null) return (null, Outcome.NotFound($"Hồ sơ #{id} không có minh chứng #{fileId}."));
        if (record.Status is not (DossierStatus.Draft or DossierStatus.SentBack))
            return (null, Outcome.Conflict($"Không thể xóa minh chứng «{file.FileName}»: hồ sơ đang ở trạng thái «{record.Status.Label()}»; chỉ xóa khi đang soạn hoặc bị trả lại."));
        var removed = ToDto(file);
        db.EvidenceFiles.Remove(file);
        (record.UpdatedAt, record.Version) = (Now, Guid.NewGuid());
        if (await SaveAsync(ct) is { } conflict) return (null, conflict);
        store.Delete(file.StoredName);
        return (removed, Outcome.Done);
    }

    public async Task<(IReadOnlyList<EvidenceDto>? Files, Outcome Outcome)> EvidenceAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var record = await db.Dossiers.AsNoTracking().Include(d => d.Evidence).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (record is null) return (null, NotFound(id));
        if (!CanRead(user, record)) return (null, Forbidden(record));
        return ([.. record.Evidence.OrderBy(e => e.UploadedAt).ThenBy(e => e.Id).Select(ToDto)], Outcome.Done);
    }

    public async Task<(Stream? Content, EvidenceDto? File, Outcome Outcome)> OpenEvidenceAsync(int id, int fileId, ClaimsPrincipal user, CancellationToken ct)
    {
        // Access is decided on the dossier first: whether a file exists is not told to who may not read it.
        var record = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (record is null) return (null, null, NotFound(id));
        if (!CanRead(user, record)) return (null, null, Forbidden(record));
        var file = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == fileId && e.DossierId == id, ct);
        if (file is null) return (null, null, Outcome.NotFound($"Hồ sơ #{id} không có minh chứng #{fileId}."));
        var stream = store.Open(file.StoredName);
        return stream is null ? (null, null, Outcome.NotFound($"Không tìm thấy tệp «{file.FileName}» trong kho lưu trữ.")) : (stream, ToDto(file), Outcome.Done);
    }

    private static EvidenceDto ToDto(EvidenceFile e) => new(e.Id, e.CriterionNumber, e.IndicatorCode, e.FileName, e.ContentType, e.Length, e.UploadedByName, e.UploadedAt);

    // ---- the machinery: load, decide, store ----

    private async Task<(DossierDto? Dossier, Outcome Outcome)> StepAsync(int id, ClaimsPrincipal user, string? expectedVersion, CancellationToken ct,
        Func<DossierRecord, Dossier, Outcome?> refuse, Func<DossierRecord, Dossier, Actor, DateTime, Task<Outcome>> step)
    {
        // Departments work in parallel: when another step was saved between this one's read and write,
        // the step is decided again on the fresh dossier (the domain re-checks everything), up to
        // MaxAttempts times. An edit made against a version the user saw is never retried: the user must look again.
        for (var attempt = 1; ; attempt++)
        {
            var record = (await LoadTrackedAsync(db.Dossiers.Where(d => d.Id == id), ct)).FirstOrDefault();
            if (record is null) return (null, NotFound(id));
            if (!CanRead(user, record) && !user.IsInRole(Roles.Admin)) return (null, Forbidden(record));
            var dossier = Dossier.Restore(SnapshotOf(record));
            if (refuse(record, dossier) is { } refused) return (null, refused);
            if (expectedVersion is not null && !string.Equals(expectedVersion.Trim('"'), record.Version.ToString("N"), StringComparison.OrdinalIgnoreCase))
                return (null, Outcome.Conflict($"Hồ sơ #{id} đã được người khác thay đổi sau khi bạn mở; tải lại rồi thử lại."));
            var now = Now;
            var outcome = await step(record, dossier, ActorOf(user), now);
            if (!outcome.IsDone) return (null, outcome.Kind == OutcomeKind.Rejected ? Conflict(outcome) : outcome);
            var loadedVersion = record.Version;
            Store(dossier, record, now);
            if (await SaveAsync(ct, id, loadedVersion) is { } conflict)
            {
                if (expectedVersion is null && attempt < MaxAttempts)
                {
                    await Task.Delay(Random.Shared.Next(10, 40) * attempt, ct); // spread the retries of simultaneous steps
                    continue;
                }
                return (null, conflict);
            }
            db.ChangeTracker.Clear();
            return await GetAsync(id, user, ct);
        }
    }

    private async Task<Outcome?> SaveAsync(CancellationToken ct, int? dossierId = null, Guid? loadedVersion = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ConcurrentChange;
        }
        catch (DbUpdateException) when (dossierId is { } id && loadedVersion is { } version)
        {
            // A simultaneous step may hit the timeline's unique (dossier, sequence) before the version
            // check: if the dossier moved on meanwhile, it is the same conflict; otherwise a real fault.
            db.ChangeTracker.Clear();
            var current = await db.Dossiers.AsNoTracking().Where(d => d.Id == id).Select(d => d.Version).FirstOrDefaultAsync(ct);
            if (current != version) return ConcurrentChange;
            throw;
        }
    }

    private static readonly Outcome ConcurrentChange = Outcome.Conflict("Hồ sơ vừa được người khác thay đổi cùng lúc; tải lại rồi thử lại.");

    private Task<List<DossierRecord>> LoadTrackedAsync(IQueryable<DossierRecord> query, CancellationToken ct) =>
        query.AsSplitQuery().Include(d => d.Criteria).Include(d => d.Indicators).Include(d => d.Appraisals).Include(d => d.Events).Include(d => d.Decision).ToListAsync(ct);

    /// <summary>Takes the commune's current scorecard into the dossier (draft: all criteria; sent back: only those sent back).</summary>
    private async Task<Outcome> RefreshAsync(DossierRecord record, Dossier dossier, Actor actor, DateTime now, CancellationToken ct)
    {
        var set = await catalog.GetAsync(db, record.SetCode, ct);
        var commune = await scorecards.CommuneAsync(record.CommuneCode, record.Year, ct);
        if (set is null || commune is null) return Outcome.NotFound($"Không còn bộ tiêu chí {record.SetCode} hoặc xã {record.CommuneCode} năm {record.Year}.");
        var only = dossier.Status == DossierStatus.SentBack
            ? record.Criteria.Where(c => c.State == CriterionAppraisalState.SentBack).Select(c => c.Number).ToHashSet()
            : null;
        var card = await scorecards.EvaluateCommuneAsync(set, commune, record.Year, record.LevelCode, ct);
        // Nothing changed since the last refresh: the timeline does not need another line saying so.
        if (Unchanged(record, card, only)) return Outcome.Done;
        var outcome = dossier.RefreshCriteria(card, await SectorsAsync(set.Id, ct), actor, now);
        if (outcome.IsDone) FreezeIndicators(record, card, only);
        return outcome;
    }

    private static bool Unchanged(DossierRecord record, Scorecard card, IReadOnlySet<int>? only)
    {
        var fresh = card.Criteria.Where(c => c.Status != EvaluationStatus.NotApplicable && (only is null || only.Contains(c.Number)))
            .SelectMany(c => c.Indicators.Select(i => (c.Number, i.Code, i.Value, i.Threshold, Status: i.Status.Code()))).OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        var stored = record.Indicators.Where(i => only is null || only.Contains(i.CriterionNumber))
            .Select(i => (Number: i.CriterionNumber, i.Code, i.Value, i.Threshold, i.Status)).OrderBy(i => i.Code, StringComparer.Ordinal).ToList();
        var criteria = card.Criteria.Where(c => c.Status != EvaluationStatus.NotApplicable && (only is null || only.Contains(c.Number))).Select(c => (c.Number, c.Status)).OrderBy(c => c.Number).ToList();
        var storedCriteria = record.Criteria.Where(c => only is null || only.Contains(c.Number)).Select(c => (c.Number, c.Status)).OrderBy(c => c.Number).ToList();
        return fresh.SequenceEqual(stored) && criteria.SequenceEqual(storedCriteria);
    }

    private async Task<IReadOnlyDictionary<int, string>> SectorsAsync(int setId, CancellationToken ct) =>
        (await db.Criteria.AsNoTracking().Where(c => c.CriteriaSetId == setId && c.ResponsibleSector != null)
            .Select(c => new { c.Number, c.ResponsibleSector }).ToListAsync(ct)).ToDictionary(c => c.Number, c => c.ResponsibleSector!);

    /// <summary>The indicator rows (value, threshold, status) of the scorecard, for all criteria or only some.</summary>
    private void FreezeIndicators(DossierRecord record, Scorecard card, IReadOnlySet<int>? only)
    {
        var stale = record.Indicators.Where(i => only is null || only.Contains(i.CriterionNumber)).ToList();
        foreach (var row in stale) { record.Indicators.Remove(row); if (row.Id != 0) db.DossierIndicators.Remove(row); }
        var order = 0;
        foreach (var criterion in card.Criteria.Where(c => c.Status != EvaluationStatus.NotApplicable))
            foreach (var i in criterion.Indicators)
            {
                order++;
                if (only is not null && !only.Contains(criterion.Number)) continue;
                record.Indicators.Add(new DossierIndicatorRecord
                {
                    CriterionNumber = criterion.Number, Order = order, Code = i.Code, Name = i.Name, Type = i.Type.Code(), Unit = i.Unit,
                    Value = i.Value, Threshold = i.Threshold, Rule = i.Rule.Code(), Status = i.Status.Code(),
                });
            }
    }

    public static DossierSnapshot SnapshotOf(DossierRecord r) => new(
        r.CommuneCode, r.Year, r.SetCode, r.LevelCode, new Actor(r.CreatedById, r.CreatedByName), r.CreatedAt, r.RequiredSatisfaction,
        r.Status == 0 ? DossierStatus.Draft : r.Status, r.ResidentSatisfaction, r.NoConstructionDebtDeclared, r.Note,
        r.SubmittedById is null ? null : new Actor(r.SubmittedById, r.SubmittedByName ?? ""), r.SubmittedAt,
        r.CouncilDate is { } date ? new CouncilMeeting(date, r.CouncilMembers?.Split('\n') ?? [], r.VotesFor ?? 0, r.VotesAgainst ?? 0, r.CouncilConclusion ?? "") : null,
        r.Decision is { } d ? new RecognitionDecision(d.Number, d.Date, d.Signer, d.LevelCode) : null,
        [.. r.Criteria.OrderBy(c => c.Number).Select(c => new DossierCriterion(c.Number, c.Code, c.Name, c.ResponsibleSector, c.Status))],
        [.. r.Criteria.Select(c => new CriterionProgress(c.Number, c.State, c.Round, c.SentToAppraisalAt))],
        [.. r.Appraisals.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => new CriterionAppraisal(a.CriterionNumber, a.Round, a.Sector, a.Step, a.Comment, a.SentToAppraisalAt, a.At, a.ByUserId, a.ByUserName))],
        [.. r.Events.OrderBy(e => e.Sequence).Select(e => new TimelineEvent(e.At, e.UserId, e.UserName, e.Kind, e.Details))]);

    /// <summary>Writes the domain's state into the stored rows: scalars, criteria (by number), new appraisal steps and timeline lines.</summary>
    private void Store(Dossier dossier, DossierRecord r, DateTime now)
    {
        var s = dossier.Snapshot();
        r.Status = s.Status;
        (r.RequiredSatisfaction, r.ResidentSatisfaction, r.NoConstructionDebtDeclared, r.Note) = (s.RequiredSatisfaction, s.ResidentSatisfaction, s.NoConstructionDebtDeclared, s.Note);
        (r.SubmittedById, r.SubmittedByName, r.SubmittedAt) = (s.SubmittedBy?.Id, s.SubmittedBy?.Name, s.SubmittedAt);
        if (s.Council is { } c)
            (r.CouncilDate, r.CouncilMembers, r.VotesFor, r.VotesAgainst, r.CouncilConclusion) = (c.Date, string.Join('\n', c.Members), c.VotesFor, c.VotesAgainst, c.Conclusion);
        (r.UpdatedAt, r.Version) = (now, Guid.NewGuid());

        var progress = s.Progress.ToDictionary(p => p.Number);
        foreach (var gone in r.Criteria.Where(c => s.Criteria.All(x => x.Number != c.Number)).ToList())
        {
            r.Criteria.Remove(gone);
            if (gone.Id != 0) db.DossierCriteria.Remove(gone);
        }
        foreach (var criterion in s.Criteria)
        {
            var row = r.Criteria.FirstOrDefault(c => c.Number == criterion.Number);
            if (row is null) r.Criteria.Add(row = new DossierCriterionRecord { Number = criterion.Number, Code = criterion.Code, Name = criterion.Name });
            (row.Code, row.Name, row.ResponsibleSector, row.Status) = (criterion.Code, criterion.Name, criterion.ResponsibleSector, criterion.Status);
            var p = progress[criterion.Number];
            (row.State, row.Round, row.SentToAppraisalAt) = (p.State, p.Round, p.SentToAppraisalAt);
        }
        foreach (var a in s.Appraisals.Skip(r.Appraisals.Count))
            r.Appraisals.Add(new AppraisalRecord
            {
                Dossier = r, CriterionNumber = a.CriterionNumber, Round = a.Round, Sector = a.Sector, Step = a.Step, Comment = a.Comment,
                SentToAppraisalAt = a.SentToAppraisalAt, At = a.At, ByUserId = a.ByUserId, ByUserName = a.ByUserName,
            });
        var next = r.Events.Count == 0 ? 1 : r.Events.Max(e => e.Sequence) + 1;
        foreach (var e in s.Timeline.Skip(r.Events.Count))
            // A timeline line quotes the user's text after its own words: cut to its column, the full text is in its own row.
            r.Events.Add(new DossierEventRecord { Sequence = next++, At = e.At, UserId = e.UserId, UserName = e.UserName, Kind = e.Kind, Details = db.Clip((DossierEventRecord x) => x.Details, e.Details)! });
    }

    public static DossierDto ToDto(DossierRecord r)
    {
        var dossier = Dossier.Restore(SnapshotOf(r));
        var events = r.Events.OrderBy(e => e.Sequence).ToList();
        return new DossierDto(r.Id, new UnitRef(r.CommuneCode, r.CommuneName), r.ProvinceCode, r.Year, r.SetCode, r.LevelCode, StatusCode(r.Status), r.Status.Label(),
            r.ResidentSatisfaction, r.RequiredSatisfaction, r.NoConstructionDebtDeclared, r.Note, r.CreatedByName, r.CreatedAt, r.SubmittedByName, r.SubmittedAt,
            r.CouncilDate is { } date ? new CouncilDto(date, r.CouncilMembers?.Split('\n') ?? [], r.VotesFor ?? 0, r.VotesAgainst ?? 0, r.CouncilConclusion ?? "") : null,
            r.Decision is { } d ? new DecisionRefDto(d.Id, d.Number, d.Date, d.Signer, d.Batch) : null,
            [.. r.Criteria.OrderBy(c => c.Number).Select(c => new DossierCriterionDto(c.Number, c.Code, c.Name, c.ResponsibleSector, c.Status.Code(),
                StateCode(c.State), StateLabel(c.State), c.Round,
                [.. r.Indicators.Where(i => i.CriterionNumber == c.Number).OrderBy(i => i.Order).Select(i => new DossierIndicatorDto(i.Code, i.Name, i.Type, i.Unit,
                    Shown(i.Type, i.Value), Shown(i.Type, i.Threshold), i.Rule, i.Status))],
                [.. r.Appraisals.Where(a => a.CriterionNumber == c.Number).OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => new AppraisalDto(a.Round, a.Sector,
                    StepCode(a.Step), StepLabel(a.Step), a.Comment, a.SentToAppraisalAt, a.At, a.ByUserName, Math.Round((a.At - a.SentToAppraisalAt).TotalHours, 3)))]))],
            SectorsOf(dossier),
            [.. events.Select((e, i) => new TimelineDto(e.At, e.UserName, KindCode(e.Kind), e.Details, i == 0 ? null : Math.Round((e.At - events[i - 1].At).TotalHours, 3)))],
            [.. r.Evidence.OrderBy(e => e.UploadedAt).ThenBy(e => e.Id).Select(ToDto)],
            r.Version.ToString("N"));
    }

    private static IReadOnlyList<SectorProgressDto> SectorsOf(Dossier dossier) =>
        [.. dossier.Progress().Select(p => new SectorProgressDto(p.Sector, p.Criteria, p.Pending, p.Finished, p.LongestStep is { } t ? Math.Round(t.TotalHours, 3) : null))];

    private static object? Shown(string type, decimal? value) => value is not { } v ? null : type == "boolean" ? v == 1m : v;

    public static string StatusCode(DossierStatus s) => s switch
    {
        DossierStatus.Draft => "draft", DossierStatus.Submitted => "submitted", DossierStatus.SentBack => "sent_back", DossierStatus.Resubmitted => "resubmitted",
        DossierStatus.Appraised => "appraised", DossierStatus.CouncilHeld => "council_held", DossierStatus.Recognised => "recognised", _ => "rejected",
    };

    public static DossierStatus? ParseStatus(string? code) => Enum.GetValues<DossierStatus>().Where(s => StatusCode(s) == code?.Trim()).Select(s => (DossierStatus?)s).FirstOrDefault();

    public static string StateCode(CriterionAppraisalState s) => s switch
    {
        CriterionAppraisalState.Pending => "pending", CriterionAppraisalState.Met => "met", CriterionAppraisalState.NotMet => "not_met",
        CriterionAppraisalState.SentBack => "sent_back", _ => "not_submitted",
    };

    public static string StateLabel(CriterionAppraisalState s) => s switch
    {
        CriterionAppraisalState.Pending => "Chờ sở thẩm định", CriterionAppraisalState.Met => "Thẩm định đạt", CriterionAppraisalState.NotMet => "Thẩm định chưa đạt",
        CriterionAppraisalState.SentBack => "Trả lại xã bổ sung", _ => "Chưa nộp",
    };

    private static string StepCode(AppraisalStep s) => s switch { AppraisalStep.Met => "met", AppraisalStep.NotMet => "not_met", _ => "sent_back" };

    public static string StepLabel(AppraisalStep s) => s switch { AppraisalStep.Met => "Đạt", AppraisalStep.NotMet => "Chưa đạt", _ => "Trả lại" };

    private static string KindCode(DossierEventKind k) => k switch
    {
        DossierEventKind.Created => "created", DossierEventKind.CriteriaRefreshed => "criteria_refreshed", DossierEventKind.Submitted => "submitted",
        DossierEventKind.CriterionAppraised => "criterion_appraised", DossierEventKind.CriterionSentBack => "criterion_sent_back",
        DossierEventKind.ReturnedToCommune => "returned_to_commune", DossierEventKind.Resubmitted => "resubmitted", DossierEventKind.AllCriteriaMet => "all_criteria_met",
        DossierEventKind.CouncilHeld => "council_held", DossierEventKind.Rejected => "rejected", _ => "recognised",
    };

    private static Outcome NotFound(int id) => Outcome.NotFound($"Không có hồ sơ đề nghị #{id}.");

    private static Outcome Forbidden(DossierRecord r) => Outcome.Forbidden($"Tài khoản không có quyền xem hồ sơ đề nghị của {r.CommuneName}.");

    private static Outcome EditForbidden(DossierRecord r) => Outcome.Forbidden($"Chỉ cán bộ của {r.CommuneName} (hoặc quản trị) được sửa, nộp hồ sơ này.");

    private static Outcome Conflict(Outcome rejected) => Outcome.Conflict(rejected.Message ?? "Không thể thực hiện.");

    public static string Hours(double? hours) => hours switch
    {
        null => "",
        < 1.0 / 60 => "dưới 1 phút",
        < 1 => $"{Math.Round(hours.Value * 60).ToString(CultureInfo.InvariantCulture)} phút",
        < 48 => $"{hours.Value.ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"))} giờ",
        _ => $"{(hours.Value / 24).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"))} ngày",
    };
}

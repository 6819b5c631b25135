using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Money.Communes;
using Mtqg.Web.Features.Recognition.Titles;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Recognition.Dossiers;

/// <summary>
/// The recognition process around the pure <see cref="Dossier"/>: load the stored snapshot, check who
/// may act (role and unit, on the server), let the domain decide, store the new snapshot in one
/// SaveChanges (audited by the interceptor). Illegal steps come back as conflicts naming the state.
/// This file: the commune's own steps (create, edit, submit, resubmit) and reads;
/// appraisal, decisions, evidence and titles have their own services beside it.
/// </summary>
public sealed class DossierService(
    AppDbContext db,
    DossierSteps steps,
    ScorecardService scorecards,
    ProvinceLineage lineage,
    AccessPolicy access,
    TitleService titles,
    ConditionService conditions
)
{
    // ---- create, read, list ----

    public async Task<(DossierDto? Dossier, Outcome Outcome)> CreateAsync(CreateDossierRequest request, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (InputText.IsBlank(request.Commune))
            problems.Add(new("commune", "Chưa có mã xã."));
        if (request.Year is null)
            problems.Add(new("year", "Chưa có năm đề nghị."));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Thiếu thông tin lập hồ sơ.", problems));
        var code = request.Commune!.Trim();
        var year = request.Year!.Value;
        if (!access.CanEditDossier(code))
            return (null, Outcome.Forbidden($"Chỉ cán bộ của xã {code} (hoặc quản trị) được lập hồ sơ đề nghị của xã."));

        var commune = await scorecards.CommuneAsync(code, year, ct);
        if (commune is null)
            return (null, Outcome.NotFound($"Không có xã mã \"{code}\" có hiệu lực ngày 31/12/{year}."));
        // The set named, else the one that applies to the commune: its province's published set, else the national one.
        var (set, setOutcome) = await scorecards.SetForAsync(request.Set, year, commune.ProvinceCode, ct);
        if (set is null)
            return (null, setOutcome);
        if (!commune.Kind.IsRural())
            return (
                null,
                Outcome.Invalid(
                    "Chỉ xã mới được đề nghị công nhận.",
                    [new("commune", $"{commune.FullName} không phải xã: tiêu chí nông thôn mới không áp dụng.")]
                )
            );
        var level = InputText.IsBlank(request.Level) ? set.LowestLevel : request.Level.Trim();
        if (set.Levels.All(l => l.Code != level))
            return (
                null,
                Outcome.Invalid(
                    "Mức đạt chuẩn không hợp lệ.",
                    [
                        new(
                            "level",
                            $"Bộ tiêu chí {set.Code} không có mức \"{level}\"; các mức: {string.Join(", ", set.Levels.Select(l => l.Code))}."
                        ),
                    ]
                )
            );

        // The ladder (DESIGN §9): a level of rank r > 1 needs the commune to hold rank r − 1 (or higher) — by a decision on a
        // dossier, a title granted before the system, or an acknowledgement after the reform.
        var rank = set.Levels.First(l => l.Code == level).Rank;
        if (set.Levels.Where(l => l.Rank < rank).OrderByDescending(l => l.Rank).FirstOrDefault() is { } below)
        {
            var enough = set.Levels.Where(l => l.Rank >= below.Rank && l.Rank < rank).Select(l => l.Code).ToList();
            if (!await titles.HoldsAsync(commune.Id, enough, steps.Today, ct))
                return (
                    null,
                    Outcome.Conflict(
                        $"{commune.FullName} chưa giữ danh hiệu mức {below.Code} («{below.Name}»): cần được công nhận mức {below.Code} "
                            + $"(theo quyết định, danh hiệu đã có trước khi dùng hệ thống hoặc quyết định ghi nhận sau sắp xếp) trước khi lập hồ sơ mức {level}."
                    )
                );
        }

        var open = await db
            .Dossiers.AsNoTracking()
            .Where(d =>
                d.CommuneCode == code
                && d.Year == year
                && d.SetCode == set.Code
                && d.LevelCode == level
                && d.Status != DossierStatus.Rejected
            )
            .Select(d => new { d.Id, d.Status })
            .FirstOrDefaultAsync(ct);
        if (open is not null)
            return (
                null,
                Outcome.Conflict(
                    $"Xã đã có hồ sơ đề nghị #{open.Id} năm {year}, mức {level} (trạng thái «{open.Status.Label()}»); không lập hồ sơ thứ hai."
                )
            );

        var actor = access.User.Actor;
        var now = steps.Now;
        var dossier = Dossier.Create(commune.Code, year, set.Code, level, actor, now, set.RequiredSatisfaction);
        var card = await scorecards.EvaluateCommuneAsync(set, commune, year, level, ct);
        var sectors = await steps.SectorsAsync(set.Id, ct);
        var refreshed = dossier.RefreshCriteria(card, sectors, actor, now);
        if (!refreshed.IsDone)
            return (null, DossierSteps.Conflict(refreshed));

        var record = new DossierRecord
        {
            CommuneCode = commune.Code,
            CommuneName = commune.FullName,
            Year = year,
            SetCode = set.Code,
            LevelCode = level,
            ProvinceCode = await lineage.ProvinceNowAsync(commune.ProvinceCode, commune.ValidTo),
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
            CreatedAt = now,
            Conditions = ConditionService.For(set, level),
        };
        steps.Store(dossier, record, now);
        steps.FreezeIndicators(record, card, null);
        db.Dossiers.Add(record);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(record.Id, ct)).Dossier is { } dto ? (dto, Outcome.Done) : (null, Outcome.NotFound("?"));
    }

    public Task<(DossierDto? Dossier, Outcome Outcome)> GetAsync(int id, CancellationToken ct) => steps.ReadAsync(id, ct);

    public async Task<IReadOnlyList<DossierListItem>> ListAsync(
        string? province,
        string? commune,
        int? year,
        DossierStatus? status,
        CancellationToken ct
    )
    {
        var query = db.Dossiers.AsNoTracking().AsQueryable();
        var user = access.User;
        if (!user.IsAdmin)
        {
            var unit = user.Unit;
            if (user.Is(Roles.Commune))
                query = query.Where(d => d.CommuneCode == unit);
            else if (unit is not null)
                query = query.Where(d => d.ProvinceCode == unit);
            else if (!user.Is(Roles.Viewer))
                return [];
        }
        if (!InputText.IsBlank(province))
            query = query.Where(d => d.ProvinceCode == province);
        if (!InputText.IsBlank(commune))
            query = query.Where(d => d.CommuneCode == commune);
        if (year is not null)
            query = query.Where(d => d.Year == year);
        if (status is not null)
            query = query.Where(d => d.Status == status);
        var records = await query
            .AsSplitQuery()
            .Include(d => d.Criteria)
            .Include(d => d.Appraisals)
            .Include(d => d.Decision)
            .OrderByDescending(d => d.UpdatedAt)
            .Take(500)
            .ToListAsync(ct);
        return
        [
            .. records.Select(d =>
            {
                var domain = Dossier.Restore(DossierDtos.SnapshotOf(d));
                return new DossierListItem(
                    d.Id,
                    new UnitRef(d.CommuneCode, d.CommuneName),
                    d.ProvinceCode,
                    d.Year,
                    d.SetCode,
                    d.LevelCode,
                    DossierDtos.StatusCode(d.Status),
                    d.Status.Label(),
                    d.CreatedAt,
                    d.SubmittedAt,
                    d.UpdatedAt,
                    d.Criteria.Count,
                    d.Criteria.Count(c => c.State is CriterionAppraisalState.Met or CriterionAppraisalState.NotMet),
                    d.Criteria.Count(c => c.State == CriterionAppraisalState.Pending),
                    d.Criteria.Count(c => c.State == CriterionAppraisalState.SentBack),
                    DossierDtos.SectorsOf(domain),
                    d.Decision?.Number
                );
            }),
        ];
    }

    // ---- commune steps ----

    public async Task<(DossierDto? Dossier, Outcome Outcome)> UpdateAsync(int id, UpdateDossierRequest request, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (request.ResidentSatisfaction is < 0 or > 100)
            problems.Add(new("residentSatisfaction", "Tỷ lệ hài lòng phải từ 0 đến 100 (%)."));
        if (db.TooLong((DossierRecord d) => d.Note, request.Note?.Trim(), "note") is { } tooLong)
            problems.Add(tooLong);
        if (request.Conditions is { } declared && declared.Any(d => d is null || InputText.IsBlank(d.Code)))
            problems.Add(new("conditions", "Mỗi điều kiện kê khai phải ghi mã điều kiện (code)."));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Dữ liệu hồ sơ không hợp lệ.", problems));
        return await steps.StepAsync(
            id,
            request.Version,
            ct,
            (record, _) => access.CanEditDossier(record.CommuneCode) ? null : DossierSteps.EditForbidden(record),
            async (record, dossier, actor, now) =>
            {
                if (dossier.Status == DossierStatus.Draft)
                {
                    var refreshed = await steps.RefreshAsync(record, dossier, actor, now, ct);
                    if (!refreshed.IsDone)
                        return refreshed;
                }
                if (request.ResidentSatisfaction is { } s && dossier.SetResidentSatisfaction(s) is { IsDone: false } a)
                    return a;
                if (request.NoConstructionDebtDeclared is { } n && dossier.DeclareNoConstructionDebt(n) is { IsDone: false } b)
                    return b;
                if (request.Note is not null && dossier.SetNote(request.Note) is { IsDone: false } c)
                    return c;
                if (request.Conditions is { Count: > 0 } declarations)
                {
                    if (dossier.Status is not (DossierStatus.Draft or DossierStatus.SentBack))
                        return Outcome.Rejected(
                            $"Hồ sơ đang ở trạng thái «{dossier.Status.Label()}»: chỉ kê khai điều kiện khi hồ sơ đang soạn hoặc bị trả lại."
                        );
                    return ConditionService.Declare(record, declarations);
                }
                return Outcome.Done;
            }
        );
    }

    public Task<(DossierDto? Dossier, Outcome Outcome)> SubmitAsync(int id, CancellationToken ct) =>
        steps.StepAsync(
            id,
            null,
            ct,
            (record, _) => access.CanEditDossier(record.CommuneCode) ? null : DossierSteps.EditForbidden(record),
            async (record, dossier, actor, now) =>
            {
                if (dossier.Status == DossierStatus.Draft)
                {
                    var refreshed = await steps.RefreshAsync(record, dossier, actor, now, ct);
                    if (!refreshed.IsDone)
                        return refreshed;
                }
                if (dossier.Status == DossierStatus.Draft && await conditions.ReadyToSubmitAsync(record, ct) is { IsDone: false } notReady)
                    return notReady;
                var debt = await CommuneMoneyService.RecordedDebtAsync(db, record.CommuneCode, record.Year, ct);
                return dossier.Submit(actor, now, debt);
            }
        );

    public Task<(DossierDto? Dossier, Outcome Outcome)> ResubmitAsync(int id, CancellationToken ct) =>
        steps.StepAsync(
            id,
            null,
            ct,
            (record, _) => access.CanEditDossier(record.CommuneCode) ? null : DossierSteps.EditForbidden(record),
            async (record, dossier, actor, now) =>
            {
                if (dossier.Status == DossierStatus.SentBack)
                {
                    var refreshed = await steps.RefreshAsync(record, dossier, actor, now, ct);
                    if (!refreshed.IsDone)
                        return refreshed;
                }
                if (
                    dossier.Status == DossierStatus.SentBack
                    && await conditions.ReadyToSubmitAsync(record, ct) is { IsDone: false } notReady
                )
                    return notReady;
                return dossier.Resubmit(actor, now);
            }
        );

    // ---- departments ----
}

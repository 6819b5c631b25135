using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data.Plans;
using Mtqg.Domain.Common;
using Mtqg.Domain.Plans;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Plans;

/// <summary>A plan as read: its targets with progress as of a day, on track or behind.</summary>
public sealed partial class PlanService
{
    public async Task<(PlanView? Plan, Outcome Outcome)> GetAsync(int id, CancellationToken ct, DateOnly? asOf = null)
    {
        var plan = await db
            .Plans.AsNoTracking()
            .Include(p => p.Targets)
                .ThenInclude(t => t.Updates)
            .Include(p => p.Targets)
                .ThenInclude(t => t.Agency)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
            return (null, Outcome.NotFound($"Không có kế hoạch số {id}."));
        if (!access.CanReadProvinceWork(plan.ProvinceCode))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem kế hoạch của tỉnh {plan.ProvinceCode}."));
        var today = asOf ?? Today;
        var codes = plan.Targets.SelectMany(t =>
            CommuneGoals(t).Select(g => g.CommuneCode).Append(t.CommuneCode ?? "").Concat(t.Updates.Select(u => u.CommuneCode ?? ""))
        );
        // Communes named as they were when the plan began (a plan of 2024 names the communes of 2024, DESIGN §9).
        var names = await agencies.NamesAsync(codes.Where(c => c.Length > 0), plan.PeriodFrom < today ? plan.PeriodFrom : today, ct);
        var targets = new List<TargetView>();
        foreach (var target in plan.Targets.OrderBy(t => t.Kind).ThenBy(t => t.Id))
            targets.Add(await ViewAsync(plan, target, names, today, ct));
        var file = plan.FileKey is null
            ? null
            : new PlanFileView(plan.FileName!, FileStore.ContentTypeOf(plan.FileKey), plan.FileSize ?? 0);
        return (
            new PlanView(
                plan.Id,
                plan.ProvinceCode,
                await agencies.ProvinceNameAsync(plan.ProvinceCode, today, ct) ?? plan.ProvinceCode,
                plan.Number,
                plan.Issuer,
                plan.IssuedOn,
                plan.PeriodFrom,
                plan.PeriodTo,
                plan.Title,
                file,
                today,
                targets,
                EditVersion.Of(plan.UpdatedAt)
            ),
            Outcome.Done
        );
    }

    private async Task<TargetView> ViewAsync(
        Plan plan,
        PlanTarget target,
        Dictionary<string, string> names,
        DateOnly today,
        CancellationToken ct
    )
    {
        string Name(string code) => names.GetValueOrDefault(code, code);
        var updates = target
            .Updates.OrderByDescending(u => u.Date)
            .ThenByDescending(u => u.Id)
            .Select(u => new UpdateView(
                u.Id,
                u.Date,
                u.Amount,
                u.CommuneCode,
                u.CommuneCode is null ? null : Name(u.CommuneCode),
                u.Evidence,
                u.By,
                u.RecordedAt,
                u.FileName
            ))
            .ToList();
        TargetView View(
            TargetProgress p,
            string source,
            IReadOnlyList<CommuneRef> counted,
            IReadOnlyList<PipelineView> pipeline,
            IReadOnlyList<CommuneProgressView> communes
        ) =>
            new(
                target.Id,
                KindCode(target.Kind),
                target.Name,
                target.Level,
                target.Year,
                target.CommuneCode,
                target.CommuneCode is null ? null : Name(target.CommuneCode),
                target.Kind == TargetKind.RateReduction ? p.Goal : target.Goal,
                target.Unit,
                target.Kind is TargetKind.Activity or TargetKind.RateReduction ? ScopeCode(target.Scope) : null,
                target.Kind == TargetKind.Activity ? ModeCode(target.Mode) : null,
                target.AgencyId,
                target.Agency?.Name,
                p.Achieved,
                p.Percent,
                p.ExpectedPercent,
                StateCode(p.State),
                StateName(p.State),
                p.Summary,
                source,
                counted,
                pipeline,
                communes,
                updates,
                target.BaselineYear
            );

        switch (target.Kind)
        {
            case TargetKind.CommuneCount:
            {
                var found = await attainment.InYearAsync(plan.ProvinceCode, target.Year!.Value, target.Level!, today, ct);
                var progress = new CommuneCountTarget(target.Level!, target.Year.Value, (int)target.Goal).ProgressAt(
                    found.Reached,
                    found.Candidates,
                    today
                );
                string N(string code) => found.Names.GetValueOrDefault(code) ?? Name(code);
                return View(
                    progress.Progress,
                    attainment.Source,
                    [.. progress.RecognisedCommunes.Select(c => new CommuneRef(c, N(c)))],
                    [.. progress.Pipeline.Select(c => new PipelineView(c.CommuneCode, N(c.CommuneCode), c.MissingCriteria))],
                    []
                );
            }
            case TargetKind.NamedCommune:
            {
                var facts = new List<RecognitionFact>();
                for (var year = Math.Min(plan.PeriodFrom.Year, target.Year!.Value); year <= Math.Min(target.Year.Value, today.Year); year++)
                    facts.AddRange(
                        (await attainment.InYearAsync(plan.ProvinceCode, year, target.Level!, today, ct)).Reached.Where(r =>
                            r.CommuneCode == target.CommuneCode
                        )
                    );
                var named = new NamedCommuneTarget(target.CommuneCode!, target.Level!, target.Year.Value).ProgressAt(facts, today);
                var done = named.State == TargetState.Done;
                var start = new DateOnly(Math.Min(plan.PeriodFrom.Year, target.Year.Value), 1, 1);
                var expected = Math.Floor(TargetProgress.ExpectedShare(start, named.Deadline, today) * 1000m) / 10m;
                // The facts come from the evaluation, not from decisions: say "reached by the evaluation of year Y" rather than a decision date.
                var summary = done
                    ? $"Đã được công nhận đạt chuẩn {target.Level} (quyết định ngày {named.ReachedOn!.Value:dd/MM/yyyy})"
                    : named.Summary;
                var p = new TargetProgress(done ? 1 : 0, 1, done ? 100 : 0, expected, named.State, today, start, named.Deadline, summary);
                return View(p, attainment.Source, done ? [new CommuneRef(target.CommuneCode!, Name(target.CommuneCode!))] : [], [], []);
            }
            case TargetKind.RateReduction:
            {
                var (rates, communes) = await RateProgressAsync(plan, target, Name, today, ct);
                return View(rates.Progress, PovertySource, [], [], communes);
            }
            default:
            {
                var progress = Activity(plan, target).ProgressAt(today);
                return View(
                    progress.Progress,
                    RecordedSource,
                    [],
                    [],
                    [
                        .. progress.Communes.Select(c => new CommuneProgressView(
                            c.CommuneCode,
                            Name(c.CommuneCode),
                            c.Achieved,
                            c.Goal,
                            c.IsDone
                        )),
                    ]
                );
            }
        }
    }

    private static ActivityTarget Activity(Plan plan, PlanTarget target)
    {
        var period = new PlanPeriod(plan.PeriodFrom, plan.PeriodTo);
        var goals = CommuneGoals(target);
        var activity =
            target.Scope == ActivityScope.PerCommune
                ? ActivityTarget.PerCommune(target.Name, target.Unit ?? "", goals, target.Mode, period)
                : ActivityTarget.Overall(
                    target.Name,
                    target.Unit ?? "",
                    target.Goal,
                    target.Mode,
                    period,
                    [.. goals.Select(g => g.CommuneCode)]
                );
        activity.Restore(
            target.Updates.OrderBy(u => u.Id).Select(u => new ProgressUpdate(u.Date, u.Amount, u.By, u.Evidence, u.CommuneCode))
        );
        return activity;
    }

    private static List<CommuneGoal> CommuneGoals(PlanTarget target) =>
        string.IsNullOrEmpty(target.CommuneGoals)
            ? []
            :
            [
                .. target
                    .CommuneGoals.Split(',')
                    .Select(p => p.Split('='))
                    .Select(p => new CommuneGoal(p[0], decimal.Parse(p[1], CultureInfo.InvariantCulture))),
            ];
}

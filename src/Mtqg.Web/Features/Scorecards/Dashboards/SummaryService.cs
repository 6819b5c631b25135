using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Units;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Scorecards.Evaluation;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Scorecards.Dashboards;

/// <summary>Province and national summaries of a year, evaluated from the values as stored now (a saved value shows on the next request).</summary>
public sealed class SummaryService(
    AppDbContext db,
    ScorecardService scorecards,
    EvaluationService evaluations,
    SetCatalog catalog,
    DatabaseVersion versions
)
{
    /// <summary>
    /// A province-year at a glance. Served from <see cref="SummaryCache"/>: as is while the database has not changed since
    /// it was computed; after a change, only the communes whose inputs changed are evaluated again (decision 0030). A draft
    /// set may still change in place, so its summary is computed anew after any change.
    /// </summary>
    public async Task<(ProvinceSummaryDto? Summary, Outcome Outcome)> ProvinceSummaryAsync(
        string provinceCode,
        int year,
        string? setCode,
        CancellationToken ct
    )
    {
        var (set, outcome) = await scorecards.SetForAsync(setCode, year, provinceCode, ct);
        if (set is null)
            return (null, outcome);
        var cache = SummaryCache.For(catalog);
        var summary =
            set.Status == CriteriaSetStatus.Draft
                ? await cache.GetAsync(
                    db,
                    versions,
                    set.Id,
                    provinceCode,
                    year,
                    async () =>
                        await EvaluateProvinceAsync(set, provinceCode, year, null, ct) is ({ } unit, var communes)
                            ? Summarize(set, year, unit, communes)
                            : null,
                    ct
                )
                : await cache.ProvinceAsync(
                    db,
                    versions,
                    set.Id,
                    provinceCode,
                    year,
                    only => EvaluateProvinceAsync(set, provinceCode, year, only, ct),
                    (unit, communes) => Summarize(set, year, unit, communes),
                    ct
                );
        return summary is null
            ? (null, Outcome.NotFound($"Không có tỉnh, thành phố mã \"{provinceCode}\" có hiệu lực ngày 31/12/{year}."))
            : (summary, Outcome.Done);
    }

    /// <summary>The province in force at the year's end (null if none) and its communes evaluated: all, or only <paramref name="only"/>.</summary>
    private async Task<(UnitRef? Province, EvaluatedCommune[] Communes)> EvaluateProvinceAsync(
        LoadedSet set,
        string provinceCode,
        int year,
        IReadOnlyCollection<int>? only,
        CancellationToken ct
    )
    {
        if (only is null)
        {
            var province = await UnitService
                .InForce(db.Units.AsNoTracking(), ScorecardService.YearEnd(year))
                .Where(u => u.Code == provinceCode && u.Level == UnitLevel.Province)
                .Select(u => new UnitRef(u.Code, u.FullName))
                .FirstOrDefaultAsync(ct);
            if (province is null)
                return (null, []);
            return (province, Kept(await evaluations.EvaluateAsync(set, year, provinceCode, ct)));
        }
        return (null, Kept(await evaluations.EvaluateAsync(set, year, provinceCode, ct, only: only)));
    }

    private static EvaluatedCommune[] Kept(List<(AdministrativeUnitRow Commune, Scorecard Card, int Values)> results) =>
        [
            .. results.Select(r => new EvaluatedCommune(
                r.Commune.Id,
                Result(r.Commune, r.Card, r.Values),
                [.. r.Card.Criteria.Select(c => c.Status)]
            )),
        ];

    private static ProvinceSummaryDto Summarize(LoadedSet set, int year, UnitRef province, EvaluatedCommune[] results)
    {
        var communes = results.Select(r => r.Line).ToList();
        // The engine lists a card's criteria in the set's order, so the statuses line up with the set's criteria.
        var (met, applicable) = (new int[set.Evaluation.Criteria.Count], new int[set.Evaluation.Criteria.Count]);
        foreach (var result in results)
            for (var i = 0; i < result.Statuses.Length; i++)
            {
                if (result.Statuses[i] == EvaluationStatus.Met)
                    met[i]++;
                if (result.Statuses[i] != EvaluationStatus.NotApplicable)
                    applicable[i]++;
            }
        var criteria = set
            .Evaluation.Criteria.Select((c, i) => new CriterionCount(c.Number, c.Code, c.Name, met[i], applicable[i]))
            .ToList();
        var closest = communes
            .Where(c => c.CriteriaTotal > 0 && c.ValuesEntered > 0 && c.CriteriaTotal - c.CriteriaMet is 1 or 2)
            .OrderByDescending(c => c.CriteriaMet - c.CriteriaTotal)
            .ThenBy(c => c.Name)
            .ToList();
        return new ProvinceSummaryDto(
            province,
            year,
            set.Code,
            set.LowestLevel,
            communes.Count,
            communes.Count(c => c.ValuesEntered > 0),
            set.Levels.Select(l => new LevelCount(l.Code, l.Name, communes.Count(c => c.Reached.Contains(l.Code)))).ToList(),
            set.Evaluation.Bands.Select(b => new BandCount(b.Name, b.MinCriteriaMet, communes.Count(c => c.Band == b.Name))).ToList(),
            criteria,
            closest,
            communes
        );
    }

    public async Task<(NationalSummaryDto? Summary, Outcome Outcome)> NationalSummaryAsync(int year, string? setCode, CancellationToken ct)
    {
        var (set, outcome) = await scorecards.SetForAsync(setCode, year, ct);
        if (set is null)
            return (null, outcome);
        var summary = await SummaryCache
            .For(catalog)
            .GetAsync(
                db,
                versions,
                set.Id,
                null,
                year,
                async () =>
                {
                    var provinces = await UnitService
                        .InForce(db.Units.AsNoTracking(), ScorecardService.YearEnd(year))
                        .Where(u => u.Level == UnitLevel.Province)
                        .OrderBy(u => u.Code)
                        .Select(u => new { u.Code, u.FullName })
                        .ToListAsync(ct);
                    var results = (await evaluations.EvaluateAsync(set, year, null, ct)).ToLookup(r => r.Commune.ProvinceCode);
                    return new NationalSummaryDto(
                        year,
                        set.Code,
                        provinces
                            .Select(p =>
                            {
                                var rows = results[p.Code].ToList();
                                return new ProvinceLine(
                                    p.Code,
                                    p.FullName,
                                    rows.Count,
                                    rows.Count(r => r.Values > 0),
                                    Levels(set, rows),
                                    Bands(set, rows),
                                    rows.Count == 0 ? 0 : Math.Round(rows.Average(r => r.Card.CriteriaMet), 1)
                                );
                            })
                            .ToList()
                    );
                },
                ct
            );
        return (summary, Outcome.Done);
    }

    private static CommuneResult Result(AdministrativeUnitRow commune, Scorecard card, int values) =>
        new(
            commune.Code,
            commune.Name,
            card.Group,
            card.CriteriaMet,
            card.CriteriaTotal,
            card.Band,
            card.Reached,
            values,
            card.Criteria.Where(c => c.Status is EvaluationStatus.NotMet or EvaluationStatus.Missing or EvaluationStatus.NoThreshold)
                .Select(c => $"{c.Number}. {c.Name}")
                .ToList()
        );

    private static List<LevelCount> Levels(
        LoadedSet set,
        IEnumerable<(AdministrativeUnitRow Commune, Scorecard Card, int Values)> results
    ) => set.Levels.Select(l => new LevelCount(l.Code, l.Name, results.Count(r => r.Card.Reached.Contains(l.Code)))).ToList();

    private static List<BandCount> Bands(LoadedSet set, IEnumerable<(AdministrativeUnitRow Commune, Scorecard Card, int Values)> results) =>
        set.Evaluation.Bands.Select(b => new BandCount(b.Name, b.MinCriteriaMet, results.Count(r => r.Card.Band == b.Name))).ToList();
}

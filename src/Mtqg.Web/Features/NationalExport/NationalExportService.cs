using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Poverty;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.Money.Projects;
using Mtqg.Web.Features.Poverty;
using Mtqg.Web.Features.Scorecards.Dashboards;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.NationalExport;

/// <summary>
/// Builds the national export of a province-year from what the other features serve — the province summary (criteria),
/// the disbursement summary (money), the approved poverty results, titles and contributions — so its figures equal the
/// API's. Read by those who read the province's detailed data.
/// </summary>
public sealed class NationalExportService(
    AppDbContext db,
    ScorecardService scorecards,
    SummaryService summaries,
    DisbursementSummaryService disbursements,
    PeriodClosingService closing,
    TimeProvider clock
)
{
    /// <summary>The version of docs/national-export.schema.json this service writes (change both together).</summary>
    public const string SchemaVersion = "1.0";

    public async Task<(NationalExportDocument? Document, Outcome Outcome)> BuildAsync(
        string province,
        int year,
        string? setCode,
        CancellationToken ct
    )
    {
        var (state, may) = await closing.StateAsync(province, year, ct);
        if (state is null)
            return (null, may);
        var (set, setOutcome) = await scorecards.SetForAsync(setCode, year, province, ct);
        if (set is null)
            return (null, setOutcome);
        var (summary, summaryOutcome) = await summaries.ProvinceSummaryAsync(province, year, set.Code, ct);
        if (summary is null)
            return (null, summaryOutcome);
        var (money, moneyOutcome) = await disbursements.ProvinceAsync(province, year, ct);
        if (money is null)
            return (null, moneyOutcome);

        var codes = summary.Communes.Select(c => c.Code).ToList();
        var yearEnd = new DateOnly(year, 12, 31);
        var units = await UnitService
            .InForce(db.Units.AsNoTracking(), yearEnd)
            .Where(u => u.Level == UnitLevel.Commune && codes.Contains(u.Code))
            .Select(u => new
            {
                u.Id,
                u.Code,
                u.Kind,
            })
            .ToListAsync(ct);
        var byCode = units.ToDictionary(u => u.Code);
        var ids = units.Select(u => u.Id).ToList();
        var values = (
            await db
                .IndicatorValues.AsNoTracking()
                .Where(v => v.Year == year && v.Indicator.CriteriaSetId == set.Id && ids.Contains(v.UnitId))
                .Select(v => new
                {
                    v.UnitId,
                    v.IndicatorId,
                    v.Value,
                })
                .ToListAsync(ct)
        ).ToLookup(v => v.UnitId);
        var titles = (
            await db
                .CommuneTitles.AsNoTracking()
                .Where(t => ids.Contains(t.UnitId) && t.Since <= yearEnd && (t.RevokedOn == null || t.RevokedOn > yearEnd))
                .Select(t => new
                {
                    t.UnitId,
                    t.SetCode,
                    t.LevelCode,
                    t.Since,
                    Decision = t.Decision.Number,
                })
                .ToListAsync(ct)
        ).ToLookup(t => t.UnitId);
        var poverty = await db
            .PovertyResults.AsNoTracking()
            .Where(r => r.Year == year && r.Status == PovertyResult.Approved && ids.Contains(r.UnitId))
            .ToDictionaryAsync(r => r.UnitId, ct);
        var contributions = await db
            .CommuneContributions.AsNoTracking()
            .Where(c => c.Year == year && codes.Contains(c.CommuneCode))
            .ToDictionaryAsync(c => c.CommuneCode, ct);

        var communes = summary
            .Communes.Where(c => byCode.ContainsKey(c.Code))
            .Select(c =>
            {
                var unit = byCode[c.Code];
                var p = poverty.GetValueOrDefault(unit.Id);
                var given = contributions.GetValueOrDefault(c.Code);
                return new ExportCommune(
                    c.Code,
                    c.Name,
                    unit.Kind.Code(),
                    c.Group,
                    c.CriteriaMet,
                    c.CriteriaTotal,
                    c.CriteriaNotMet,
                    c.Reached,
                    [
                        .. titles[unit.Id]
                            .OrderBy(t => t.Since)
                            .ThenBy(t => t.LevelCode, StringComparer.Ordinal)
                            .Select(t => new ExportTitle(t.SetCode, t.LevelCode, t.Since, t.Decision)),
                    ],
                    p is null
                        ? null
                        : new ExportPoverty(
                            p.StandardCode,
                            p.Households,
                            p.Poor,
                            p.NearPoor,
                            PovertyService.Rate(p.Poor, p.Households),
                            PovertyService.Rate(p.NearPoor, p.Households)
                        ),
                    given is null ? null : new ExportContributions(given.Cash, given.LandSquareMetres, given.Workdays, given.InKind),
                    values[unit.Id]
                        .Where(v => set.IndicatorsById.ContainsKey(v.IndicatorId))
                        .OrderBy(v => v.IndicatorId)
                        .ToDictionary(v => set.IndicatorsById[v.IndicatorId].Code, v => v.Value)
                );
            })
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToList();

        var criteria = set
            .Evaluation.Criteria.Select(c => new ExportCriterion(
                c.Code,
                c.Name,
                [.. set.Indicators.Values.Where(i => i.CriterionNumber == c.Number).OrderBy(i => i.Id).Select(i => i.Code)]
            ))
            .ToList();
        var programmes = money
            .ByProgramme.Select(p => new ExportProgramme(
                p.Code,
                p.Name,
                p.Allocated,
                p.Disbursed,
                [
                    .. money
                        .ByProgrammeSource.Where(l => l.Programme == p.Code)
                        .Select(l => new ExportSourceAmount(l.Source, l.Allocated, l.Disbursed)),
                ]
            ))
            .ToList();
        return (
            new NationalExportDocument(
                SchemaVersion,
                new ExportProvince(province, state.ProvinceName),
                year,
                clock.GetUtcNow().UtcDateTime,
                [.. state.Parts.Where(p => p.Closed).Select(p => new ExportClosedPart(p.Part, p.ClosedAt!.Value, p.ClosedBy ?? ""))],
                new ExportCriteriaSet(set.Code, set.Name, set.LowestLevel, criteria),
                communes,
                programmes,
                [.. money.Projects.OrderBy(p => p.Id).Select(p => new ExportProject(p.Id, p.Name, p.Allocated, p.Disbursed, p.LastMonth))]
            ),
            Outcome.Done
        );
    }
}

using Mtqg.Domain.Plans;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Scorecards.Dashboards;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Plans;

/// <summary>
/// A commune reaches a level in a year when its evaluation against the set in force that year meets every criterion of
/// the level (the province summary, live from the values). It counts as reached on the last day of that year, or today
/// while the year runs. The pipeline is the communes with data that miss criteria at the set's lowest level.
/// </summary>
public sealed class ScorecardLevelAttainment(SummaryService summaries, ProvinceLineage lineage) : ILevelAttainment
{
    public string Source => "đạt theo đánh giá bộ tiêu chí";

    public async Task<Attainment> InYearAsync(string provinceNow, int year, string level, DateOnly today, CancellationToken ct)
    {
        // Before the 2025 reform the province of today was several provinces: their communes are counted together.
        IReadOnlyList<string> provinces = Reform.IsYearBefore(year) ? await lineage.OldProvincesOfAsync(provinceNow) : [];
        if (provinces.Count == 0)
            provinces = [provinceNow];
        var on =
            today < new DateOnly(year, 1, 1) ? new DateOnly(year, 1, 1)
            : today > new DateOnly(year, 12, 31) ? new DateOnly(year, 12, 31)
            : today;
        var reached = new List<RecognitionFact>();
        var candidates = new List<PipelineCommune>();
        var names = new Dictionary<string, string>();
        foreach (var province in provinces)
        {
            var (summary, _) = await summaries.ProvinceSummaryAsync(province, year, null, ct);
            if (summary is null)
                continue;
            foreach (var commune in summary.Communes)
            {
                names[commune.Code] = commune.Name;
                if (commune.Reached.Contains(level))
                    reached.Add(new RecognitionFact(commune.Code, level, on));
                else if (summary.Level == level && commune.ValuesEntered > 0 && commune.CriteriaTotal > 0)
                    candidates.Add(new PipelineCommune(commune.Code, commune.CriteriaNotMet));
            }
        }
        return new Attainment(reached, candidates, names);
    }
}

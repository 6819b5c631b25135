using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Plans;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Plans;

/// <summary>
/// A commune reaches a level in a year when a recognition decision of that year gave it the title (DESIGN §1: the title
/// comes from the decision, not from the data alone), on the decision's date; a title revoked since still counts for the
/// year it was given. The pipeline is the communes not yet recognised whose evaluation misses criteria at the level
/// (<see cref="ScorecardLevelAttainment"/>), so the plan shows who could still make it.
/// </summary>
public sealed class RecognitionLevelAttainment(AppDbContext db, ScorecardLevelAttainment evaluation, ProvinceLineage lineage)
    : ILevelAttainment
{
    public string Source => "đạt theo quyết định công nhận";

    public async Task<Attainment> InYearAsync(string provinceNow, int year, string level, DateOnly today, CancellationToken ct)
    {
        // Decisions before the 2025 reform were made by the provinces that merged into today's.
        var provinces = (await lineage.OldProvincesOfAsync(provinceNow)).Append(provinceNow).Distinct().ToList();
        var titles = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => provinces.Contains(t.ProvinceCode) && t.Year == year && t.LevelCode == level && t.Since <= today)
            .Select(t => new
            {
                t.CommuneCode,
                t.CommuneName,
                t.Since,
            })
            .ToListAsync(ct);
        var scored = await evaluation.InYearAsync(provinceNow, year, level, today, ct);
        var recognised = titles.Select(t => t.CommuneCode).ToHashSet();
        var names = new Dictionary<string, string>(scored.Names);
        foreach (var t in titles)
            names[t.CommuneCode] = t.CommuneName;
        return new Attainment(
            [.. titles.Select(t => new RecognitionFact(t.CommuneCode, level, t.Since))],
            [.. scored.Candidates.Where(c => !recognised.Contains(c.CommuneCode))],
            names
        );
    }
}

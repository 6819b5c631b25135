using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Dashboards;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Map;

/// <summary>The public map's figures, kept like the summaries (decision 0008): reused while the database version is unchanged.</summary>
public sealed class MapService(AppDbContext db, SummaryService summaries, SetCatalog catalog, DatabaseVersion versions)
{
    /// <summary>The boundaries are those of the 34 provinces in force from 01/07/2025: no earlier year can be drawn with them.</summary>
    public const int FirstYear = 2025;

    /// <summary>The map key in the summary cache: no set of its own (it takes the set in force), a province code no unit has.</summary>
    private const string CacheKey = "ban-do";

    public async Task<(MapDto? Map, Outcome Outcome)> MapAsync(int year, CancellationToken ct)
    {
        if (year < FirstYear || year > 2100)
        {
            var message =
                $"Bản đồ vẽ ranh giới 34 tỉnh, thành phố có hiệu lực từ 01/07/2025: chọn năm từ {FirstYear} đến 2100 (đã chọn {year}).";
            return (null, Outcome.Invalid(message, [new Problem("year", message)]));
        }
        var map = await SummaryCache.For(catalog).GetAsync(db, versions, 0, CacheKey, year, () => ComputeAsync(year, ct), ct);
        return (map, Outcome.Done);
    }

    private async Task<MapDto?> ComputeAsync(int year, CancellationToken ct)
    {
        var end = ScorecardService.YearEnd(year);
        var inForce = UnitService.InForce(db.Units.AsNoTracking(), end);
        var provinces = await inForce
            .Where(u => u.Level == UnitLevel.Province)
            .OrderBy(u => u.Code)
            .Select(u => new { u.Code, u.FullName })
            .ToListAsync(ct);
        var communes = (
            await inForce
                .Where(u => u.Level == UnitLevel.Commune)
                .GroupBy(u => u.ProvinceCode)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(ct)
        ).ToDictionary(g => g.Key, g => g.Count);
        // Held on 31/12: granted by then, not revoked by then, by a commune in force then (a title belongs to its unit, decision 0021).
        var holders = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => t.Since <= end && (t.RevokedOn == null || t.RevokedOn > end))
            .Where(t => (t.Unit.ValidFrom == null || t.Unit.ValidFrom <= end) && (t.Unit.ValidTo == null || t.Unit.ValidTo >= end))
            .Select(t => new { t.UnitId, t.Unit.ProvinceCode })
            .Distinct()
            .ToListAsync(ct);
        var held = holders.GroupBy(h => h.ProvinceCode).ToDictionary(g => g.Key, g => g.Count());
        var recorded = (await db.CommuneTitles.Select(t => t.Unit.ProvinceCode).Distinct().ToListAsync(ct)).ToHashSet();
        var (national, outcome) = await summaries.NationalSummaryAsync(year, null, ct);
        var self = national?.Provinces.ToDictionary(p => p.Code);
        return new MapDto(
            year,
            national?.Set,
            national?.Provinces.FirstOrDefault()?.Levels.FirstOrDefault()?.Name,
            national is null ? outcome.Problems.FirstOrDefault()?.Message ?? outcome.Message : null,
            MapClasses.All,
            [
                .. provinces.Select(p =>
                {
                    var total = communes.GetValueOrDefault(p.Code);
                    int? recognised = recorded.Contains(p.Code) ? held.GetValueOrDefault(p.Code) : null;
                    var line = self?.GetValueOrDefault(p.Code);
                    int? reached = line is { CommunesWithData: > 0 } ? line.Levels.FirstOrDefault()?.Communes ?? 0 : null;
                    var evaluated = line?.CommunesEvaluated ?? 0;
                    return new MapProvince(
                        p.Code,
                        p.FullName,
                        total,
                        recognised,
                        MapClasses.Share(recognised, total),
                        line?.CommunesWithData ?? 0,
                        reached,
                        MapClasses.Share(reached, evaluated)
                    );
                }),
            ]
        );
    }
}

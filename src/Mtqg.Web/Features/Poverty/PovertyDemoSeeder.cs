using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Poverty;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Poverty;

/// <summary>
/// Demo mode only: annual poverty review results for the communes of Lào Cai (15) in the three years before this one (approved) and this year (under way), so the poverty pages
/// live. DEMO FIGURES, NOT OFFICIAL ONES: counts are pseudo-random (a hash of the commune code), plausible for a
/// mountain province, with rates falling a little each year. Years before the reform are entered for the pre-reform
/// communes (of the old provinces merged into Lào Cai) in force on 31 December, as the province summary reads them;
/// 2025 for the communes of today, their households the sum of those of the communes they were formed from (a commune
/// split among several shares evenly), so the province's line runs on across the reform. In the last year a few
/// communes are left as draft or not entered so the status board shows all three states; Xã Bảo Hà (02989) is not
/// entered, so its officer demo.xa can enter it.
/// </summary>
public sealed class PovertyDemoSeeder(AppDbContext db, PovertyStandards standards, ProvinceLineage lineage, TimeProvider clock)
{
    public const string Province = "15",
        DemoCommune = "02989";

    /// <summary>The demo follows the calendar (decision 0012): this year's review under way, the three years before approved.</summary>
    public static (int First, int Last) Years(DateOnly today) => (Math.Max(2022, today.Year - 3), today.Year);

    private sealed record Counts(int Households, int Poor, int NearPoor);

    public async Task SeedAsync(CancellationToken ct)
    {
        var (firstYear, lastYear) = Years(VietnamTime.Today(clock));
        var old = await lineage.OldProvincesOfAsync(Province);
        var provinces = old.Append(Province).ToList();
        if (await db.PovertyResults.AnyAsync(r => r.Year >= firstYear && r.Year <= lastYear && provinces.Contains(r.ProvinceCode), ct))
            return;
        var at = clock.GetUtcNow().UtcDateTime;
        var counts = new Dictionary<(int Unit, int Year), Counts>();
        for (var year = firstYear; year <= lastYear; year++)
        {
            var standard = standards.Of(year)?.Code;
            if (standard is null)
                continue;
            var end = PovertyService.YearEnd(year);
            var inForce = UnitService.InForce(db.Units.AsNoTracking(), end).Where(u => u.Level == UnitLevel.Commune);
            var communes = await (
                Reform.IsYearBefore(year)
                    ? inForce.Where(u => old.Contains(u.ProvinceCode))
                    : inForce.Where(u => u.ProvinceCode == Province)
            )
                .OrderBy(u => u.Code)
                .ToListAsync(ct);
            var formedFrom = await PredecessorsAsync(communes, year, ct);
            for (var i = 0; i < communes.Count; i++)
            {
                var c = communes[i];
                var n = Of(c, year, year == firstYear, counts, formedFrom);
                counts[(c.Id, year)] = n;
                var last = year == lastYear;
                if (last && (c.Code == DemoCommune || i % 33 == 17))
                    continue; // not entered
                var draft = last && i % 33 == 5;
                db.PovertyResults.Add(
                    new PovertyResult
                    {
                        UnitId = c.Id,
                        CommuneCode = c.Code,
                        ProvinceCode = c.ProvinceCode,
                        Year = year,
                        StandardCode = standard,
                        Households = n.Households,
                        Poor = n.Poor,
                        NearPoor = n.NearPoor,
                        Status = draft ? PovertyResult.Draft : PovertyResult.Approved,
                        ApprovedBy = draft ? null : "demo",
                        ApprovedAt = draft ? null : at,
                        UpdatedAt = at,
                        UpdatedBy = "demo",
                    }
                );
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>For each commune not in force a year earlier, the units it was formed from and how many units each went into.</summary>
    private async Task<Dictionary<int, List<(int Predecessor, int Shares)>>> PredecessorsAsync(
        List<AdministrativeUnit> communes,
        int year,
        CancellationToken ct
    )
    {
        var ids = communes.Select(c => c.Id).ToList();
        var successions = await db
            .UnitSuccessions.AsNoTracking()
            .Where(s => ids.Contains(s.SuccessorId) && s.EffectiveOn > PovertyService.YearEnd(year - 1))
            .Select(s => new { s.PredecessorId, s.SuccessorId })
            .ToListAsync(ct);
        var predecessors = successions.Select(s => s.PredecessorId).Distinct().ToList();
        var shares = await db
            .UnitSuccessions.AsNoTracking()
            .Where(s => predecessors.Contains(s.PredecessorId))
            .GroupBy(s => s.PredecessorId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return successions
            .GroupBy(s => s.SuccessorId)
            .ToDictionary(g => g.Key, g => g.Select(s => (s.PredecessorId, shares.GetValueOrDefault(s.PredecessorId, 1))).ToList());
    }

    /// <summary>
    /// A commune's counts in a year: last year's with a little fewer poor and near-poor households; a commune formed
    /// from others starts from their counts; any other from a hash of its code.
    /// </summary>
    private static Counts Of(
        AdministrativeUnit c,
        int year,
        bool first,
        Dictionary<(int Unit, int Year), Counts> counts,
        Dictionary<int, List<(int Predecessor, int Shares)>> formedFrom
    )
    {
        Counts? before = counts.GetValueOrDefault((c.Id, year - 1));
        if (before is null && formedFrom.TryGetValue(c.Id, out var from))
        {
            var parts = from.Select(p => (Counts: counts.GetValueOrDefault((p.Predecessor, year - 1)), p.Shares))
                .Where(p => p.Counts is not null)
                .ToList();
            if (parts.Count > 0)
                before = new Counts(
                    parts.Sum(p => p.Counts!.Households / p.Shares),
                    parts.Sum(p => p.Counts!.Poor / p.Shares),
                    parts.Sum(p => p.Counts!.NearPoor / p.Shares)
                );
        }
        if (before is null)
        {
            var h = Hash(c.Code);
            var households = 700 + (int)(h % 2600);
            var poorRate = 3 + (h / 2600 % 330) / 10.0; // 3–36 %
            var nearRate = 4 + (h / 900_000 % 120) / 10.0; // 4–16 %
            var poor = (int)Math.Round(households * poorRate / 100);
            var near = (int)Math.Round(households * nearRate / 100);
            if (first)
                return new Counts(households, poor, near);
            before = new Counts(households, poor, near);
        }
        // Rates fall a little each year (8–17 % of the rate), households grow a little.
        var fall = 0.83 + Hash($"{c.Code}/{year}") % 10 / 100.0;
        return new Counts(
            before.Households + before.Households / 100,
            (int)Math.Round(before.Poor * fall),
            (int)Math.Round(before.NearPoor * (fall + 0.05))
        );
    }

    /// <summary>FNV-1a: the same pseudo-random number for a code on every run and machine.</summary>
    private static uint Hash(string text)
    {
        var h = 2166136261u;
        foreach (var ch in text)
            h = (h ^ ch) * 16777619u;
        return h;
    }
}

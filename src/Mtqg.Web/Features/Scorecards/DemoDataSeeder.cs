using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Scorecards;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Units;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Scorecards;

/// <summary>
/// Demo mode only: fills the illustrative criteria set for every rural commune (the units in force on
/// 31 December of each year) with a deterministic, plausible spread — most communes meet most
/// criteria, some are recognised, some are one or two criteria short, a few are far behind — and
/// improving year by year. The years are 2024–2026 (before and after the 2025 reform, fixed) and every later
/// year up to the current one (at most the set's last year, 2030), so the current year has values to show and
/// dossiers to take through the process (docs/decisions/0012). Nothing here is an official number.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, SetCatalog catalog, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public const string DemoSetCode = "DEMO-MINH-HOA";
    private const int FirstYear = 2024,
        FixedUntil = 2026,
        LastYear = 2030;

    /// <summary>The latest year the demo fills: the current year in Vietnam, from 2026 to the demo set's last year.</summary>
    public static int CurrentYear(TimeProvider clock) => Math.Clamp(VietnamTime.Today(clock).Year, FixedUntil, LastYear);

    public static IReadOnlyList<int> Years(TimeProvider clock) => [.. Enumerable.Range(FirstYear, CurrentYear(clock) - FirstYear + 1)];

    public async Task SeedAsync(CancellationToken ct)
    {
        var set = await catalog.GetAsync(db, DemoSetCode, ct);
        if (set is null || await db.IndicatorValues.AnyAsync(v => v.Indicator.CriteriaSetId == set.Id, ct))
            return;
        var started = DateTime.UtcNow;
        var now = clock.GetUtcNow().UtcDateTime;
        var groupCodes = set.GroupIds.Keys.OrderBy(c => c).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var assigned = new HashSet<int>();
        var rows = new List<ValueRow>();
        var years = Years(clock);
        foreach (var year in years)
        {
            var communes = await UnitService
                .InForce(db.Units.AsNoTracking(), ScorecardService.YearEnd(year))
                .Where(u => u.Level == UnitLevel.Commune && (u.Kind == UnitKind.Xa || u.Kind == UnitKind.DacKhu))
                .Select(u => new { u.Id, u.Code })
                .ToListAsync(ct);
            foreach (var commune in communes)
            {
                var group = groupCodes.Count == 0 ? null : groupCodes[Pick(Hash(commune.Code, "group"), [25, 50, 25])];
                if (group is not null && assigned.Add(commune.Id))
                    db.GroupAssignments.Add(
                        new CommuneGroupAssignment
                        {
                            CriteriaSetId = set.Id,
                            UnitId = commune.Id,
                            GroupId = set.GroupIds[group],
                            UpdatedAt = now,
                            UpdatedBy = "demo",
                        }
                    );
                // Capacity: most communes strong, a tail far behind; every year a little better (more slowly after 2026,
                // so later years still have communes one or two criteria short).
                var u = Unit(Hash(commune.Code, "capacity"));
                var capacity = 1 - u * u * 0.95 + 0.07 * (Math.Min(year, FixedUntil) - FirstYear) + 0.02 * Math.Max(0, year - FixedUntil);
                foreach (var indicator in set.Indicators.Values)
                {
                    var noise = Normal(Hash(commune.Code, indicator.Code, year.ToString())) * 0.16;
                    var q = capacity + noise;
                    if (capacity < 0.35 && Unit(Hash(commune.Code, indicator.Code, "missing", year.ToString())) < 0.25)
                        continue;
                    rows.Add(new ValueRow(commune.Id, year, indicator.Id, ValueFor(set, indicator, group, year, q)));
                }
            }
        }
        await db.SaveChangesAsync(ct);
        var count = await BulkValueWriter.InsertAsync(db, rows, now, "demo", ct);
        await EvaluationStamps.TouchAsync(db, rows.Select(r => r.UnitId), units: false, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation(
            "Đã tạo dữ liệu minh họa: {Count} giá trị chỉ tiêu cho các năm {Years} trong {Seconds:0.0} giây.",
            count,
            string.Join(", ", years),
            (DateTime.UtcNow - started).TotalSeconds
        );
    }

    /// <summary>q ≥ 0.3 meets the threshold; the further above, the more comfortably.</summary>
    private static decimal ValueFor(LoadedSet set, SetIndicator indicator, string? group, int year, double q)
    {
        if (indicator.Type == IndicatorType.Boolean)
            return ValueRules.FromFlag(q >= 0.3);
        var target = Target(set, indicator, group, year) ?? 50m;
        decimal value = indicator.Rule switch
        {
            Rule.AtMost or Rule.LessThan when target == 0 => q >= 0.3 ? 0m : (decimal)Math.Round((0.3 - q) * 10, 1),
            Rule.AtMost or Rule.LessThan => target * (decimal)(1 - (q - 0.3) * 0.6),
            _ => target * (decimal)(1 + (q - 0.3) * 0.45),
        };
        if (indicator.Type == IndicatorType.Percent)
            value = Math.Clamp(value, 0m, 100m);
        return Math.Round(Math.Max(0m, value), 1);
    }

    private static decimal? Target(LoadedSet set, SetIndicator indicator, string? group, int year)
    {
        var rows = set.Evaluation.Criteria.SelectMany(c => c.Indicators).First(i => i.Code == indicator.Code).Thresholds;
        return ThresholdRow.Select(rows, set.LowestLevel, group, year)?.Value;
    }

    private static int Pick(ulong hash, int[] weights)
    {
        var roll = (int)(hash % (ulong)weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i])
                return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }

    private static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal from two uniforms (Box–Muller), deterministic in the hash.</summary>
    private static double Normal(ulong hash)
    {
        var u1 = Math.Max(Unit(hash), 1e-12);
        var u2 = Unit(hash * 0x9E3779B97F4A7C15UL + 1);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>FNV-1a: stable across processes (string.GetHashCode is not).</summary>
    private static ulong Hash(params string[] parts)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (var ch in part)
            {
                hash ^= ch;
                hash *= 1099511628211UL;
            }
            hash ^= '|';
            hash *= 1099511628211UL;
        }
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}

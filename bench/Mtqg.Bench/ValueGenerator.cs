using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;

namespace Mtqg.Bench;

/// <summary>
/// Deterministic, plausible indicator values from a seed: each commune has a capacity (most strong, a
/// tail far behind) that improves year by year; each cell adds noise; weak communes leave some cells
/// empty. The same seed gives the same data set on every machine and database.
/// </summary>
public sealed class ValueGenerator(int seed)
{
    private readonly Dictionary<(EvaluationIndicator, string?, int), decimal?> targets = [];

    /// <summary>The group (G1/G2/G3 at 25/50/25 %) a commune is judged in under a set.</summary>
    public string Group(string setCode, string communeCode) => BenchSets.Groups[Pick(Hash(setCode, communeCode, "group"), [25, 50, 25])];

    /// <summary>The value written in the commune's cell, or null for an empty cell.</summary>
    public decimal? Value(EvaluationIndicator indicator, string communeCode, string group, int year)
    {
        var u = Unit(Hash(communeCode, "capacity"));
        var capacity = 1 - u * u * 0.95 + 0.04 * (year - 2021);
        if (capacity < 0.4 && Unit(Hash(communeCode, indicator.Code, year.ToString(), "missing")) < 0.2)
            return null;
        var q = capacity + Normal(Hash(communeCode, indicator.Code, year.ToString())) * 0.16;
        if (indicator.Type == IndicatorType.Boolean)
            return ValueRules.FromFlag(q >= 0.3);
        var target = Target(indicator, group, year) ?? 50m;
        var value = indicator.Rule is Rule.AtMost or Rule.LessThan
            ? target * (decimal)(1 - (q - 0.3) * 0.6)
            : target * (decimal)(1 + (q - 0.3) * 0.45);
        if (indicator.Type == IndicatorType.Percent)
            value = Math.Clamp(value, 0m, 100m);
        return Math.Round(Math.Max(0m, value), 1);
    }

    /// <summary>The lowest level's threshold for the commune's group and year (the most specific row, as the engine picks it).</summary>
    private decimal? Target(EvaluationIndicator indicator, string group, int year)
    {
        if (targets.TryGetValue((indicator, group, year), out var cached))
            return cached;
        var target = ThresholdRow.Select(indicator.Thresholds, "NTM", group, year)?.Value;
        return targets[(indicator, group, year)] = target;
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

    /// <summary>FNV-1a over the seed and the parts, then a mix: stable across processes (string.GetHashCode is not).</summary>
    private ulong Hash(params string[] parts)
    {
        var hash = 14695981039346656037UL ^ (ulong)seed;
        hash *= 1099511628211UL;
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

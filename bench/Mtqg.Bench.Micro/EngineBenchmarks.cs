using BenchmarkDotNet.Attributes;
using Mtqg.Domain.Evaluation;

namespace Mtqg.Bench.Micro;

/// <summary>
/// The pure engine on synthetic in-memory data: every commune of a province, of the country after the
/// reform (2,634 rural communes) and before it (7,692), against the benchmark's 2021–2025 set
/// (19 criteria, 60 indicators, groups). Values are built once, both by indicator code (a dictionary per commune)
/// and laid out by position in the set's order, as the evaluation service hands them to the engine. The baseline is a plain loop over arrays
/// doing the same judging, as the main benchmark's SQL reference does.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    [Params(150, 2634, 7692)]
    public int Communes { get; set; }

    private const int Year = 2024;
    private EvaluationSet set = null!;
    private (string? Group, Dictionary<string, decimal?> Values)[] communes = [];
    private Loop loop = null!;
    private (string? Group, LaidOut Values)[] laidOut = [];

    /// <summary>Values by position in the set's order, as the evaluation service hands them (its CommuneValues).</summary>
    private sealed class LaidOut(EvaluationSet set, decimal?[] positions, Dictionary<string, decimal?> byCode)
        : Dictionary<string, decimal?>(byCode),
            IValuesInSetOrder
    {
        public EvaluationSet? LaidOutFor => set;

        public decimal? ValueAt(int position) => positions[position];
    }

    [GlobalSetup]
    public void Setup()
    {
        set = Sets.Evaluation(BenchSets.Document(BenchSets.Before));
        var generator = new ValueGenerator(20260101);
        var indicators = set.Criteria.SelectMany(c => c.Indicators).ToList();
        communes =
        [
            .. Enumerable
                .Range(0, Communes)
                .Select(i =>
                {
                    var code = (i + 1).ToString("00000");
                    var group = generator.Group(BenchSets.Before, code);
                    var values = new Dictionary<string, decimal?>();
                    foreach (var indicator in indicators)
                        if (generator.Value(indicator, code, group, Year) is { } v)
                            values[indicator.Code] = v;
                    return ((string?)group, values);
                }),
        ];
        loop = new Loop(set, Year, communes);
        var codes = Evaluator.IndicatorCodes(set);
        laidOut =
        [
            .. communes.Select(c => (c.Group, new LaidOut(set, [.. codes.Select(code => c.Values.GetValueOrDefault(code))], c.Values))),
        ];
        Evaluator.Evaluate(set, null, Year, "NTM", communes[0].Values); // compiles the set once, as in the app
    }

    [Benchmark(Description = "Evaluator.Evaluate, every commune")]
    public int Engine()
    {
        var met = 0;
        foreach (var (group, values) in communes)
            met += Evaluator.Evaluate(set, group, Year, "NTM", values).CriteriaMet;
        return met;
    }

    [Benchmark(Description = "Evaluator.Evaluate, values laid out by position, every commune")]
    public int EngineLaidOut()
    {
        var met = 0;
        foreach (var (group, values) in laidOut)
            met += Evaluator.Evaluate(set, group, Year, "NTM", values).CriteriaMet;
        return met;
    }

    [Benchmark(Baseline = true, Description = "plain loop over arrays")]
    public int PlainLoop() => loop.Run();

    /// <summary>The reference's judging: values and thresholds in flat arrays, criteria met counted per commune.</summary>
    private sealed class Loop
    {
        private readonly double[] values,
            thresholds;
        private readonly int[] groups,
            criterion,
            rule;
        private readonly int indicators,
            groupCount,
            criteria;

        public Loop(EvaluationSet set, int year, (string? Group, Dictionary<string, decimal?> Values)[] communes)
        {
            var all = set.Criteria.SelectMany((c, ci) => c.Indicators.Select(i => (Criterion: ci, Indicator: i))).ToList();
            (indicators, criteria, groupCount) = (all.Count, set.Criteria.Count, BenchSets.Groups.Length + 1);
            criterion = [.. all.Select(a => a.Criterion)];
            rule = [.. all.Select(a => (int)a.Indicator.Rule)];
            thresholds = new double[indicators * groupCount];
            for (var i = 0; i < indicators; i++)
            for (var g = 0; g < groupCount; g++)
            {
                var group = g == 0 ? null : BenchSets.Groups[g - 1];
                var row = all[i]
                    .Indicator.Thresholds.Where(t =>
                        t.Level == "NTM" && (t.Group is null || t.Group == group) && (t.Year is null || t.Year == year)
                    )
                    .OrderByDescending(t => (t.Group is null ? 0 : 2) + (t.Year is null ? 0 : 1))
                    .FirstOrDefault();
                thresholds[i * groupCount + g] = row?.Value is { } v ? (double)v : double.NaN;
            }
            groups = [.. communes.Select(c => c.Group is null ? 0 : Array.IndexOf(BenchSets.Groups, c.Group) + 1)];
            values = new double[communes.Length * indicators];
            for (var c = 0; c < communes.Length; c++)
            for (var i = 0; i < indicators; i++)
                values[c * indicators + i] =
                    communes[c].Values.TryGetValue(all[i].Indicator.Code, out var v) && v is { } x ? (double)x : double.NaN;
        }

        public int Run()
        {
            var total = 0;
            Span<bool> failed = stackalloc bool[criteria];
            for (var c = 0; c < groups.Length; c++)
            {
                failed.Clear();
                for (var i = 0; i < indicators; i++)
                {
                    var t = thresholds[i * groupCount + groups[c]];
                    var v = values[c * indicators + i];
                    var met =
                        !double.IsNaN(t)
                        && !double.IsNaN(v)
                        && rule[i] switch
                        {
                            1 => v >= t,
                            2 => v > t,
                            3 => v <= t,
                            4 => v < t,
                            5 => v == t,
                            _ => v == 1,
                        };
                    if (!met)
                        failed[criterion[i]] = true;
                }
                foreach (var f in failed)
                    if (!f)
                        total++;
            }
            return total;
        }
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Mtqg.Domain.Evaluation;

/// <summary>
/// An <see cref="EvaluationSet"/> laid out for fast evaluation: levels by rank, and for each indicator
/// its threshold rows per level. Built once per set instance and reused for every commune.
/// </summary>
internal sealed class CompiledSet
{
    private static readonly ConditionalWeakTable<EvaluationSet, CompiledSet> Compiled = new();

    private readonly Dictionary<string, int> levelIndex = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string? Group, int Year), CompiledSelection> selections = new();

    public EvaluationLevel[] Levels { get; }
    public EvaluationBand[] Bands { get; }
    public CompiledCriterion[] Criteria { get; }

    /// <summary>By level index: the number of criteria that apply there.</summary>
    public int[] CriteriaTotal { get; }

    /// <summary>Every indicator of every criterion, in the set's order; criterion c's are [<see cref="CriterionStart"/>[c], [c + 1]).</summary>
    public CompiledIndicator[] Indicators { get; }

    public int[] CriterionStart { get; }

    public string[] IndicatorCodes { get; }

    public static CompiledSet Of(EvaluationSet set) => Compiled.GetValue(set, s => new CompiledSet(s));

    private CompiledSet(EvaluationSet set)
    {
        Levels = [.. set.Levels.OrderBy(l => l.Rank)];
        for (var l = 0; l < Levels.Length; l++)
            if (!levelIndex.TryAdd(Levels[l].Code, l))
                throw new ArgumentException($"Mã mức \"{Levels[l].Code}\" bị trùng.", nameof(set));
        Bands = [.. set.Bands];
        CriteriaTotal = new int[Levels.Length];
        Criteria = new CompiledCriterion[set.Criteria.Count];
        for (var c = 0; c < Criteria.Length; c++)
        {
            var criterion = set.Criteria[c];
            var indicators = new CompiledIndicator[criterion.Indicators.Count];
            for (var i = 0; i < indicators.Length; i++)
                indicators[i] = Compile(criterion.Indicators[i]);
            var appliesAt = new bool[Levels.Length];
            for (var l = 0; l < Levels.Length; l++)
            {
                appliesAt[l] = Array.Exists(indicators, i => i.RowsAt[l] is not null);
                if (appliesAt[l])
                    CriteriaTotal[l]++;
            }
            Criteria[c] = new CompiledCriterion(criterion, indicators, appliesAt);
        }
        Indicators = [.. Criteria.SelectMany(c => c.Indicators)];
        IndicatorCodes = [.. Indicators.Select(i => i.Source.Code)];
        CriterionStart = new int[Criteria.Length + 1];
        for (var c = 0; c < Criteria.Length; c++)
            CriterionStart[c + 1] = CriterionStart[c] + Criteria[c].Indicators.Length;
    }

    /// <summary>The threshold rows selected for a group and year, at every level (the same for every commune of the group).</summary>
    public CompiledSelection SelectionFor(string? group, int year) =>
        selections.GetOrAdd((group, year), static (key, set) => new CompiledSelection(set, key.Group, key.Year), this);

    public bool TryGetLevel(string code, out int index) => levelIndex.TryGetValue(code, out index);

    private CompiledIndicator Compile(EvaluationIndicator indicator)
    {
        var rowsAt = new EvaluationThreshold[]?[Levels.Length];
        for (var l = 0; l < Levels.Length; l++)
        {
            var code = Levels[l].ThresholdsOf ?? Levels[l].Code;
            var rows = indicator.Thresholds.Where(t => t.Level == code).ToArray();
            rowsAt[l] = rows.Length == 0 ? null : rows;
        }
        return new CompiledIndicator(indicator, rowsAt);
    }
}

internal sealed record CompiledCriterion(EvaluationCriterion Source, CompiledIndicator[] Indicators, bool[] AppliesAt);

/// <summary><see cref="RowsAt"/>: by level index, the indicator's threshold rows there, or null when it has none (not applicable).</summary>
internal sealed record CompiledIndicator(EvaluationIndicator Source, EvaluationThreshold[]?[] RowsAt);

/// <summary>
/// What every commune of one group and year shares: by level, the threshold row each indicator is judged on (in its head), and the
/// results of an indicator and of a criterion that have no value (immutable, so handed to every such commune).
/// </summary>
internal sealed class CompiledSelection
{
    /// <summary>[level][indicator]: whether the indicator has rows at the level (applies there).</summary>
    public bool[][] Applies { get; }

    /// <summary>
    /// [level][indicator]: the indicator and its selected row (null when it does not apply at the level or no row matches),
    /// shared by every result of the group and year.
    /// </summary>
    public IndicatorHead[][] Heads { get; }

    /// <summary>[level][indicator]: the result of the indicator without a value.</summary>
    public IndicatorResult[][] WithoutValue { get; }

    /// <summary>[level][criterion]: the result of a criterion none of whose indicators has a value.</summary>
    public CriterionResult[][] CriterionWithoutValues { get; }

    public CompiledSelection(CompiledSet set, string? group, int year)
    {
        var levels = set.Levels.Length;
        (Applies, Heads, WithoutValue, CriterionWithoutValues) = (
            new bool[levels][],
            new IndicatorHead[levels][],
            new IndicatorResult[levels][],
            new CriterionResult[levels][]
        );
        for (var l = 0; l < levels; l++)
        {
            (Applies[l], Heads[l], WithoutValue[l]) = (
                new bool[set.Indicators.Length],
                new IndicatorHead[set.Indicators.Length],
                new IndicatorResult[set.Indicators.Length]
            );
            for (var k = 0; k < set.Indicators.Length; k++)
            {
                var rows = set.Indicators[k].RowsAt[l];
                Applies[l][k] = rows is not null;
                var source = set.Indicators[k].Source;
                var row = rows is null ? null : ThresholdRow.Select(rows, group, year);
                Heads[l][k] = new IndicatorHead(source.Code, source.Name, source.Type, source.Rule, source.Unit, row);
                WithoutValue[l][k] = Evaluator.Result(Heads[l][k], Applies[l][k], null);
            }
            CriterionWithoutValues[l] = new CriterionResult[set.Criteria.Length];
            for (var c = 0; c < set.Criteria.Length; c++)
                CriterionWithoutValues[l][c] = Evaluator.Criterion(
                    set.Criteria[c],
                    l,
                    WithoutValue[l][set.CriterionStart[c]..set.CriterionStart[c + 1]]
                );
        }
    }
}

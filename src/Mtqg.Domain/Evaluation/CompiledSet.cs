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

    public EvaluationLevel[] Levels { get; }
    public EvaluationBand[] Bands { get; }
    public CompiledCriterion[] Criteria { get; }

    /// <summary>By level index: the number of criteria that apply there.</summary>
    public int[] CriteriaTotal { get; }

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
    }

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

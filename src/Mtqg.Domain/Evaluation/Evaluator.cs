using System.Buffers;
using Mtqg.Domain.Criteria;

namespace Mtqg.Domain.Evaluation;

/// <summary>
/// Judges a commune-year's indicator values against a criteria set (DESIGN §6). Pure: the same
/// inputs give the same result. Values are keyed by indicator code (booleans as 1/0, null = no
/// value); values for codes the set does not know are ignored.
/// </summary>
public static class Evaluator
{
    /// <summary>The scorecard at <paramref name="level"/>; throws <see cref="ArgumentException"/> for a level code the set does not have.</summary>
    public static Scorecard Evaluate(EvaluationSet set, string? group, int year, string level, IReadOnlyDictionary<string, decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(values);
        var compiled = CompiledSet.Of(set);
        if (!compiled.TryGetLevel(level, out var l))
            throw new ArgumentException($"Mức \"{level}\" không có trong bộ tiêu chí.", nameof(level));

        // Evaluating every commune of the country is this loop thousands of times: the rows each indicator is judged on are
        // selected once per group and year, each value is looked up once, and what has no value is shared, not built again.
        var selection = compiled.SelectionFor(group, year);
        var gathered = ArrayPool<decimal?>.Shared.Rent(compiled.Indicators.Length);
        try
        {
            Gather(compiled, set, values, gathered);
            var criteria = new CriterionResult[compiled.Criteria.Length];
            var criteriaMet = 0;
            for (var c = 0; c < criteria.Length; c++)
            {
                var (from, to) = (compiled.CriterionStart[c], compiled.CriterionStart[c + 1]);
                IndicatorResult[]? indicators = null;
                for (var k = from; k < to; k++)
                    if (gathered[k] is not null)
                    {
                        indicators ??= [.. selection.WithoutValue[l].AsSpan(from, to - from)];
                        indicators[k - from] = Result(selection.Heads[l][k], selection.Applies[l][k], gathered[k]);
                    }
                criteria[c] = indicators is null ? selection.CriterionWithoutValues[l][c] : Criterion(compiled.Criteria[c], l, indicators);
                if (criteria[c].Status == EvaluationStatus.Met)
                    criteriaMet++;
            }

            return new Scorecard(
                compiled.Levels[l].Code,
                group,
                year,
                criteriaMet,
                compiled.CriteriaTotal[l],
                BandFor(compiled.Bands, criteriaMet),
                Reached(compiled, selection, gathered),
                criteria
            );
        }
        finally
        {
            ArrayPool<decimal?>.Shared.Return(gathered);
        }
    }

    /// <summary>
    /// The codes of the set's indicators in the engine's order (criteria in order, each one's indicators in order): the
    /// positions <see cref="IValuesInSetOrder.ValueAt"/> answers for.
    /// </summary>
    public static IReadOnlyList<string> IndicatorCodes(EvaluationSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return CompiledSet.Of(set).IndicatorCodes;
    }

    /// <summary>Each indicator's value once, by position: straight from values laid out in the set's order, else by code.</summary>
    private static void Gather(CompiledSet compiled, EvaluationSet set, IReadOnlyDictionary<string, decimal?> values, decimal?[] gathered)
    {
        if (values is IValuesInSetOrder ordered && ReferenceEquals(ordered.LaidOutFor, set))
            for (var k = 0; k < compiled.Indicators.Length; k++)
                gathered[k] = ordered.ValueAt(k);
        else
            for (var k = 0; k < compiled.Indicators.Length; k++)
                gathered[k] = values.TryGetValue(compiled.Indicators[k].Source.Code, out var value) ? value : null;
    }

    /// <summary>One indicator judged: not applicable without rows at the level, else its rule on the selected row's value.</summary>
    internal static IndicatorResult Result(IndicatorHead head, bool applies, decimal? value) =>
        new(head, value, applies ? Judge(head.Rule, head.ThresholdRow?.Value, value) : EvaluationStatus.NotApplicable);

    /// <summary>A criterion at a level: not met when any indicator is not, else missing, else without threshold, else met.</summary>
    internal static CriterionResult Criterion(CompiledCriterion criterion, int level, IndicatorResult[] indicators)
    {
        bool anyNotMet = false,
            anyMissing = false,
            anyNoThreshold = false;
        foreach (var indicator in indicators)
        {
            anyNotMet |= indicator.Status == EvaluationStatus.NotMet;
            anyMissing |= indicator.Status == EvaluationStatus.Missing;
            anyNoThreshold |= indicator.Status == EvaluationStatus.NoThreshold;
        }
        var status =
            !criterion.AppliesAt[level] ? EvaluationStatus.NotApplicable
            : anyNotMet ? EvaluationStatus.NotMet
            : anyMissing ? EvaluationStatus.Missing
            : anyNoThreshold ? EvaluationStatus.NoThreshold
            : EvaluationStatus.Met;
        return new CriterionResult(criterion.Source.Number, criterion.Source.Code, criterion.Source.Name, status, indicators);
    }

    /// <summary>
    /// The levels reached, lowest rank first: a level is reached when every criterion that applies
    /// there is met and every lower-ranked level is reached; a level where no criterion applies is not, nor a level that asks
    /// conditions beyond thresholds (kiểu mẫu: those are judged in the dossier, never on self-entered values).
    /// </summary>
    public static IReadOnlyList<string> Reached(EvaluationSet set, string? group, int year, IReadOnlyDictionary<string, decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(values);
        var compiled = CompiledSet.Of(set);
        var gathered = new decimal?[compiled.Indicators.Length];
        Gather(compiled, set, values, gathered);
        return Reached(compiled, compiled.SelectionFor(group, year), gathered);
    }

    /// <summary>Whether a value satisfies a threshold under a rule; an unknown threshold wins over a missing value.</summary>
    public static EvaluationStatus Judge(Rule rule, decimal? threshold, decimal? value) =>
        (threshold, value) switch
        {
            (null, _) => EvaluationStatus.NoThreshold,
            (_, null) => EvaluationStatus.Missing,
            var (t, v) => Holds(rule, v.Value, t.Value) ? EvaluationStatus.Met : EvaluationStatus.NotMet,
        };

    private static bool Holds(Rule rule, decimal value, decimal threshold) =>
        rule switch
        {
            Rule.AtLeast => value >= threshold,
            Rule.MoreThan => value > threshold,
            Rule.AtMost => value <= threshold,
            Rule.LessThan => value < threshold,
            Rule.EqualTo => value == threshold,
            Rule.Achieved => ValueRules.IsAchieved(value),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Quy tắc so sánh không hợp lệ."),
        };

    private static IReadOnlyList<string> Reached(CompiledSet set, CompiledSelection selection, decimal?[] values)
    {
        List<string>? reached = null;
        for (
            var l = 0;
            l < set.Levels.Length
                && set.CriteriaTotal[l] > 0
                && !set.Levels[l].HasConditions
                && AllApplicableMet(set, selection, l, values);
            l++
        )
            (reached ??= []).Add(set.Levels[l].Code);
        return reached ?? (IReadOnlyList<string>)[];
    }

    /// <summary>A criterion is met when all its applicable indicators are, so a level's criteria are all met exactly when every indicator applying there is.</summary>
    private static bool AllApplicableMet(CompiledSet set, CompiledSelection selection, int level, decimal?[] values)
    {
        var (applies, heads) = (selection.Applies[level], selection.Heads[level]);
        for (var k = 0; k < set.Indicators.Length; k++)
            if (applies[k] && Judge(heads[k].Rule, heads[k].ThresholdRow?.Value, values[k]) != EvaluationStatus.Met)
                return false;
        return true;
    }

    private static string? BandFor(EvaluationBand[] bands, int criteriaMet)
    {
        foreach (var band in bands)
            if (band.MinCriteriaMet <= criteriaMet)
                return band.Name;
        return null;
    }
}

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

        var criteria = new CriterionResult[compiled.Criteria.Length];
        var criteriaMet = 0;
        for (var c = 0; c < criteria.Length; c++)
        {
            var criterion = compiled.Criteria[c];
            var indicators = new IndicatorResult[criterion.Indicators.Length];
            bool anyNotMet = false,
                anyMissing = false,
                anyNoThreshold = false;
            for (var i = 0; i < indicators.Length; i++)
            {
                var indicator = criterion.Indicators[i];
                var source = indicator.Source;
                values.TryGetValue(source.Code, out var value);
                var rows = indicator.RowsAt[l];
                var row = rows is null ? null : ThresholdRow.Select(rows, group, year);
                var status = rows is null ? EvaluationStatus.NotApplicable : Judge(source.Rule, row?.Value, value);
                anyNotMet |= status == EvaluationStatus.NotMet;
                anyMissing |= status == EvaluationStatus.Missing;
                anyNoThreshold |= status == EvaluationStatus.NoThreshold;
                indicators[i] = new IndicatorResult(source.Code, source.Name, source.Type, source.Rule, source.Unit, value, row, status);
            }
            var criterionStatus =
                !criterion.AppliesAt[l] ? EvaluationStatus.NotApplicable
                : anyNotMet ? EvaluationStatus.NotMet
                : anyMissing ? EvaluationStatus.Missing
                : anyNoThreshold ? EvaluationStatus.NoThreshold
                : EvaluationStatus.Met;
            if (criterionStatus == EvaluationStatus.Met)
                criteriaMet++;
            criteria[c] = new CriterionResult(
                criterion.Source.Number,
                criterion.Source.Code,
                criterion.Source.Name,
                criterionStatus,
                indicators
            );
        }

        return new Scorecard(
            compiled.Levels[l].Code,
            group,
            year,
            criteriaMet,
            compiled.CriteriaTotal[l],
            BandFor(compiled.Bands, criteriaMet),
            Reached(compiled, group, year, values),
            criteria
        );
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
        return Reached(CompiledSet.Of(set), group, year, values);
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

    private static IReadOnlyList<string> Reached(CompiledSet set, string? group, int year, IReadOnlyDictionary<string, decimal?> values)
    {
        List<string>? reached = null;
        for (
            var l = 0;
            l < set.Levels.Length
                && set.CriteriaTotal[l] > 0
                && !set.Levels[l].HasConditions
                && AllApplicableMet(set, l, group, year, values);
            l++
        )
            (reached ??= []).Add(set.Levels[l].Code);
        return reached ?? (IReadOnlyList<string>)[];
    }

    /// <summary>A criterion is met when all its applicable indicators are, so a level's criteria are all met exactly when every indicator applying there is.</summary>
    private static bool AllApplicableMet(CompiledSet set, int level, string? group, int year, IReadOnlyDictionary<string, decimal?> values)
    {
        foreach (var criterion in set.Criteria)
        foreach (var indicator in criterion.Indicators)
        {
            if (indicator.RowsAt[level] is not { } rows)
                continue;
            values.TryGetValue(indicator.Source.Code, out var value);
            if (Judge(indicator.Source.Rule, ThresholdRow.Select(rows, group, year)?.Value, value) != EvaluationStatus.Met)
                return false;
        }
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

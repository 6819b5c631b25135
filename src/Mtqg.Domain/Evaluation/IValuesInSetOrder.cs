namespace Mtqg.Domain.Evaluation;

/// <summary>
/// A commune's values already laid out by the position of each indicator in <see cref="Evaluator.IndicatorCodes"/> of
/// <see cref="LaidOutFor"/>. The engine reads such values by position instead of looking up each code: evaluating every commune of
/// the country looks up some 450,000 values. As a dictionary it must answer the same values by code.
/// </summary>
public interface IValuesInSetOrder : IReadOnlyDictionary<string, decimal?>
{
    /// <summary>The set (this very instance) whose order the positions follow; values laid out for another set, or null, are read by code.</summary>
    EvaluationSet? LaidOutFor { get; }

    /// <summary>The value of the indicator at <paramref name="position"/> of the set's order, or null when there is none.</summary>
    decimal? ValueAt(int position);
}

using Mtqg.Domain.Criteria;

namespace Mtqg.Domain.Evaluation;

/// <summary>
/// One commune-year judged at one level. <see cref="Reached"/> lists every level reached (lowest
/// rank first), whatever level was asked for; <see cref="Band"/> is the band's name, or null.
/// </summary>
public sealed record Scorecard(
    string Level,
    string? Group,
    int Year,
    int CriteriaMet,
    int CriteriaTotal,
    string? Band,
    IReadOnlyList<string> Reached,
    IReadOnlyList<CriterionResult> Criteria
);

public sealed record CriterionResult(
    int Number,
    string Code,
    string Name,
    EvaluationStatus Status,
    IReadOnlyList<IndicatorResult> Indicators
);

/// <summary>
/// One indicator at the level. <see cref="ThresholdRow"/> is the threshold row selected for the
/// commune (null when the indicator does not apply or no row matches its group and year).
/// </summary>
public sealed record IndicatorResult
{
    // What every commune of a group shares (the indicator and its selected row) is one object, referred to by each result:
    // a national evaluation builds some 450,000 results.
    private readonly IndicatorHead head;

    public IndicatorResult(
        string code,
        string name,
        IndicatorType type,
        Rule rule,
        string? unit,
        decimal? value,
        EvaluationThreshold? thresholdRow,
        EvaluationStatus status
    )
        : this(new IndicatorHead(code, name, type, rule, unit, thresholdRow), value, status) { }

    internal IndicatorResult(IndicatorHead head, decimal? value, EvaluationStatus status) =>
        (this.head, Value, Status) = (head, value, status);

    public string Code => head.Code;
    public string Name => head.Name;
    public IndicatorType Type => head.Type;
    public Rule Rule => head.Rule;
    public string? Unit => head.Unit;
    public decimal? Value { get; }
    public EvaluationThreshold? ThresholdRow => head.ThresholdRow;
    public EvaluationStatus Status { get; }

    /// <summary>The selected row's value; null when there is none or the official threshold is unknown.</summary>
    public decimal? Threshold => ThresholdRow?.Value;

    /// <summary>
    /// A short Vietnamese sentence for an applicable indicator that is not met (e.g.
    /// <c>Chỉ tiêu 17.1: 82% &lt; ngưỡng 90% (nhóm G3)</c>), else null. Written when read, so
    /// evaluating thousands of communes formats nothing.
    /// </summary>
    public string? Explanation => Explanations.For(this);
}

/// <summary>The part of an <see cref="IndicatorResult"/> that is the same for every commune of a group, year and level.</summary>
internal sealed record IndicatorHead(
    string Code,
    string Name,
    IndicatorType Type,
    Rule Rule,
    string? Unit,
    EvaluationThreshold? ThresholdRow
);

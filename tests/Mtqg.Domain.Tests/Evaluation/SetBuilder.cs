using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;

namespace Mtqg.Domain.Tests.Evaluation;

/// <summary>Short constructors for evaluation sets. Levels NTM (rank 1) and NC (rank 2) unless a test names its own.</summary>
internal static class SetBuilder
{
    public static readonly EvaluationLevel Ntm = new("NTM", "Đạt chuẩn nông thôn mới", 1);
    public static readonly EvaluationLevel Nc = new("NC", "Nông thôn mới nâng cao", 2);

    public static EvaluationThreshold Row(string level, decimal? value, string? group = null, int? year = null) =>
        new(level, group, year, value);

    public static EvaluationIndicator Number(string code, Rule rule, params EvaluationThreshold[] rows) =>
        new(code, $"Chỉ tiêu số {code}", IndicatorType.Number, rule, null, rows);

    public static EvaluationIndicator Percent(string code, Rule rule, params EvaluationThreshold[] rows) =>
        new(code, $"Tỷ lệ {code}", IndicatorType.Percent, rule, "%", rows);

    public static EvaluationIndicator Flag(string code, params EvaluationThreshold[] rows) =>
        new(code, $"Có {code}", IndicatorType.Boolean, Rule.Achieved, null, rows);

    public static EvaluationCriterion Criterion(int number, params EvaluationIndicator[] indicators) =>
        new(number, $"TC{number:00}", $"Tiêu chí {number}", indicators);

    public static EvaluationSet Set(params EvaluationCriterion[] criteria) => new([Ntm, Nc], [], criteria);

    public static Dictionary<string, decimal?> Values(params (string Code, decimal? Value)[] values) =>
        values.ToDictionary(v => v.Code, v => v.Value);

    public static IndicatorResult Only(Scorecard card) => Assert.Single(Assert.Single(card.Criteria).Indicators);
}

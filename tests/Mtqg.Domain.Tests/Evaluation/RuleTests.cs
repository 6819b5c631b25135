using System.Globalization;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using static Mtqg.Domain.Tests.Evaluation.SetBuilder;

namespace Mtqg.Domain.Tests.Evaluation;

public class RuleTests
{
    private static decimal? D(string? text) => text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(Rule.AtLeast, "90", "90", EvaluationStatus.Met)]
    [InlineData(Rule.AtLeast, "90", "89.9999999999999999", EvaluationStatus.NotMet)]
    [InlineData(Rule.MoreThan, "90", "90", EvaluationStatus.NotMet)]
    [InlineData(Rule.MoreThan, "90", "90.0000000000000001", EvaluationStatus.Met)]
    [InlineData(Rule.AtMost, "5", "5", EvaluationStatus.Met)]
    [InlineData(Rule.AtMost, "5", "5.01", EvaluationStatus.NotMet)]
    [InlineData(Rule.LessThan, "5", "5", EvaluationStatus.NotMet)]
    [InlineData(Rule.LessThan, "5", "4.99", EvaluationStatus.Met)]
    [InlineData(Rule.EqualTo, "100", "100.00", EvaluationStatus.Met)]
    [InlineData(Rule.EqualTo, "100", "99.99", EvaluationStatus.NotMet)]
    [InlineData(Rule.EqualTo, "0", "0", EvaluationStatus.Met)]
    [InlineData(Rule.Achieved, "1", "1", EvaluationStatus.Met)]
    [InlineData(Rule.Achieved, "1", "0", EvaluationStatus.NotMet)]
    [InlineData(Rule.AtLeast, "90", null, EvaluationStatus.Missing)]
    [InlineData(Rule.Achieved, "1", null, EvaluationStatus.Missing)]
    [InlineData(Rule.AtLeast, null, "95", EvaluationStatus.NoThreshold)]
    [InlineData(Rule.AtLeast, null, null, EvaluationStatus.NoThreshold)]
    public void A_value_is_judged_exactly_against_its_threshold(Rule rule, string? threshold, string? value, EvaluationStatus expected) =>
        Assert.Equal(expected, Evaluator.Judge(rule, D(threshold), D(value)));

    [Theory]
    [InlineData(Rule.AtMost, "5", EvaluationStatus.Met)]
    [InlineData(Rule.MoreThan, "5", EvaluationStatus.NotMet)]
    [InlineData(Rule.EqualTo, "5.000", EvaluationStatus.Met)]
    public void The_scorecard_applies_the_indicators_rule(Rule rule, string value, EvaluationStatus expected)
    {
        var set = Set(Criterion(1, Number("1.1", rule, Row("NTM", 5))));

        Assert.Equal(expected, Only(Evaluator.Evaluate(set, null, 2026, "NTM", Values(("1.1", D(value))))).Status);
    }

    [Theory]
    [InlineData(1, EvaluationStatus.Met)]
    [InlineData(0, EvaluationStatus.NotMet)]
    public void An_achieved_indicator_is_met_only_when_true(int value, EvaluationStatus expected)
    {
        var set = Set(Criterion(8, Flag("8.1", Row("NTM", 1))));

        Assert.Equal(expected, Only(Evaluator.Evaluate(set, null, 2026, "NTM", Values(("8.1", value)))).Status);
    }

    [Fact]
    public void An_applicable_indicator_without_a_value_is_missing()
    {
        var set = Set(Criterion(2, Percent("2.2", Rule.AtLeast, Row("NTM", 90))));

        var result = Only(Evaluator.Evaluate(set, null, 2026, "NTM", Values(("2.1", 95m), ("2.2", null))));

        Assert.Equal((EvaluationStatus.Missing, (decimal?)null, (decimal?)90m), (result.Status, result.Value, result.Threshold));
    }
}

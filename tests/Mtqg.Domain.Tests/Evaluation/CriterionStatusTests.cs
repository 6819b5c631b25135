using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using static Mtqg.Domain.Tests.Evaluation.SetBuilder;

namespace Mtqg.Domain.Tests.Evaluation;

public class CriterionStatusTests
{
    // One indicator per status: "met" (95 ≥ 90), "notmet" (50 ≥ 90 fails), "missing" (no value), "nothreshold" (unknown), "na" (NC only).
    private static EvaluationIndicator Indicator(string kind) =>
        kind switch
        {
            "met" => Percent("met", Rule.AtLeast, Row("NTM", 90)),
            "notmet" => Percent("notmet", Rule.AtLeast, Row("NTM", 90)),
            "missing" => Percent("missing", Rule.AtLeast, Row("NTM", 90)),
            "nothreshold" => Percent("nothreshold", Rule.AtLeast, Row("NTM", null)),
            _ => Percent("na", Rule.AtLeast, Row("NC", 90)),
        };

    private static readonly Dictionary<string, decimal?> Values = SetBuilder.Values(
        ("met", 95m),
        ("notmet", 50m),
        ("nothreshold", 95m),
        ("na", 0m)
    );

    [Theory]
    [InlineData("met", EvaluationStatus.Met)]
    [InlineData("met,na", EvaluationStatus.Met)]
    [InlineData("met,notmet,missing,nothreshold", EvaluationStatus.NotMet)]
    [InlineData("nothreshold,missing,notmet", EvaluationStatus.NotMet)]
    [InlineData("met,missing,nothreshold", EvaluationStatus.Missing)]
    [InlineData("nothreshold,missing", EvaluationStatus.Missing)]
    [InlineData("met,nothreshold", EvaluationStatus.NoThreshold)]
    [InlineData("nothreshold,na", EvaluationStatus.NoThreshold)]
    [InlineData("na", EvaluationStatus.NotApplicable)]
    public void Not_met_beats_missing_which_beats_no_threshold(string kinds, EvaluationStatus expected)
    {
        var set = Set(Criterion(1, [.. kinds.Split(',').Select(Indicator)]));

        Assert.Equal(expected, Assert.Single(Evaluator.Evaluate(set, null, 2026, "NTM", Values).Criteria).Status);
    }

    [Fact]
    public void Only_met_criteria_are_counted_as_met_and_only_applicable_ones_in_the_total()
    {
        var set = Set(
            Criterion(1, Indicator("met")),
            Criterion(2, Indicator("notmet")),
            Criterion(3, Indicator("missing")),
            Criterion(4, Indicator("nothreshold")),
            Criterion(5, Indicator("na"))
        );

        var card = Evaluator.Evaluate(set, null, 2026, "NTM", Values);

        Assert.Equal((1, 4), (card.CriteriaMet, card.CriteriaTotal));
    }

    [Fact]
    public void A_criterion_whose_indicators_apply_only_at_a_higher_level_is_not_counted_at_the_lower_level()
    {
        var set = Set(
            Criterion(1, Percent("1.1", Rule.AtLeast, Row("NTM", 90), Row("NC", 95))),
            Criterion(2, Percent("2.1", Rule.AtLeast, Row("NC", 80)))
        );
        var values = SetBuilder.Values(("1.1", 96m), ("2.1", 85m));

        var ntm = Evaluator.Evaluate(set, null, 2026, "NTM", values);
        var nc = Evaluator.Evaluate(set, null, 2026, "NC", values);

        Assert.Equal([EvaluationStatus.Met, EvaluationStatus.NotApplicable], ntm.Criteria.Select(c => c.Status));
        Assert.Equal((1, 1), (ntm.CriteriaMet, ntm.CriteriaTotal));
        Assert.Equal((2, 2), (nc.CriteriaMet, nc.CriteriaTotal));
    }

    [Fact]
    public void Every_criterion_and_indicator_is_reported_in_the_sets_order()
    {
        var set = Set(Criterion(2, Indicator("met"), Indicator("na")), Criterion(1, Indicator("missing")));

        var card = Evaluator.Evaluate(set, null, 2026, "NTM", Values);

        Assert.Equal([2, 1], card.Criteria.Select(c => c.Number));
        Assert.Equal(["TC02", "TC01"], card.Criteria.Select(c => c.Code));
        Assert.Equal(["met", "na"], card.Criteria[0].Indicators.Select(i => i.Code));
        Assert.Equal(0m, card.Criteria[0].Indicators[1].Value);
    }
}

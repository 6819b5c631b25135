using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using static Mtqg.Domain.Tests.Evaluation.SetBuilder;

namespace Mtqg.Domain.Tests.Evaluation;

public class ExplanationTests
{
    private static string? Explain(EvaluationIndicator indicator, decimal? value, string? group = "G3", int year = 2026) =>
        Only(Evaluator.Evaluate(Set(Criterion(1, indicator)), group, year, "NTM", Values((indicator.Code, value)))).Explanation;

    [Fact]
    public void A_percent_below_its_group_threshold_shows_both_numbers_and_the_group() =>
        Assert.Equal(
            "Chỉ tiêu 17.1: 82% < ngưỡng 90% (nhóm G3)",
            Explain(Percent("17.1", Rule.AtLeast, Row("NTM", 80), Row("NTM", 90, "G3")), 82m)
        );

    [Fact]
    public void Numbers_are_written_the_Vietnamese_way_with_their_unit() =>
        Assert.Equal(
            "Chỉ tiêu 10.1: 1.234,5 triệu đồng < ngưỡng 45.000 triệu đồng",
            Explain(Number("10.1", Rule.AtLeast, Row("NTM", 45000)) with { Unit = "triệu đồng" }, 1234.5m)
        );

    [Fact]
    public void Trailing_zeros_are_dropped_and_negatives_keep_their_sign() =>
        Assert.Equal("Chỉ tiêu 3.1: -0,5 < ngưỡng 82,5", Explain(Number("3.1", Rule.AtLeast, Row("NTM", 82.50m)), -0.500m));

    [Theory]
    [InlineData(Rule.MoreThan, "Chỉ tiêu 5.1: 90% ≤ ngưỡng 90% (năm 2027)")]
    [InlineData(Rule.LessThan, "Chỉ tiêu 5.1: 90% ≥ ngưỡng 90% (năm 2027)")]
    [InlineData(Rule.EqualTo, "Chỉ tiêu 5.1: 91% ≠ ngưỡng 90% (năm 2027)")]
    [InlineData(Rule.AtMost, "Chỉ tiêu 5.1: 91% > ngưỡng 90% (năm 2027)")]
    public void A_failed_comparison_states_the_relation_that_holds_instead(Rule rule, string expected)
    {
        var value = rule is Rule.EqualTo or Rule.AtMost ? 91m : 90m;

        Assert.Equal(expected, Explain(Percent("5.1", rule, Row("NTM", 90, year: 2027)), value, group: null, year: 2027));
    }

    [Fact]
    public void A_group_and_year_row_names_both() =>
        Assert.Equal(
            "Chỉ tiêu 6.1: 1 < ngưỡng 2 (nhóm G3, năm 2027)",
            Explain(Number("6.1", Rule.AtLeast, Row("NTM", 2, "G3", 2027)), 1m, year: 2027)
        );

    [Fact]
    public void A_false_boolean_is_not_achieved() => Assert.Equal("Chỉ tiêu 8.1: chưa đạt", Explain(Flag("8.1", Row("NTM", 1)), 0m));

    [Fact]
    public void A_missing_value_says_there_is_no_data() =>
        Assert.Equal("Chỉ tiêu 2.2: chưa có số liệu", Explain(Percent("2.2", Rule.AtLeast, Row("NTM", 90)), null));

    [Fact]
    public void An_unknown_official_threshold_is_named_as_such() =>
        Assert.Equal(
            "Chỉ tiêu 10: chưa có ngưỡng chính thức",
            Explain(Percent("10", Rule.AtLeast, Row("NTM", 90), Row("NTM", null, "G3")), 95m)
        );

    [Theory]
    [InlineData(null)]
    [InlineData("G3")]
    public void No_row_for_the_communes_group_and_year_is_explained(string? group) =>
        Assert.Equal(
            "Chỉ tiêu 4.1: chưa có ngưỡng cho nhóm, năm của xã",
            Explain(Percent("4.1", Rule.AtLeast, Row("NTM", 90, "G1"), Row("NTM", 90, year: 2027)), 95m, group)
        );

    [Fact]
    public void Met_and_not_applicable_indicators_need_no_explanation()
    {
        var set = Set(Criterion(1, Percent("1.1", Rule.AtLeast, Row("NTM", 90)), Percent("1.2", Rule.AtLeast, Row("NC", 90))));

        var card = Evaluator.Evaluate(set, null, 2026, "NTM", Values(("1.1", 95m), ("1.2", 10m)));

        Assert.All(card.Criteria[0].Indicators, i => Assert.Null(i.Explanation));
    }
}

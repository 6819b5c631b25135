using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using static Mtqg.Domain.Tests.Evaluation.SetBuilder;

namespace Mtqg.Domain.Tests.Evaluation;

public class ThresholdSelectionTests
{
    private static EvaluationSet WithRows(params EvaluationThreshold[] rows) => Set(Criterion(1, Percent("1.1", Rule.AtLeast, rows)));

    private static IndicatorResult Judged(EvaluationSet set, string? group, int year, decimal? value = 100m) =>
        Only(Evaluator.Evaluate(set, group, year, "NTM", Values(("1.1", value))));

    [Fact]
    public void Group_and_year_row_beats_group_row()
    {
        var set = WithRows(Row("NTM", 85, "G1"), Row("NTM", 90, "G1", 2027));

        var result = Judged(set, "G1", 2027);

        Assert.Equal(Row("NTM", 90, "G1", 2027), result.ThresholdRow);
        Assert.Equal(90m, result.Threshold);
    }

    [Fact]
    public void Group_row_beats_year_row()
    {
        var set = WithRows(Row("NTM", 82, year: 2027), Row("NTM", 85, "G1"));

        Assert.Equal(85m, Judged(set, "G1", 2027).Threshold);
    }

    [Fact]
    public void Year_row_beats_plain_row()
    {
        var set = WithRows(Row("NTM", 80), Row("NTM", 82, year: 2027));

        Assert.Equal(82m, Judged(set, "G1", 2027).Threshold);
    }

    [Theory]
    [InlineData("G1", 2027, 90)]
    [InlineData("G1", 2026, 85)]
    [InlineData("G2", 2027, 82)]
    [InlineData("G2", 2026, 95)]
    [InlineData("G3", 2026, 80)]
    [InlineData(null, 2027, 82)]
    [InlineData(null, 2026, 80)]
    public void The_most_specific_row_matching_the_group_and_year_gives_the_threshold(string? group, int year, int expected)
    {
        var set = WithRows(
            Row("NTM", 80),
            Row("NTM", 82, year: 2027),
            Row("NTM", 85, "G1"),
            Row("NTM", 90, "G1", 2027),
            Row("NTM", 95, "G2", 2026),
            Row("NC", 99)
        );

        Assert.Equal(expected, Judged(set, group, year).Threshold);
    }

    [Theory]
    [InlineData("G1", 2027)]
    [InlineData("G1", 2026)]
    public void An_unknown_most_specific_threshold_never_falls_back_to_a_less_specific_row(string group, int year)
    {
        var set = WithRows(Row("NTM", 80), Row("NTM", 85, year: 2027), Row("NTM", null, "G1"));

        var result = Judged(set, group, year);

        Assert.Equal(EvaluationStatus.NoThreshold, result.Status);
        Assert.Null(result.Threshold);
    }

    [Fact]
    public void An_unknown_threshold_gives_no_threshold_even_without_a_value()
    {
        var set = WithRows(Row("NTM", null));

        Assert.Equal(EvaluationStatus.NoThreshold, Judged(set, null, 2026, value: null).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("G3")]
    public void Rows_only_for_other_groups_give_no_threshold(string? group)
    {
        var set = WithRows(Row("NTM", 85, "G1"), Row("NTM", 90, "G2"));

        var result = Judged(set, group, 2026);

        Assert.Equal(EvaluationStatus.NoThreshold, result.Status);
        Assert.Null(result.Threshold);
    }

    [Fact]
    public void A_row_for_another_year_does_not_match()
    {
        var set = WithRows(Row("NTM", 85, year: 2027));

        Assert.Equal(EvaluationStatus.NoThreshold, Judged(set, null, 2026).Status);
    }

    [Fact]
    public void An_indicator_without_a_row_for_the_level_is_not_applicable_and_its_criterion_not_counted()
    {
        var set = Set(
            Criterion(1, Percent("1.1", Rule.AtLeast, Row("NTM", 90))),
            Criterion(2, Percent("2.1", Rule.AtLeast, Row("NC", 95)))
        );

        var card = Evaluator.Evaluate(set, null, 2026, "NTM", Values(("1.1", 90m), ("2.1", 10m)));

        Assert.Equal(EvaluationStatus.NotApplicable, card.Criteria[1].Indicators[0].Status);
        Assert.Equal(EvaluationStatus.NotApplicable, card.Criteria[1].Status);
        Assert.Equal((1, 1), (card.CriteriaMet, card.CriteriaTotal));
        Assert.Equal(["NTM"], card.Reached);
    }

    [Fact]
    public void An_indicator_with_no_row_at_the_level_is_ignored_by_its_criterion()
    {
        var set = Set(Criterion(1, Percent("1.1", Rule.AtLeast, Row("NTM", 90)), Percent("1.2", Rule.AtLeast, Row("NC", 95))));

        var card = Evaluator.Evaluate(set, null, 2026, "NTM", Values(("1.1", 90m)));

        Assert.Equal(EvaluationStatus.Met, card.Criteria[0].Status);
        Assert.Equal(EvaluationStatus.NotApplicable, card.Criteria[0].Indicators[1].Status);
    }
}

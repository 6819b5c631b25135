using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using static Mtqg.Domain.Tests.Evaluation.SetBuilder;

namespace Mtqg.Domain.Tests.Evaluation;

public class LevelAndBandTests
{
    private static readonly EvaluationLevel Km = new("KM", "Nông thôn mới kiểu mẫu", 3);

    // 1.1 applies at NTM (≥ 90) and NC (≥ 95); 2.1 applies at NC only (≥ 80).
    private static EvaluationSet TwoLevels(params EvaluationLevel[] levels) =>
        new(
            levels,
            [],
            [
                Criterion(1, Percent("1.1", Rule.AtLeast, Row("NTM", 90), Row("NC", 95))),
                Criterion(2, Percent("2.1", Rule.AtLeast, Row("NC", 80))),
            ]
        );

    [Theory]
    [InlineData(89, 99, new string[0])]
    [InlineData(90, 79, new[] { "NTM" })]
    [InlineData(94, 99, new[] { "NTM" })]
    [InlineData(95, 80, new[] { "NTM", "NC" })]
    public void A_level_is_reached_when_every_criterion_applying_there_is_met(int first, int second, string[] expected)
    {
        var values = Values(("1.1", first), ("2.1", second));

        Assert.Equal(expected, Evaluator.Reached(TwoLevels(Ntm, Nc), null, 2026, values));
    }

    [Fact]
    public void A_higher_level_is_not_reached_when_a_lower_level_is_not()
    {
        // NC's own criteria are all met, but 1.2 fails at NTM.
        var set = Set(
            Criterion(1, Percent("1.1", Rule.AtLeast, Row("NTM", 90), Row("NC", 95)), Percent("1.2", Rule.AtLeast, Row("NTM", 50))),
            Criterion(2, Percent("2.1", Rule.AtLeast, Row("NC", 80)))
        );
        var values = Values(("1.1", 99m), ("1.2", 10m), ("2.1", 99m));

        var nc = Evaluator.Evaluate(set, null, 2026, "NC", values);

        Assert.Equal(nc.CriteriaTotal, nc.CriteriaMet);
        Assert.Empty(nc.Reached);
    }

    [Fact]
    public void A_level_where_no_criterion_applies_is_not_reached_nor_any_level_above_it()
    {
        var empty = new EvaluationLevel("X", "Mức chưa có tiêu chí", 2);
        var set = TwoLevels(Ntm, empty, Nc with { Rank = 3 });

        var values = Values(("1.1", 99m), ("2.1", 99m));

        Assert.Equal(["NTM"], Evaluator.Reached(set, null, 2026, values));
        Assert.Equal(0, Evaluator.Evaluate(set, null, 2026, "X", values).CriteriaTotal);
    }

    [Fact]
    public void Reached_levels_follow_rank_not_the_sets_order()
    {
        var set = TwoLevels(Km, Nc, Ntm);

        Assert.Equal(["NTM", "NC"], Evaluator.Reached(set, null, 2026, Values(("1.1", 99m), ("2.1", 99m))));
    }

    [Theory]
    [InlineData("NTM")]
    [InlineData("NC")]
    public void The_scorecard_lists_the_levels_reached_whatever_level_was_evaluated(string level)
    {
        var card = Evaluator.Evaluate(TwoLevels(Ntm, Nc), "G1", 2027, level, Values(("1.1", 99m), ("2.1", 99m)));

        Assert.Equal(["NTM", "NC"], card.Reached);
        Assert.Equal((level, "G1", 2027), (card.Level, card.Group, card.Year));
    }

    [Fact]
    public void An_unknown_level_code_is_refused() =>
        Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(TwoLevels(Ntm, Nc), null, 2026, "ntm", Values()));

    [Fact]
    public void Values_for_indicators_the_set_does_not_know_are_ignored()
    {
        var card = Evaluator.Evaluate(TwoLevels(Ntm, Nc), null, 2026, "NTM", Values(("1.1", 90m), ("9.9", 1m), ("", null)));

        Assert.Equal((1, 1), (card.CriteriaMet, card.CriteriaTotal));
        Assert.DoesNotContain(card.Criteria.SelectMany(c => c.Indicators), i => i.Code == "9.9");
    }

    private static EvaluationSet WithBands(params EvaluationBand[] bands) =>
        new([Ntm], bands, [.. Enumerable.Range(1, 4).Select(n => Criterion(n, Flag($"{n}.1", Row("NTM", 1))))]);

    [Theory]
    [InlineData(4, "Đạt chuẩn")]
    [InlineData(3, "3 tiêu chí")]
    [InlineData(2, "1–2 tiêu chí")]
    [InlineData(1, "1–2 tiêu chí")]
    [InlineData(0, null)]
    public void The_band_is_the_first_whose_minimum_the_met_criteria_reach(int met, string? expected)
    {
        var set = WithBands(new("Đạt chuẩn", 4), new("3 tiêu chí", 3), new("1–2 tiêu chí", 1));
        var values = Enumerable.Range(1, 4).ToDictionary(n => $"{n}.1", n => (decimal?)(n <= met ? 1 : 0));

        var card = Evaluator.Evaluate(set, null, 2026, "NTM", values);

        Assert.Equal(met, card.CriteriaMet);
        Assert.Equal(expected, card.Band);
    }

    [Fact]
    public void Bands_are_tried_in_the_sets_order()
    {
        var set = WithBands(new("Từ 1 tiêu chí", 1), new("Đạt chuẩn", 4));
        var values = Enumerable.Range(1, 4).ToDictionary(n => $"{n}.1", _ => (decimal?)1);

        Assert.Equal("Từ 1 tiêu chí", Evaluator.Evaluate(set, null, 2026, "NTM", values).Band);
    }

    [Fact]
    public void A_set_without_bands_gives_no_band() =>
        Assert.Null(Evaluator.Evaluate(WithBands(), null, 2026, "NTM", Values(("1.1", 1m))).Band);
}

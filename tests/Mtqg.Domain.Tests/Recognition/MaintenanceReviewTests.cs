using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;

namespace Mtqg.Domain.Tests.Recognition;

public class MaintenanceReviewTests
{
    // 2021–2025 set: income (10), environment and food safety (17), defence and security (19).
    private static readonly RevocationRule Qd18 = new(0.30m, 0.50m, new HashSet<int> { 10, 17, 19 });

    private static (int, EvaluationStatus)[] Criteria(int total, IEnumerable<int> notMet, IEnumerable<int>? missing = null)
    {
        var failing = notMet.ToHashSet();
        var unknown = (missing ?? []).ToHashSet();
        return
        [
            .. Enumerable
                .Range(1, total)
                .Select(n =>
                    (
                        n,
                        failing.Contains(n) ? EvaluationStatus.NotMet
                        : unknown.Contains(n) ? EvaluationStatus.Missing
                        : EvaluationStatus.Met
                    )
                ),
        ];
    }

    [Theory]
    [InlineData(19, "", ReviewVerdict.Keep, ReviewGround.AllMet)]
    [InlineData(19, "1,2,3,4,5", ReviewVerdict.AtRisk, ReviewGround.BelowLowerShare)] // 26,3%
    [InlineData(19, "1,2,3,4,10", ReviewVerdict.AtRisk, ReviewGround.BelowLowerShare)] // protected, but under 30%
    [InlineData(19, "1,2,3,4,5,6", ReviewVerdict.AtRisk, ReviewGround.LowerBandWithoutProtected)] // 31,6%
    [InlineData(19, "1,2,3,4,5,17", ReviewVerdict.Revocation, ReviewGround.LowerBandWithProtected)] // 31,6% with environment
    [InlineData(19, "1,2,3,4,5,6,7,8,9", ReviewVerdict.AtRisk, ReviewGround.LowerBandWithoutProtected)] // 47,4%
    [InlineData(19, "1,2,3,4,5,6,7,8,9,11", ReviewVerdict.Revocation, ReviewGround.UpperShareOrMore)] // 52,6%
    [InlineData(10, "1,2", ReviewVerdict.AtRisk, ReviewGround.BelowLowerShare)] // 20%
    [InlineData(10, "1,2,3", ReviewVerdict.AtRisk, ReviewGround.LowerBandWithoutProtected)] // exactly 30%
    [InlineData(10, "1,2,10", ReviewVerdict.Revocation, ReviewGround.LowerBandWithProtected)] // exactly 30%, income
    [InlineData(10, "1,2,3,4", ReviewVerdict.AtRisk, ReviewGround.LowerBandWithoutProtected)] // 40%
    [InlineData(10, "1,2,3,4,5", ReviewVerdict.Revocation, ReviewGround.UpperShareOrMore)] // exactly 50%
    [InlineData(10, "1,2,3,4,5,6,7,8,9,10", ReviewVerdict.Revocation, ReviewGround.UpperShareOrMore)]
    public void The_verdict_follows_QD_18_2022_at_the_30_and_50_percent_boundaries(
        int total,
        string notMet,
        ReviewVerdict verdict,
        ReviewGround ground
    )
    {
        var failing = notMet.Length == 0 ? [] : notMet.Split(',').Select(int.Parse).ToArray();

        var result = MaintenanceReview.Review(Qd18, Criteria(total, failing));

        Assert.Equal((verdict, ground), (result.Verdict, result.Ground));
        Assert.Equal(failing, result.NotMet);
        Assert.Equal(total, result.CriteriaTotal);
    }

    [Fact]
    public void The_result_names_the_failing_and_protected_criteria_and_the_share()
    {
        var result = MaintenanceReview.Review(Qd18, Criteria(19, [1, 2, 3, 4, 5, 17]));

        Assert.Equal([17], result.ProtectedNotMet);
        Assert.Equal(6m / 19m, result.NotMetShare);
        Assert.Equal(
            "Thu hồi: 6/19 tiêu chí không còn đạt (31,6%): tiêu chí 1, 2, 3, 4, 5, 17, từ 30% đến dưới 50% và có tiêu chí thuộc danh mục bắt buộc (17) (quy định thu hồi của bộ tiêu chí).",
            result.Message
        );
    }

    [Fact]
    public void The_at_risk_message_says_why_the_commune_is_not_revoked()
    {
        var result = MaintenanceReview.Review(Qd18, Criteria(19, [1, 2, 3, 4, 5, 6]));

        Assert.Equal(
            "Nguy cơ: 6/19 tiêu chí không còn đạt (31,6%): tiêu chí 1, 2, 3, 4, 5, 6; từ 30% đến dưới 50% nhưng không có tiêu chí thuộc danh mục bắt buộc, chưa thuộc diện thu hồi.",
            result.Message
        );
    }

    [Fact]
    public void Missing_values_are_not_counted_as_failing_the_review_cannot_conclude_and_says_which()
    {
        // Counted as failing, 1–5 plus 17 missing would be 31,6% with a protected criterion: revocation over a blank form.
        var result = MaintenanceReview.Review(Qd18, Criteria(19, [1, 2, 3, 4, 5], missing: [17]));

        Assert.Equal((ReviewVerdict.AtRisk, ReviewGround.CannotConclude), (result.Verdict, result.Ground));
        Assert.Equal([17], result.Undetermined);
        Assert.StartsWith(
            "Chưa kết luận được: tiêu chí 17 còn thiếu số liệu hoặc chưa có ngưỡng; 5/19 tiêu chí không còn đạt",
            result.Message
        );
    }

    [Fact]
    public void Missing_values_do_not_save_a_commune_whose_known_failures_already_revoke_it()
    {
        var result = MaintenanceReview.Review(Qd18, Criteria(10, [1, 2, 3, 4, 5], missing: [6]));

        Assert.Equal((ReviewVerdict.Revocation, ReviewGround.UpperShareOrMore), (result.Verdict, result.Ground));
    }

    [Fact]
    public void A_commune_with_all_known_criteria_met_but_one_missing_is_not_kept_silently()
    {
        var result = MaintenanceReview.Review(Qd18, Criteria(10, [], missing: [4]));

        Assert.Equal(ReviewVerdict.AtRisk, result.Verdict);
        Assert.Equal(ReviewGround.CannotConclude, result.Ground);
    }

    [Fact]
    public void An_unknown_official_threshold_cannot_conclude_either()
    {
        (int, EvaluationStatus)[] criteria = [(1, EvaluationStatus.Met), (2, EvaluationStatus.NoThreshold)];

        Assert.Equal(ReviewGround.CannotConclude, MaintenanceReview.Review(Qd18, criteria).Ground);
    }

    [Fact]
    public void Criteria_that_do_not_apply_at_the_level_are_left_out_of_the_share()
    {
        // 3 of 10 applicable = 30% with income; counting the eleventh would make it 27%.
        var criteria = Criteria(10, [1, 2, 10]).Append((11, EvaluationStatus.NotApplicable)).ToArray();

        var result = MaintenanceReview.Review(Qd18, criteria);

        Assert.Equal((ReviewVerdict.Revocation, 10), (result.Verdict, result.CriteriaTotal));
    }

    [Fact]
    public void A_scorecard_can_be_reviewed_directly()
    {
        var card = DossierBuilder.Card(
            10,
            (1, EvaluationStatus.NotMet),
            (2, EvaluationStatus.NotMet),
            (3, EvaluationStatus.NotMet),
            (4, EvaluationStatus.NotMet),
            (5, EvaluationStatus.NotMet)
        );

        Assert.Equal(ReviewVerdict.Revocation, MaintenanceReview.Review(Qd18, card).Verdict);
    }

    [Fact]
    public void The_shares_and_the_protected_list_are_data_of_the_set()
    {
        var stricter = new RevocationRule(0.20m, 0.40m, new HashSet<int> { 3 });

        Assert.Equal(ReviewVerdict.Revocation, MaintenanceReview.Review(stricter, Criteria(10, [1, 2, 3])).Verdict);
        Assert.Equal(ReviewVerdict.Revocation, MaintenanceReview.Review(stricter, Criteria(10, [1, 2, 4, 5])).Verdict);
        Assert.Equal(ReviewVerdict.AtRisk, MaintenanceReview.Review(Qd18, Criteria(10, [1, 2, 4, 5])).Verdict);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(0.6, 0.5)]
    [InlineData(0.3, 1.5)]
    public void An_impossible_rule_is_a_programming_error(double lower, double upper)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RevocationRule((decimal)lower, (decimal)upper, new HashSet<int>()));
    }
}

using Mtqg.Domain.Common;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;
using static Mtqg.Domain.Tests.Recognition.DossierBuilder;

namespace Mtqg.Domain.Tests.Recognition;

public class AppraisalTests
{
    [Fact]
    public void Appraisal_is_refused_when_the_submitter_appraises_their_own_dossier()
    {
        var dossier = Dossier.Create("25210", 2026, "QD51-2026", "NTM", Office, T0);
        dossier.RefreshCriteria(Card(), Sectors, Office, T0);
        dossier.SetResidentSatisfaction(95m);
        dossier.DeclareNoConstructionDebt(true);
        dossier.Submit(Builder, T0);

        var outcome = dossier.Appraise(1, Construction, AppraisalResult.Met, null, Builder, T0.AddDays(1));

        Assert.Equal(OutcomeKind.Rejected, outcome.Kind);
        Assert.Equal("Người lập hoặc nộp hồ sơ không được tự thẩm định hồ sơ của mình.", outcome.Message);
        Assert.Equal(CriterionAppraisalState.Pending, dossier.StateOf(1));
    }

    [Fact]
    public void Sending_back_is_refused_to_the_commune_officer_who_made_the_dossier()
    {
        var dossier = Submitted();

        Assert.Equal(OutcomeKind.Rejected, dossier.SendBack(8, Nnmt, "Thiếu minh chứng", Commune, T0.AddDays(1)).Kind);
    }

    [Theory]
    [InlineData(8, Construction, "tiêu chí 8 (Môi trường): tiêu chí do Sở Nông nghiệp và Môi trường thẩm định, không phải Sở Xây dựng")]
    [InlineData(1, Nnmt, "tiêu chí 1 (Tiêu chí số 1): tiêu chí do Sở Xây dựng thẩm định, không phải Sở Nông nghiệp và Môi trường")]
    public void Only_the_department_owning_a_criterion_may_appraise_it(int number, string sector, string expected)
    {
        var dossier = Submitted();

        var outcome = dossier.Appraise(number, sector, AppraisalResult.Met, null, Greener, T0.AddDays(1));

        Assert.Equal($"Không thể thẩm định {expected}.", outcome.Message);
        Assert.Empty(dossier.Appraisals);
    }

    [Fact]
    public void The_department_name_is_compared_without_regard_to_case_spacing_or_unicode_form()
    {
        var dossier = Submitted();

        var outcome = dossier.Appraise(
            8,
            "  sở nông nghiệp và môi trường ".Normalize(System.Text.NormalizationForm.FormD),
            AppraisalResult.Met,
            null,
            Greener,
            T0.AddDays(1)
        );

        Assert.True(outcome.IsDone, outcome.Message);
    }

    [Fact]
    public void A_criterion_is_never_appraised_twice_in_one_round()
    {
        var dossier = Submitted();
        dossier.Appraise(1, Construction, AppraisalResult.Met, "Đủ hồ sơ", Builder, T0.AddDays(1));

        var again = dossier.Appraise(1, Construction, AppraisalResult.Met, null, Builder, T0.AddDays(2));
        var sendBack = dossier.SendBack(1, Construction, "Xem lại", Builder, T0.AddDays(2));

        Assert.Contains(
            "tiêu chí 1 (Tiêu chí số 1): tiêu chí đã được thẩm định đạt lúc 03/03/2026 01:00 UTC bởi Thẩm định viên Sở Xây dựng; không thẩm định lại",
            again.Message
        );
        Assert.Equal(OutcomeKind.Rejected, sendBack.Kind);
        Assert.Single(dossier.Appraisals);
    }

    [Fact]
    public void A_criterion_of_another_number_is_refused()
    {
        Assert.Equal(
            "Không thể thẩm định: hồ sơ không có tiêu chí 21.",
            Submitted().Appraise(21, Construction, AppraisalResult.Met, null, Builder, T0).Message
        );
    }

    [Fact]
    public void Chua_dat_needs_a_reason_and_sending_back_needs_one_too()
    {
        var dossier = Submitted();

        Assert.Equal(OutcomeKind.Rejected, dossier.Appraise(8, Nnmt, AppraisalResult.NotMet, " ", Greener, T0).Kind);
        Assert.Equal(OutcomeKind.Rejected, dossier.SendBack(8, Nnmt, "", Greener, T0).Kind);
        Assert.Equal(CriterionAppraisalState.Pending, dossier.StateOf(8));
    }

    [Fact]
    public void A_criterion_appraised_chua_dat_rejects_the_dossier_at_once_and_stops_the_other_departments()
    {
        var dossier = RejectedByCriterion();

        Assert.Equal(DossierStatus.Rejected, dossier.Status);
        Assert.Equal(DossierEventKind.Rejected, dossier.Timeline[^1].Kind);
        Assert.Contains("tiêu chí 8 (Môi trường) được thẩm định chưa đạt", dossier.Timeline[^1].Details);
        Assert.Equal(OutcomeKind.Rejected, dossier.Appraise(1, Construction, AppraisalResult.Met, null, Builder, T0.AddDays(2)).Kind);
    }

    [Fact]
    public void The_dossier_stays_in_appraisal_until_every_department_has_finished()
    {
        var dossier = Submitted();
        foreach (var number in Enumerable.Range(1, 10).Where(n => n != 8))
            dossier.Appraise(number, Construction, AppraisalResult.Met, null, Builder, T0.AddDays(1));

        Assert.Equal(DossierStatus.Submitted, dossier.Status);
        Assert.Equal([8], dossier.PendingCriteria);
        var progress = dossier.Progress().ToDictionary(p => p.Sector);
        Assert.True(progress[Construction].Finished);
        Assert.False(progress[Nnmt].Finished);
        Assert.Equal([8], progress[Nnmt].Pending);
        Assert.Contains(
            "Còn chờ thẩm định: tiêu chí 8 (Môi trường)",
            dossier.RecordCouncil(new DateOnly(2026, 3, 20), Members, 9, 0, "Đề nghị công nhận", Office, T0.AddDays(2)).Message
        );

        dossier.Appraise(8, Nnmt, AppraisalResult.Met, null, Greener, T0.AddDays(4));

        Assert.Equal(DossierStatus.Appraised, dossier.Status);
        Assert.Equal(TimeSpan.FromDays(4) - TimeSpan.FromHours(1), dossier.Progress().Single(p => p.Sector == Nnmt).LongestStep);
    }

    [Fact]
    public void Send_back_loop_reappraises_only_the_criterion_sent_back_then_council_and_decision_recognise_the_commune()
    {
        var dossier = Submitted();
        var submittedAt = T0.AddHours(1);

        Assert.True(dossier.SendBack(8, Nnmt, "Thiếu biên bản kiểm tra thu gom rác", Greener, T0.AddDays(1)).IsDone);
        Assert.Equal(DossierStatus.Submitted, dossier.Status);
        foreach (var number in Enumerable.Range(1, 10).Where(n => n != 8))
            Assert.True(dossier.Appraise(number, Construction, AppraisalResult.Met, null, Builder, T0.AddDays(2)).IsDone);
        Assert.Equal(DossierStatus.SentBack, dossier.Status);
        Assert.Equal(CriterionAppraisalState.SentBack, dossier.StateOf(8));
        Assert.Equal(OutcomeKind.Rejected, dossier.Appraise(8, Nnmt, AppraisalResult.Met, null, Greener, T0.AddDays(2)).Kind);

        // The commune's values for criterion 8 are still short: it may not resubmit yet.
        Assert.True(
            dossier
                .RefreshCriteria(Card((8, EvaluationStatus.Missing), (1, EvaluationStatus.NotMet)), Sectors, Commune, T0.AddDays(3))
                .IsDone
        );
        Assert.Equal("Chưa thể nộp lại: tiêu chí 8 (Môi trường) còn thiếu số liệu.", dossier.Resubmit(Commune, T0.AddDays(3)).Message);
        Assert.Equal(EvaluationStatus.Met, dossier.Criteria.Single(c => c.Number == 1).Status);

        Assert.True(dossier.RefreshCriteria(Card(), Sectors, Commune, T0.AddDays(5)).IsDone);
        Assert.True(dossier.Resubmit(Commune, T0.AddDays(5)).IsDone);
        Assert.Equal(DossierStatus.Resubmitted, dossier.Status);
        Assert.Equal([8], dossier.PendingCriteria);
        Assert.Equal(OutcomeKind.Rejected, dossier.Appraise(1, Construction, AppraisalResult.Met, null, Builder, T0.AddDays(6)).Kind);

        Assert.True(dossier.Appraise(8, Nnmt, AppraisalResult.Met, "Đã bổ sung biên bản", Greener, T0.AddDays(6)).IsDone);
        Assert.Equal(DossierStatus.Appraised, dossier.Status);

        Assert.True(
            dossier
                .RecordCouncil(new DateOnly(2026, 3, 20), Members, 8, 1, "Đề nghị công nhận xã đạt chuẩn NTM", Office, T0.AddDays(18))
                .IsDone
        );
        Assert.True(
            dossier.RecordDecision("1234/QĐ-UBND", new DateOnly(2026, 3, 25), "Chủ tịch UBND tỉnh", "NTM", Office, T0.AddDays(23)).IsDone
        );
        Assert.Equal(DossierStatus.Recognised, dossier.Status);

        var steps8 = dossier.Appraisals.Where(a => a.CriterionNumber == 8).ToList();
        Assert.Equal([(1, AppraisalStep.SentBack), (2, AppraisalStep.Met)], steps8.Select(a => (a.Round, a.Step)));
        Assert.Equal([T0.AddDays(1) - submittedAt, TimeSpan.FromDays(1)], steps8.Select(a => a.Took));
        Assert.Equal(11, dossier.Appraisals.Count);
        Assert.All(dossier.Appraisals.Where(a => a.CriterionNumber != 8), a => Assert.Equal(1, a.Round));
    }

    [Fact]
    public void Only_the_sent_back_criteria_are_refreshed_from_a_new_scorecard()
    {
        var dossier = SentBack();

        dossier.RefreshCriteria(Card((2, EvaluationStatus.NotMet)), Sectors, Commune, T0.AddDays(3));

        Assert.Equal(EvaluationStatus.Met, dossier.Criteria.Single(c => c.Number == 2).Status);
        Assert.True(dossier.Resubmit(Commune, T0.AddDays(3)).IsDone);
    }
}

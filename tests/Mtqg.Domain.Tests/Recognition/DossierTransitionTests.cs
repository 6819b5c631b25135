using Mtqg.Domain.Common;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;
using static Mtqg.Domain.Tests.Recognition.DossierBuilder;

namespace Mtqg.Domain.Tests.Recognition;

public class DossierTransitionTests
{
    private static readonly DateTime Later = T0.AddDays(40);

    private static readonly Dictionary<string, Func<Dossier, Outcome>> Operations = new()
    {
        ["refresh"] = d => d.RefreshCriteria(Card(), Sectors, Commune, Later),
        ["submit"] = d => d.Submit(Commune, Later),
        ["appraise"] = d => d.Appraise(8, Nnmt, AppraisalResult.Met, null, Greener, Later),
        ["send back"] = d => d.SendBack(8, Nnmt, "Thiếu minh chứng", Greener, Later),
        ["resubmit"] = d => d.Resubmit(Commune, Later),
        ["council"] = d => d.RecordCouncil(new DateOnly(2026, 4, 10), Members, 8, 1, "Đề nghị công nhận", Office, Later),
        ["decision"] = d => d.RecordDecision("1234/QĐ-UBND", new DateOnly(2026, 4, 15), "Chủ tịch UBND tỉnh", "NTM", Office, Later),
    };

    private static readonly Dictionary<string, DossierStatus[]> LegalIn = new()
    {
        ["refresh"] = [DossierStatus.Draft, DossierStatus.SentBack],
        ["submit"] = [DossierStatus.Draft],
        ["appraise"] = [DossierStatus.Submitted, DossierStatus.Resubmitted],
        ["send back"] = [DossierStatus.Submitted, DossierStatus.Resubmitted],
        ["resubmit"] = [DossierStatus.SentBack],
        ["council"] = [DossierStatus.Appraised],
        ["decision"] = [DossierStatus.CouncilHeld],
    };

    public static TheoryData<string, DossierStatus, bool> EveryOperationInEveryState()
    {
        var data = new TheoryData<string, DossierStatus, bool>();
        foreach (var operation in Operations.Keys)
        foreach (var status in Enum.GetValues<DossierStatus>())
            data.Add(operation, status, LegalIn[operation].Contains(status));
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOperationInEveryState))]
    public void Each_operation_is_done_only_in_its_states_and_a_refusal_names_the_state_and_changes_nothing(
        string operation,
        DossierStatus status,
        bool legal
    )
    {
        var dossier = In(status);
        Assert.Equal(status, dossier.Status);
        var events = dossier.Timeline.Count;

        var outcome = Operations[operation](dossier);

        if (legal)
        {
            Assert.True(outcome.IsDone, outcome.Message);
            Assert.True(dossier.Timeline.Count > events);
            return;
        }
        Assert.Equal(OutcomeKind.Rejected, outcome.Kind);
        Assert.Contains($"«{status.Label()}»", outcome.Message);
        Assert.Equal(status, dossier.Status);
        Assert.Equal(events, dossier.Timeline.Count);
    }

    [Theory]
    [InlineData(DossierStatus.Draft, DossierStatus.Submitted, "submit")]
    [InlineData(DossierStatus.SentBack, DossierStatus.Resubmitted, "resubmit")]
    [InlineData(DossierStatus.Appraised, DossierStatus.CouncilHeld, "council")]
    [InlineData(DossierStatus.CouncilHeld, DossierStatus.Recognised, "decision")]
    public void A_legal_transition_moves_the_dossier_to_the_next_state(DossierStatus from, DossierStatus to, string operation)
    {
        var dossier = In(from);

        Assert.True(Operations[operation](dossier).IsDone);

        Assert.Equal(to, dossier.Status);
    }

    [Fact]
    public void A_new_dossier_is_a_draft_with_one_created_event()
    {
        var dossier = Dossier.Create("25210", 2026, "QD51-2026", "NTM", Commune, T0);

        Assert.Equal(DossierStatus.Draft, dossier.Status);
        var created = Assert.Single(dossier.Timeline);
        Assert.Equal((T0, Commune.Id, DossierEventKind.Created), (created.At, created.UserId, created.Kind));
    }

    [Fact]
    public void Submission_is_refused_naming_every_criterion_not_met_or_missing_values_and_the_missing_conditions()
    {
        var dossier = Draft(Card((8, EvaluationStatus.NotMet), (2, EvaluationStatus.Missing)), satisfaction: null, declared: false);

        var outcome = dossier.Submit(Commune, T0);

        Assert.Equal(OutcomeKind.Rejected, outcome.Kind);
        Assert.StartsWith("Chưa thể nộp: ", outcome.Message);
        Assert.Contains("tiêu chí 8 (Môi trường) chưa đạt", outcome.Message);
        Assert.Contains("tiêu chí 2 (Giao thông) còn thiếu số liệu", outcome.Message);
        Assert.Contains("sự hài lòng", outcome.Message);
        Assert.Contains("nợ đọng xây dựng cơ bản", outcome.Message);
        Assert.Equal(DossierStatus.Draft, dossier.Status);
    }

    [Theory]
    [InlineData(null, true, "chưa có kết quả lấy ý kiến sự hài lòng của người dân")]
    [InlineData(85.5, true, "tỷ lệ người dân hài lòng 85,5% thấp hơn mức yêu cầu 90%")]
    [InlineData(95.0, false, "chưa cam kết không còn nợ đọng xây dựng cơ bản")]
    public void Submission_is_refused_without_enough_satisfaction_or_the_debt_declaration(
        double? satisfaction,
        bool declared,
        string expected
    )
    {
        var dossier = Draft(satisfaction: (decimal?)satisfaction, declared: declared);

        var outcome = dossier.Submit(Commune, T0);

        Assert.Equal($"Chưa thể nộp: {expected}.", outcome.Message);
    }

    [Fact]
    public void Submission_is_refused_for_a_criterion_without_a_responsible_department()
    {
        var dossier = Dossier.Create("25210", 2026, "QD51-2026", "NTM", Commune, T0);
        dossier.RefreshCriteria(Card(), new Dictionary<int, string> { [1] = Construction }, Commune, T0);
        dossier.SetResidentSatisfaction(95m);
        dossier.DeclareNoConstructionDebt(true);

        var outcome = dossier.Submit(Commune, T0);

        Assert.Contains("tiêu chí 2 (Giao thông) chưa có sở phụ trách thẩm định", outcome.Message);
    }

    [Fact]
    public void Submission_is_refused_when_no_scorecard_was_taken()
    {
        var dossier = Dossier.Create("25210", 2026, "QD51-2026", "NTM", Commune, T0);
        dossier.SetResidentSatisfaction(95m);
        dossier.DeclareNoConstructionDebt(true);

        Assert.Contains("chưa có kết quả tự đánh giá", dossier.Submit(Commune, T0).Message);
    }

    [Fact]
    public void A_scorecard_of_another_year_or_level_is_refused()
    {
        var dossier = Dossier.Create("25210", 2026, "QD51-2026", "NTM", Commune, T0);
        var other = Card() with { Year = 2025 };

        Assert.Equal(OutcomeKind.Rejected, dossier.RefreshCriteria(other, Sectors, Commune, T0).Kind);
        Assert.Empty(dossier.Criteria);
    }

    [Fact]
    public void Criteria_that_do_not_apply_at_the_level_are_not_part_of_the_dossier()
    {
        var frozen = DossierCriterion.FromScorecard(Card((3, EvaluationStatus.NotApplicable)), Sectors);

        Assert.Equal([1, 2, 4, 5, 6, 7, 8, 9, 10], frozen.Select(c => c.Number));
        Assert.Equal(Nnmt, frozen.Single(c => c.Number == 8).ResponsibleSector);
    }

    [Fact]
    public void Satisfaction_and_declaration_are_frozen_once_submitted()
    {
        var dossier = Submitted();

        Assert.Equal(OutcomeKind.Rejected, dossier.SetResidentSatisfaction(50m).Kind);
        Assert.Equal(OutcomeKind.Rejected, dossier.DeclareNoConstructionDebt(false).Kind);
        Assert.Equal((95m, true), (dossier.ResidentSatisfaction, dossier.NoConstructionDebtDeclared));
    }

    [Fact]
    public void Satisfaction_outside_zero_to_a_hundred_is_refused()
    {
        var dossier = Dossier.Create("25210", 2026, "QD51-2026", "NTM", Commune, T0);

        Assert.Equal(OutcomeKind.Rejected, dossier.SetResidentSatisfaction(101m).Kind);
        Assert.Null(dossier.ResidentSatisfaction);
    }
}

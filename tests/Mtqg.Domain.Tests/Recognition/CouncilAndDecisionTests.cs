using Mtqg.Domain.Common;
using Mtqg.Domain.Recognition;
using static Mtqg.Domain.Tests.Recognition.DossierBuilder;

namespace Mtqg.Domain.Tests.Recognition;

public class CouncilAndDecisionTests
{
    private static readonly DateOnly CouncilDay = new(2026, 3, 20);

    [Theory]
    [InlineData(5, 4, DossierStatus.CouncilHeld)]
    [InlineData(4, 5, DossierStatus.Rejected)]
    [InlineData(4, 4, DossierStatus.Rejected)]
    [InlineData(1, 0, DossierStatus.CouncilHeld)]
    public void The_council_conclusion_follows_the_votes_more_for_than_against_approves(
        int votesFor,
        int votesAgainst,
        DossierStatus expected
    )
    {
        var dossier = Appraised();

        Assert.True(dossier.RecordCouncil(CouncilDay, Members, votesFor, votesAgainst, "Kết luận", Office, T0.AddDays(18)).IsDone);

        Assert.Equal(expected, dossier.Status);
        Assert.Equal(expected == DossierStatus.CouncilHeld, dossier.Council!.Favourable);
    }

    [Fact]
    public void A_council_voting_against_rejects_the_dossier_and_no_decision_can_follow()
    {
        var dossier = Appraised();

        dossier.RecordCouncil(CouncilDay, Members, 3, 6, "Không đề nghị công nhận", Office, T0.AddDays(18));

        Assert.Equal(DossierStatus.Rejected, dossier.Status);
        Assert.Equal([DossierEventKind.CouncilHeld, DossierEventKind.Rejected], dossier.Timeline.TakeLast(2).Select(e => e.Kind));
        var decision = dossier.RecordDecision("1234/QĐ-UBND", CouncilDay, "Chủ tịch UBND tỉnh", "NTM", Office, T0.AddDays(20));
        Assert.Equal(
            "Không thể ghi nhận quyết định công nhận: hồ sơ đang ở trạng thái «Không công nhận»; chỉ ghi nhận sau khi hội đồng tán thành.",
            decision.Message
        );
    }

    [Theory]
    [InlineData(0, 5, 0, "chưa có thành viên hội đồng")]
    [InlineData(9, 0, 0, "chưa có phiếu biểu quyết")]
    [InlineData(9, -1, 3, "số phiếu không được âm")]
    [InlineData(3, 3, 1, "tổng số phiếu (4) nhiều hơn số thành viên (3)")]
    public void A_council_record_with_impossible_members_or_votes_is_refused(int members, int votesFor, int votesAgainst, string expected)
    {
        var dossier = Appraised();

        var outcome = dossier.RecordCouncil(
            CouncilDay,
            [.. Members.Take(members)],
            votesFor,
            votesAgainst,
            "Kết luận",
            Office,
            T0.AddDays(18)
        );

        Assert.Contains(expected, outcome.Message);
        Assert.Equal(DossierStatus.Appraised, dossier.Status);
        Assert.Null(dossier.Council);
    }

    [Fact]
    public void A_council_dated_before_the_submission_is_refused()
    {
        var outcome = Appraised().RecordCouncil(new DateOnly(2026, 3, 1), Members, 9, 0, "Kết luận", Office, T0.AddDays(18));

        Assert.Contains("ngày họp 01/03/2026 trước ngày nộp hồ sơ 02/03/2026", outcome.Message);
    }

    [Theory]
    [InlineData("1234/QĐ-UBND", true)]
    [InlineData(" 56/QĐ-UBND ", true)]
    [InlineData("18/QĐ-TTg", true)]
    [InlineData("2051/QĐ-UBND-NN", true)]
    [InlineData("1234/QD-UBND", false)]
    [InlineData("1234-QĐ-UBND", false)]
    [InlineData("QĐ-UBND", false)]
    [InlineData("1234/QĐ-", false)]
    [InlineData("1234/QĐ UBND", false)]
    [InlineData("", false)]
    public void The_decision_number_must_read_like_so_QD_issuer(string number, bool accepted)
    {
        var dossier = CouncilHeld();

        var outcome = dossier.RecordDecision(number, new DateOnly(2026, 3, 25), "Chủ tịch UBND tỉnh", "NTM", Office, T0.AddDays(23));

        Assert.Equal(accepted, outcome.IsDone);
        Assert.Equal(accepted ? DossierStatus.Recognised : DossierStatus.CouncilHeld, dossier.Status);
        if (!accepted)
            Assert.Contains("không đúng dạng «số/QĐ-cơ quan», ví dụ 1234/QĐ-UBND", outcome.Message);
        else
            Assert.Equal(number.Trim(), dossier.Decision!.Number);
    }

    [Fact]
    public void A_decision_number_typed_in_decomposed_unicode_is_stored_composed()
    {
        var dossier = CouncilHeld();

        dossier.RecordDecision(
            "1234/QĐ-UBND".Normalize(System.Text.NormalizationForm.FormD),
            new DateOnly(2026, 3, 25),
            "Chủ tịch",
            "NTM",
            Office,
            T0
        );

        Assert.Equal("1234/QĐ-UBND", dossier.Decision!.Number);
    }

    [Fact]
    public void A_decision_for_another_level_before_the_council_or_unsigned_is_refused()
    {
        var dossier = CouncilHeld();

        var outcome = dossier.RecordDecision("1234/QĐ-UBND", new DateOnly(2026, 3, 19), " ", "NC", Office, T0.AddDays(23));

        Assert.Equal(OutcomeKind.Rejected, outcome.Kind);
        Assert.Contains("chưa có người ký", outcome.Message);
        Assert.Contains("quyết định công nhận mức NC nhưng hồ sơ đề nghị mức NTM", outcome.Message);
        Assert.Contains("ngày quyết định 19/03/2026 trước ngày họp hội đồng 20/03/2026", outcome.Message);
        Assert.Null(dossier.Decision);
    }

    [Fact]
    public void The_timeline_tells_the_whole_story_in_order_with_who_and_when()
    {
        var dossier = Recognised();

        Assert.Equal(
            [
                DossierEventKind.Created,
                DossierEventKind.CriteriaRefreshed,
                DossierEventKind.Submitted,
                .. Enumerable.Repeat(DossierEventKind.CriterionAppraised, 10),
                DossierEventKind.AllCriteriaMet,
                DossierEventKind.CouncilHeld,
                DossierEventKind.Recognised,
            ],
            dossier.Timeline.Select(e => e.Kind)
        );
        Assert.Equal(dossier.Timeline.Select(e => e.At).Order(), dossier.Timeline.Select(e => e.At));
        var submitted = dossier.Timeline.Single(e => e.Kind == DossierEventKind.Submitted);
        Assert.Equal((Commune.Id, Commune.Name, T0.AddHours(1)), (submitted.UserId, submitted.UserName, submitted.At));
        Assert.Equal("Nộp hồ sơ: 10 tiêu chí gửi 2 sở thẩm định.", submitted.Details);
        Assert.Contains(dossier.Timeline, e => e.Details == "Sở Nông nghiệp và Môi trường thẩm định tiêu chí 8 (Môi trường): đạt.");
        Assert.Equal(
            "Hội đồng thẩm định họp ngày 20/03/2026: 7 phiếu tán thành, 1 phiếu không tán thành — Đề nghị công nhận.",
            dossier.Timeline.Single(e => e.Kind == DossierEventKind.CouncilHeld).Details
        );
        var recognised = dossier.Timeline[^1];
        Assert.Equal(Office.Id, recognised.UserId);
        Assert.Equal(
            "Quyết định số 1234/QĐ-UBND ngày 25/03/2026 (Chủ tịch UBND tỉnh ký) công nhận xã 25210 đạt mức NTM năm 2026.",
            recognised.Details
        );
    }

    [Fact]
    public void The_timeline_of_a_send_back_names_the_reason_and_what_went_back()
    {
        var dossier = Resubmitted();

        var kinds = dossier.Timeline.Select(e => e.Kind).ToList();
        Assert.Equal([DossierEventKind.CriterionSentBack], kinds.Where(k => k == DossierEventKind.CriterionSentBack));
        Assert.Equal([DossierEventKind.ReturnedToCommune, DossierEventKind.Resubmitted], kinds.TakeLast(2));
        Assert.Contains(dossier.Timeline, e =>
            e.Details == "Sở Nông nghiệp và Môi trường trả lại tiêu chí 8 (Môi trường): Thiếu biên bản kiểm tra thu gom rác."
        );
        Assert.Equal("Nộp lại tiêu chí 8 (Môi trường).", dossier.Timeline[^1].Details);
    }
}

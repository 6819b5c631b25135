using Mtqg.Domain.Common;
using Mtqg.Domain.Visits;

namespace Mtqg.Domain.Tests.Visits;

public class RecommendationTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);
    private static readonly ResponsibleParty Construction = ResponsibleParty.Department("Sở Xây dựng");

    private static Recommendation Raise(DateOnly? due = null) =>
        new("Hỗ trợ kinh phí làm đường trục xã", new(2026, 10, 1), "Sở Tài chính", "25252", Construction, due, "agency-1", Now);

    private static Recommendation InState(RecommendationStatus status)
    {
        var r = Raise();
        switch (status)
        {
            case RecommendationStatus.InProgress:
                r.Respond(Construction, "dept", "Đang rà soát", Now);
                break;
            case RecommendationStatus.Closed:
                r.Close(Construction, "dept", "Đã bố trí vốn", Now);
                break;
            case RecommendationStatus.NotApplicable:
                r.RejectAsNotApplicable(Construction, "dept", "Thuộc thẩm quyền trung ương", Now);
                break;
        }
        Assert.Equal(status, r.Status);
        return r;
    }

    private static Outcome Act(Recommendation r, string action) =>
        action switch
        {
            "respond" => r.Respond(Construction, "dept", "Trả lời", Now),
            "close" => r.Close(Construction, "dept", "Đã xong", Now),
            "reject" => r.RejectAsNotApplicable(Construction, "dept", "Không thuộc phạm vi", Now),
            _ => r.Reopen("agency-1", "Chưa thực hiện", Now),
        };

    [Theory]
    [InlineData(RecommendationStatus.Open, "respond", RecommendationStatus.InProgress)]
    [InlineData(RecommendationStatus.Open, "close", RecommendationStatus.Closed)]
    [InlineData(RecommendationStatus.Open, "reject", RecommendationStatus.NotApplicable)]
    [InlineData(RecommendationStatus.InProgress, "respond", RecommendationStatus.InProgress)]
    [InlineData(RecommendationStatus.InProgress, "close", RecommendationStatus.Closed)]
    [InlineData(RecommendationStatus.InProgress, "reject", RecommendationStatus.NotApplicable)]
    [InlineData(RecommendationStatus.Closed, "reopen", RecommendationStatus.Open)]
    public void Legal_transitions_move_the_recommendation_and_are_written_to_its_history(
        RecommendationStatus from,
        string action,
        RecommendationStatus to
    )
    {
        var r = InState(from);
        var before = r.History.Count;

        Assert.True(Act(r, action).IsDone);
        Assert.Equal(to, r.Status);
        Assert.Equal(before + 1, r.History.Count);
        Assert.Equal((from, to), (r.History[^1].From, r.History[^1].To));
    }

    [Theory]
    [InlineData(RecommendationStatus.Open, "reopen")]
    [InlineData(RecommendationStatus.InProgress, "reopen")]
    [InlineData(RecommendationStatus.Closed, "respond")]
    [InlineData(RecommendationStatus.Closed, "close")]
    [InlineData(RecommendationStatus.Closed, "reject")]
    [InlineData(RecommendationStatus.NotApplicable, "respond")]
    [InlineData(RecommendationStatus.NotApplicable, "close")]
    [InlineData(RecommendationStatus.NotApplicable, "reject")]
    [InlineData(RecommendationStatus.NotApplicable, "reopen")]
    public void Illegal_transitions_are_refused_with_a_message_and_change_nothing(RecommendationStatus from, string action)
    {
        var r = InState(from);
        var before = r.History.Count;

        var outcome = Act(r, action);

        Assert.Equal(OutcomeKind.Rejected, outcome.Kind);
        Assert.Contains(Recommendation.StatusName(from), outcome.Message);
        Assert.Equal((from, before), (r.Status, r.History.Count));
    }

    [Theory]
    [InlineData("respond", "Chỉ Sở Xây dựng mới trả lời được kiến nghị này.")]
    [InlineData("close", "Chỉ Sở Xây dựng mới đóng được kiến nghị này.")]
    [InlineData("reject", "Chỉ Sở Xây dựng mới kết luận được kiến nghị này.")]
    public void Only_the_responsible_party_may_respond_close_or_reject(string action, string message)
    {
        var r = Raise();
        Outcome[] outcomes = action switch
        {
            "respond" =>
            [
                r.Respond(ResponsibleParty.Department("Sở Tài chính"), "x", "Trả lời", Now),
                r.Respond(ResponsibleParty.Commune, "x", "Trả lời", Now),
            ],
            "close" =>
            [
                r.Close(ResponsibleParty.Department("Sở Tài chính"), "x", "Xong", Now),
                r.Close(ResponsibleParty.Province, "x", "Xong", Now),
            ],
            _ =>
            [
                r.RejectAsNotApplicable(ResponsibleParty.Department("Sở Tài chính"), "x", "Lý do", Now),
                r.RejectAsNotApplicable(ResponsibleParty.Commune, "x", "Lý do", Now),
            ],
        };

        Assert.All(outcomes, o => Assert.Equal((OutcomeKind.Forbidden, message), (o.Kind, o.Message)));
        Assert.Equal(RecommendationStatus.Open, r.Status);
    }

    [Fact]
    public void The_department_is_recognised_whatever_the_case_of_its_sector_name()
    {
        Assert.True(Raise().Respond(ResponsibleParty.Department("sở xây dựng"), "dept", "Đã nhận", Now).IsDone);
    }

    [Theory]
    [InlineData("respond")]
    [InlineData("close")]
    [InlineData("reject")]
    [InlineData("reopen")]
    public void A_transition_without_its_text_is_invalid(string action)
    {
        var r = action == "reopen" ? InState(RecommendationStatus.Closed) : Raise();
        var status = r.Status;
        var outcome = action switch
        {
            "respond" => r.Respond(Construction, "dept", " ", Now),
            "close" => r.Close(Construction, "dept", "", Now),
            "reject" => r.RejectAsNotApplicable(Construction, "dept", "", Now),
            _ => r.Reopen("agency-1", "", Now),
        };

        Assert.True(outcome.IsInvalid);
        Assert.Single(outcome.Problems);
        Assert.Equal(status, r.Status);
    }

    [Fact]
    public void Closing_records_who_closed_it_when_and_the_closing_response()
    {
        var r = Raise();
        r.Close(Construction, "nguyen.van.a", "Đã bố trí 2 tỷ đồng", Now);

        Assert.Equal(("nguyen.van.a", (DateTime?)Now, "Đã bố trí 2 tỷ đồng"), (r.ClosedBy, r.ClosedAt, r.Response));
    }

    [Fact]
    public void Reopening_a_closed_recommendation_puts_it_back_on_the_open_list_with_the_reason_in_its_history()
    {
        var r = InState(RecommendationStatus.Closed);

        Assert.True(r.Reopen("agency-1", "Xã báo chưa nhận được vốn", Now.AddDays(3)).IsDone);

        Assert.Equal((RecommendationStatus.Open, (string?)null, (DateTime?)null), (r.Status, r.ClosedBy, r.ClosedAt));
        Assert.Equal((RecommendationAction.Reopened, "Xã báo chưa nhận được vốn"), (r.History[^1].Action, r.History[^1].Text));
        Assert.Single(Recommendation.OpenOldestFirst([r], new(2026, 12, 1)));
    }

    [Theory]
    [InlineData("2026-11-29", false)]
    [InlineData("2026-11-30", false)] // on the due date it is not yet overdue
    [InlineData("2026-12-01", true)]
    public void A_recommendation_is_overdue_only_after_its_due_date(string today, bool overdue)
    {
        Assert.Equal(overdue, Raise(new(2026, 11, 30)).IsOverdue(DateOnly.Parse(today)));
    }

    [Fact]
    public void A_recommendation_without_a_due_date_or_no_longer_open_is_never_overdue()
    {
        var late = new DateOnly(2027, 6, 1);

        Assert.False(Raise().IsOverdue(late));
        var closed = Raise(new(2026, 11, 30));
        closed.Close(Construction, "dept", "Xong", Now);
        Assert.False(closed.IsOverdue(late));
        var inProgress = Raise(new(2026, 11, 30));
        inProgress.Respond(Construction, "dept", "Đang làm", Now);
        Assert.True(inProgress.IsOverdue(late));
    }

    [Fact]
    public void Days_open_run_to_today_while_open_and_stop_at_the_vietnam_date_of_closing()
    {
        var open = Raise();
        var closed = Raise();
        closed.Close(Construction, "dept", "Xong", new DateTime(2026, 10, 10, 18, 0, 0, DateTimeKind.Utc)); // 01:00 on 11/10 in Việt Nam

        Assert.Equal(56, open.DaysOpen(new(2026, 11, 26)));
        Assert.Equal(10, closed.DaysOpen(new(2026, 11, 26)));
    }

    [Fact]
    public void The_open_list_is_oldest_first_marks_overdue_ones_and_leaves_out_closed_and_not_applicable()
    {
        var today = new DateOnly(2026, 11, 26);
        Recommendation Make(string text, string raised, string? due) =>
            new(text, DateOnly.Parse(raised), "Sở Tài chính", "25252", Construction, due is null ? null : DateOnly.Parse(due), "a", Now);
        var newer = Make("newer", "2026-10-05", null);
        var older = Make("older", "2026-09-01", "2026-10-01");
        var closed = Make("closed", "2026-08-01", null);
        closed.Close(Construction, "dept", "Xong", Now);
        var rejected = Make("rejected", "2026-08-02", null);
        rejected.RejectAsNotApplicable(Construction, "dept", "Không thuộc phạm vi", Now);
        var sameDayDue = Make("same day, due", "2026-10-05", "2026-12-31");

        var list = Recommendation.OpenOldestFirst([newer, closed, sameDayDue, rejected, older], today);

        Assert.Equal(["older", "same day, due", "newer"], list.Select(i => i.Recommendation.Text));
        Assert.Equal([true, false, false], list.Select(i => i.IsOverdue));
        Assert.Equal(86, list[0].DaysOpen);
    }

    [Fact]
    public void A_restored_recommendation_keeps_its_state_and_history_and_goes_on_from_there()
    {
        var original = InState(RecommendationStatus.InProgress);

        var restored = Recommendation.Restore(
            original.Text,
            original.RaisedOn,
            original.RaisedBy,
            original.CommuneCode,
            original.Responsible,
            original.DueDate,
            original.Status,
            original.Response,
            original.RespondedAt,
            original.ClosedBy,
            original.ClosedAt,
            original.RejectionReason,
            original.History
        );

        Assert.Equal((RecommendationStatus.InProgress, "Đang rà soát", 2), (restored.Status, restored.Response, restored.History.Count));
        Assert.True(restored.Close(Construction, "dept", "Đã bố trí vốn", Now).IsDone);
        Assert.Equal(
            [RecommendationAction.Raised, RecommendationAction.Responded, RecommendationAction.Closed],
            restored.History.Select(e => e.Action)
        );
        Assert.False(restored.Close(Construction, "dept", "Lần nữa", Now).IsDone);
    }
}

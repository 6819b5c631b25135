using Mtqg.Domain.Common;

namespace Mtqg.Domain.Visits;

/// <summary>Open → InProgress (a response recorded) → Closed, or NotApplicable (rejected as not applicable); Closed can be reopened.</summary>
public enum RecommendationStatus
{
    Open,
    InProgress,
    Closed,
    NotApplicable,
}

public enum RecommendationAction
{
    Raised,
    Responded,
    Closed,
    RejectedAsNotApplicable,
    Reopened,
}

/// <summary>One entry of a recommendation's history: who did what, when, moving it from which status to which, with their text.</summary>
public sealed record RecommendationEvent(
    DateTime AtUtc,
    string Actor,
    RecommendationAction Action,
    RecommendationStatus From,
    RecommendationStatus To,
    string? Text
);

/// <summary>A recommendation (kiến nghị) raised during a working visit, tracked to closure by the party that must act on it.</summary>
public sealed class Recommendation
{
    private readonly List<RecommendationEvent> history = [];

    public string Text { get; private set; } = "";
    public DateOnly RaisedOn { get; private set; }

    /// <summary>The agency that raised it.</summary>
    public string RaisedBy { get; private set; } = "";
    public string CommuneCode { get; private set; } = "";
    public ResponsibleParty Responsible { get; private set; } = ResponsibleParty.Province;
    public DateOnly? DueDate { get; private set; }
    public RecommendationStatus Status { get; private set; }

    /// <summary>The latest response (a closing response included).</summary>
    public string? Response { get; private set; }
    public DateTime? RespondedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    /// <summary>Why it was found not applicable (status NotApplicable).</summary>
    public string? RejectionReason { get; private set; }
    public IReadOnlyList<RecommendationEvent> History => history;

    private Recommendation() { }

    /// <summary>Raises a recommendation; check <see cref="Validate"/> first (a visit does this for its rows).</summary>
    public Recommendation(
        string text,
        DateOnly raisedOn,
        string raisedBy,
        string communeCode,
        ResponsibleParty responsible,
        DateOnly? dueDate,
        string actor,
        DateTime utcNow
    )
    {
        (Text, RaisedOn, RaisedBy, CommuneCode, Responsible, DueDate, Status) = (
            text.Trim(),
            raisedOn,
            raisedBy,
            communeCode,
            responsible,
            dueDate,
            RecommendationStatus.Open
        );
        history.Add(new(utcNow, actor, RecommendationAction.Raised, RecommendationStatus.Open, RecommendationStatus.Open, Text));
    }

    /// <summary>Rebuilds a stored recommendation with its history, without re-validating it.</summary>
    public static Recommendation Restore(
        string text,
        DateOnly raisedOn,
        string raisedBy,
        string communeCode,
        ResponsibleParty responsible,
        DateOnly? dueDate,
        RecommendationStatus status,
        string? response,
        DateTime? respondedAt,
        string? closedBy,
        DateTime? closedAt,
        string? rejectionReason,
        IEnumerable<RecommendationEvent> history
    )
    {
        var restored = new Recommendation
        {
            Text = text,
            RaisedOn = raisedOn,
            RaisedBy = raisedBy,
            CommuneCode = communeCode,
            Responsible = responsible,
            DueDate = dueDate,
            Status = status,
            Response = response,
            RespondedAt = respondedAt,
            ClosedBy = closedBy,
            ClosedAt = closedAt,
            RejectionReason = rejectionReason,
        };
        restored.history.AddRange(history);
        return restored;
    }

    /// <summary>Problems with the raised fields, named by field.</summary>
    public static IReadOnlyList<Problem> Validate(
        string? text,
        DateOnly raisedOn,
        string? raisedBy,
        string? communeCode,
        DateOnly? dueDate,
        string prefix = ""
    )
    {
        var problems = new List<Problem>();
        if (InputText.IsBlank(text))
            problems.Add(new(prefix + "text", "Phải nhập nội dung kiến nghị."));
        if (InputText.IsBlank(raisedBy))
            problems.Add(new(prefix + "raisedBy", "Phải ghi cơ quan nêu kiến nghị."));
        if (InputText.IsBlank(communeCode))
            problems.Add(new(prefix + "communeCode", "Phải chọn xã."));
        if (dueDate is { } due && due < raisedOn)
            problems.Add(
                new(
                    prefix + "dueDate",
                    $"Hạn xử lý ({VietnamTime.Format(due)}) không được trước ngày nêu kiến nghị ({VietnamTime.Format(raisedOn)})."
                )
            );
        return problems;
    }

    public bool IsOpen => Status is RecommendationStatus.Open or RecommendationStatus.InProgress;

    /// <summary>Records a response by the responsible party; the recommendation moves to (or stays) InProgress.</summary>
    public Outcome Respond(ResponsibleParty actorParty, string actor, string text, DateTime utcNow)
    {
        if (!IsOpen)
            return Outcome.Rejected($"Không thể trả lời: kiến nghị đang ở trạng thái {StatusName(Status)}.");
        if (actorParty != Responsible)
            return Outcome.Forbidden($"Chỉ {Responsible.DisplayName} mới trả lời được kiến nghị này.");
        if (InputText.IsBlank(text))
            return Required("response", "Phải nhập nội dung trả lời.");
        Move(RecommendationAction.Responded, RecommendationStatus.InProgress, actor, text.Trim(), utcNow);
        (Response, RespondedAt) = (text.Trim(), utcNow);
        return Outcome.Done;
    }

    /// <summary>Closes with a closing response, by the responsible party, from Open or InProgress.</summary>
    public Outcome Close(ResponsibleParty actorParty, string actor, string closingResponse, DateTime utcNow)
    {
        if (!IsOpen)
            return Outcome.Rejected($"Không thể đóng: kiến nghị đang ở trạng thái {StatusName(Status)}.");
        if (actorParty != Responsible)
            return Outcome.Forbidden($"Chỉ {Responsible.DisplayName} mới đóng được kiến nghị này.");
        if (InputText.IsBlank(closingResponse))
            return Required("response", "Phải nhập kết quả xử lý khi đóng kiến nghị.");
        Move(RecommendationAction.Closed, RecommendationStatus.Closed, actor, closingResponse.Trim(), utcNow);
        (Response, RespondedAt, ClosedBy, ClosedAt) = (closingResponse.Trim(), utcNow, actor, utcNow);
        return Outcome.Done;
    }

    /// <summary>Rejects as not applicable, with a reason, by the responsible party, from Open or InProgress. Final: it cannot be reopened.</summary>
    public Outcome RejectAsNotApplicable(ResponsibleParty actorParty, string actor, string reason, DateTime utcNow)
    {
        if (!IsOpen)
            return Outcome.Rejected($"Không thể kết luận không thuộc phạm vi: kiến nghị đang ở trạng thái {StatusName(Status)}.");
        if (actorParty != Responsible)
            return Outcome.Forbidden($"Chỉ {Responsible.DisplayName} mới kết luận được kiến nghị này.");
        if (InputText.IsBlank(reason))
            return Required("reason", "Phải ghi lý do kiến nghị không thuộc phạm vi xử lý.");
        Move(RecommendationAction.RejectedAsNotApplicable, RecommendationStatus.NotApplicable, actor, reason.Trim(), utcNow);
        (RejectionReason, ClosedBy, ClosedAt) = (reason.Trim(), actor, utcNow);
        return Outcome.Done;
    }

    /// <summary>Reopens a closed recommendation with a reason; it goes back to Open. Who may reopen (the raising agency,
    /// the coordination office) is the caller's access check, not the domain's.</summary>
    public Outcome Reopen(string actor, string reason, DateTime utcNow)
    {
        if (Status != RecommendationStatus.Closed)
            return Outcome.Rejected($"Không thể mở lại: chỉ mở lại được kiến nghị đã đóng (đang ở trạng thái {StatusName(Status)}).");
        if (InputText.IsBlank(reason))
            return Required("reason", "Phải ghi lý do mở lại kiến nghị.");
        Move(RecommendationAction.Reopened, RecommendationStatus.Open, actor, reason.Trim(), utcNow);
        (ClosedBy, ClosedAt) = (null, null);
        return Outcome.Done;
    }

    /// <summary>Overdue when still open (Open or InProgress), a due date is set and <paramref name="today"/> is after it; on the due date itself it is not overdue.</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && DueDate is { } due && today > due;

    /// <summary>Days since it was raised: to <paramref name="today"/> while open, to the (Vietnam) date it was closed or rejected otherwise; never negative.</summary>
    public int DaysOpen(DateOnly today)
    {
        var end = !IsOpen && ClosedAt is { } closed ? VietnamTime.DateOf(closed) : today;
        return Math.Max(0, end.DayNumber - RaisedOn.DayNumber);
    }

    /// <summary>The open list as users see it: only Open and InProgress ones, oldest first (by raised date, then earliest
    /// due date, undated last), each with its overdue mark and days open.</summary>
    public static IReadOnlyList<OpenRecommendation> OpenOldestFirst(IEnumerable<Recommendation> items, DateOnly today) =>
        [
            .. items
                .Where(r => r.IsOpen)
                .OrderBy(r => r.RaisedOn)
                .ThenBy(r => r.DueDate ?? DateOnly.MaxValue)
                .Select(r => new OpenRecommendation(r, r.IsOverdue(today), r.DaysOpen(today))),
        ];

    public static string StatusName(RecommendationStatus status) =>
        status switch
        {
            RecommendationStatus.Open => "mới nêu",
            RecommendationStatus.InProgress => "đang xử lý",
            RecommendationStatus.Closed => "đã đóng",
            _ => "không thuộc phạm vi xử lý",
        };

    private void Move(RecommendationAction action, RecommendationStatus to, string actor, string? text, DateTime utcNow)
    {
        history.Add(new(utcNow, actor, action, Status, to, text));
        Status = to;
    }

    private static Outcome Required(string field, string message) => Outcome.Invalid(message, [new(field, message)]);
}

/// <summary>A row of the open list.</summary>
public sealed record OpenRecommendation(Recommendation Recommendation, bool IsOverdue, int DaysOpen);

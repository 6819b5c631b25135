namespace Mtqg.Domain.Recognition;

/// <summary>One line of a dossier's timeline: when, who, what, and the details in Vietnamese.</summary>
public sealed record TimelineEvent(DateTime At, string UserId, string UserName, DossierEventKind Kind, string Details);

/// <summary>
/// One appraisal step on one criterion. <see cref="Round"/> is 1 for the first submission and
/// grows with each resubmission of that criterion; <see cref="SentToAppraisalAt"/> is when the
/// criterion reached the department, so <see cref="Took"/> is how long the department needed.
/// </summary>
public sealed record CriterionAppraisal(
    int CriterionNumber,
    int Round,
    string Sector,
    AppraisalStep Step,
    string? Comment,
    DateTime SentToAppraisalAt,
    DateTime At,
    string ByUserId,
    string ByUserName
)
{
    public TimeSpan Took => At - SentToAppraisalAt;
}

/// <summary>The appraisal council meeting. <see cref="Favourable"/> follows the votes: more for than against.</summary>
public sealed record CouncilMeeting(DateOnly Date, IReadOnlyList<string> Members, int VotesFor, int VotesAgainst, string Conclusion)
{
    public bool Favourable => VotesFor > VotesAgainst;
}

/// <summary>The recognition decision, e.g. "1234/QĐ-UBND".</summary>
public sealed record RecognitionDecision(string Number, DateOnly Date, string Signer, string Level);

/// <summary>
/// How far one department is on a dossier: its criteria, those still waiting for it, whether it
/// has finished this round, and the longest step it took.
/// </summary>
public sealed record SectorProgress(
    string Sector,
    IReadOnlyList<int> Criteria,
    IReadOnlyList<int> Pending,
    bool Finished,
    TimeSpan? LongestStep
);

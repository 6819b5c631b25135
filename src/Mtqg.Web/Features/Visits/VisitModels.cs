namespace Mtqg.Web.Features.Visits;

/// <summary>kind: gift | money | materials | inKind.</summary>
public sealed record SupportInput(string? Kind, string? Description, decimal? Quantity, string? Unit, long? Value);

/// <summary>responsible: department (with sector) | commune | province.</summary>
public sealed record RecommendationInput(string? Text, string? Responsible, string? Sector, DateOnly? DueDate);

/// <summary>agencyId: only for administrators; an agency account records its own visits.</summary>
public sealed record VisitInput(
    DateOnly? Date,
    int? AgencyId,
    string? CommuneCode,
    List<string>? Participants,
    string? Content,
    string? Findings,
    List<SupportInput>? Support,
    List<string>? Difficulties,
    List<RecommendationInput>? Recommendations
);

public sealed record SupportView(string Kind, string KindName, string Description, decimal? Quantity, string? Unit, long? Value);

public sealed record VisitLine(
    int Id,
    DateOnly Date,
    int AgencyId,
    string AgencyName,
    string CommuneCode,
    string CommuneName,
    string Content,
    int Recommendations,
    int OpenRecommendations,
    long SupportValue
);

public sealed record VisitView(
    int Id,
    DateOnly Date,
    int AgencyId,
    string AgencyName,
    string ProvinceCode,
    string CommuneCode,
    string CommuneName,
    IReadOnlyList<string> Participants,
    string Content,
    string? Findings,
    IReadOnlyList<SupportView> Support,
    long SupportValue,
    IReadOnlyList<string> Difficulties,
    IReadOnlyList<RecommendationLine> Recommendations,
    string? CreatedBy,
    DateTime CreatedAt
);

/// <summary>status: open | inProgress | closed | notApplicable; responsible: department | commune | province.</summary>
public sealed record RecommendationLine(
    int Id,
    int VisitId,
    string Text,
    DateOnly RaisedOn,
    string RaisedBy,
    int AgencyId,
    string ProvinceCode,
    string CommuneCode,
    string CommuneName,
    string Responsible,
    string? Sector,
    string ResponsibleName,
    DateOnly? DueDate,
    string Status,
    string StatusName,
    bool IsOverdue,
    int DaysOpen,
    string? Response,
    DateTime? RespondedAt,
    string? ClosedBy,
    DateTime? ClosedAt,
    string? RejectionReason
);

public sealed record RecommendationEventView(
    DateTime AtUtc,
    string Actor,
    string Action,
    string ActionName,
    string From,
    string To,
    string? Text
);

public sealed record RecommendationView(
    RecommendationLine Recommendation,
    IReadOnlyList<RecommendationEventView> History,
    bool CanAnswer,
    bool CanReopen
);

public sealed record AnswerInput(string? Text);

/// <summary>RaisedFrom–RaisedTo: the recommendations raised in a period (a report's).</summary>
public sealed record RecommendationFilter(
    string? Province,
    string? Commune,
    int? Agency,
    bool OpenOnly = true,
    DateOnly? RaisedFrom = null,
    DateOnly? RaisedTo = null
);

using Mtqg.Web.Features.Recognition.Dossiers;
using Mtqg.Web.Features.Scorecards;

namespace Mtqg.Web.Features.Recognition;

public sealed record CreateDossierRequest(string? Commune, int? Year, string? Set, string? Level);

/// <summary>What the commune edits while the dossier is a draft (or sent back, for the note). Absent fields stay as they are.</summary>
public sealed record UpdateDossierRequest(
    decimal? ResidentSatisfaction,
    bool? NoConstructionDebtDeclared,
    string? Note,
    string? Version,
    IReadOnlyList<ConditionDeclaration>? Conditions = null
);

public sealed record AppraiseRequest(string? Result, string? Comment);

public sealed record SendBackRequest(string? Reason);

public sealed record CouncilRequest(DateOnly? Date, IReadOnlyList<string>? Members, int? VotesFor, int? VotesAgainst, string? Conclusion);

/// <summary>A recognition decision covering one or more dossiers (a batch, e.g. "Đợt 2 năm 2023").</summary>
public sealed record DecisionRequest(
    string? Number,
    DateOnly? Date,
    string? Signer,
    string? Level,
    string? Batch,
    IReadOnlyList<int>? Dossiers
);

/// <summary>A revocation decision ending the titles of one or more communes.</summary>
public sealed record RevocationRequest(
    string? Number,
    DateOnly? Date,
    string? Signer,
    string? Batch,
    IReadOnlyList<int>? Titles,
    string? Reason
);

public sealed record DossierDto(
    int Id,
    UnitRef Commune,
    string Province,
    int Year,
    string Set,
    string Level,
    string Status,
    string StatusLabel,
    decimal? ResidentSatisfaction,
    decimal? RequiredSatisfaction,
    bool NoConstructionDebtDeclared,
    string? Note,
    string CreatedBy,
    DateTime CreatedAt,
    string? SubmittedBy,
    DateTime? SubmittedAt,
    CouncilDto? Council,
    DecisionRefDto? Decision,
    IReadOnlyList<DossierCriterionDto> Criteria,
    IReadOnlyList<SectorProgressDto> Sectors,
    IReadOnlyList<TimelineDto> Timeline,
    IReadOnlyList<EvidenceDto> Evidence,
    string Version,
    IReadOnlyList<DossierConditionDto> Conditions
);

/// <summary>
/// A condition of the dossier's level beyond thresholds (kiểu mẫu, 319/QĐ-TTg): judged <c>title</c> (from the titles held) or
/// <c>declared</c> (the commune's declaration, judged by the coordination office); <c>met</c> null = not judged yet.
/// </summary>
public sealed record DossierConditionDto(
    string Code,
    string Text,
    string Judged,
    string? HeldLevel,
    string? Evidence,
    string? Document,
    bool? Met,
    string? JudgeNote,
    string? JudgedBy,
    DateTime? JudgedAt
);

public sealed record DossierCriterionDto(
    int Number,
    string Code,
    string Name,
    string? Sector,
    string Status,
    string State,
    string StateLabel,
    int Round,
    IReadOnlyList<DossierIndicatorDto> Indicators,
    IReadOnlyList<AppraisalDto> Appraisals
);

public sealed record DossierIndicatorDto(
    string Code,
    string Name,
    string Type,
    string? Unit,
    object? Value,
    object? Threshold,
    string Rule,
    string Status
);

public sealed record AppraisalDto(
    int Round,
    string Sector,
    string Step,
    string StepLabel,
    string? Comment,
    DateTime SentAt,
    DateTime At,
    string By,
    double Hours
);

public sealed record SectorProgressDto(
    string Sector,
    IReadOnlyList<int> Criteria,
    IReadOnlyList<int> Pending,
    bool Finished,
    double? LongestStepHours
);

public sealed record TimelineDto(DateTime At, string By, string Kind, string Details, double? HoursSincePrevious);

public sealed record EvidenceDto(
    int Id,
    int? Criterion,
    string? Indicator,
    string FileName,
    string ContentType,
    long Length,
    string UploadedBy,
    DateTime UploadedAt
);

public sealed record CouncilDto(DateOnly Date, IReadOnlyList<string> Members, int VotesFor, int VotesAgainst, string Conclusion);

public sealed record DecisionRefDto(int Id, string Number, DateOnly Date, string Signer, string? Batch);

public sealed record DossierListItem(
    int Id,
    UnitRef Commune,
    string Province,
    int Year,
    string Set,
    string Level,
    string Status,
    string StatusLabel,
    DateTime CreatedAt,
    DateTime? SubmittedAt,
    DateTime UpdatedAt,
    int Criteria,
    int CriteriaAppraised,
    int CriteriaPending,
    int CriteriaSentBack,
    IReadOnlyList<SectorProgressDto> Sectors,
    string? DecisionNumber
);

public sealed record DecisionDto(
    int Id,
    string Province,
    string Kind,
    string Number,
    DateOnly Date,
    string Signer,
    string Level,
    int Year,
    string? Batch,
    bool HasPdf,
    IReadOnlyList<UnitRef> Communes,
    string RecordedBy,
    DateTime RecordedAt
);

/// <summary>One criterion waiting for a department: the appraiser queue.</summary>
public sealed record QueueItem(
    int DossierId,
    UnitRef Commune,
    int Year,
    string Level,
    int Criterion,
    string CriterionName,
    string Sector,
    int Round,
    DateTime Since
);

/// <summary>Recognised communes by decision, per level, year and batch (dashboards).</summary>
public sealed record RecognitionCount(string Level, int Year, string? Batch, int Communes);

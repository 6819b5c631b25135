namespace Mtqg.Domain.Recognition;

/// <summary>Where one criterion of a dossier stands in appraisal: its state, the round it is in and when it last reached its department.</summary>
public sealed record CriterionProgress(int Number, CriterionAppraisalState State, int Round, DateTime? SentToAppraisalAt);

/// <summary>
/// Everything a <see cref="Dossier"/> holds, as plain data: what persistence stores and gives back to
/// <see cref="Dossier.Restore"/>. A restored dossier behaves exactly as the one that was taken.
/// </summary>
public sealed record DossierSnapshot(
    string CommuneCode,
    int Year,
    string SetCode,
    string LevelCode,
    Actor CreatedBy,
    DateTime CreatedAt,
    decimal? RequiredSatisfaction,
    DossierStatus Status,
    decimal? ResidentSatisfaction,
    bool NoConstructionDebtDeclared,
    string? Note,
    Actor? SubmittedBy,
    DateTime? SubmittedAt,
    CouncilMeeting? Council,
    RecognitionDecision? Decision,
    IReadOnlyList<DossierCriterion> Criteria,
    IReadOnlyList<CriterionProgress> Progress,
    IReadOnlyList<CriterionAppraisal> Appraisals,
    IReadOnlyList<TimelineEvent> Timeline
);

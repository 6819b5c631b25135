using Mtqg.Domain.Criteria;

namespace Mtqg.Domain.Evaluation;

/// <summary>
/// A criteria set as the engine sees it (DESIGN §6), built by the caller from the database.
/// The engine compiles each instance once and reuses it, so treat it and its lists as immutable.
/// </summary>
public sealed record EvaluationSet(
    IReadOnlyList<EvaluationLevel> Levels,
    IReadOnlyList<EvaluationBand> Bands,
    IReadOnlyList<EvaluationCriterion> Criteria
);

/// <summary>
/// A level as the engine sees it. <see cref="ThresholdsOf"/>: the level whose rows it is judged on (kiểu mẫu on NTM nâng cao);
/// <see cref="HasConditions"/>: it asks conditions beyond thresholds, judged in a dossier, so values alone never reach it.
/// </summary>
public sealed record EvaluationLevel(string Code, string Name, int Rank, string? ThresholdsOf = null, bool HasConditions = false);

/// <summary>A reporting band; bands are tried in the set's order.</summary>
public sealed record EvaluationBand(string Name, int MinCriteriaMet);

public sealed record EvaluationCriterion(int Number, string Code, string Name, IReadOnlyList<EvaluationIndicator> Indicators);

public sealed record EvaluationIndicator(
    string Code,
    string Name,
    IndicatorType Type,
    Rule Rule,
    string? Unit,
    IReadOnlyList<EvaluationThreshold> Thresholds
);

/// <summary>
/// One threshold row. <see cref="Value"/> null = the official threshold is unknown; for a boolean
/// indicator a known threshold is 1 ("must be true").
/// </summary>
public sealed record EvaluationThreshold(string Level, string? Group, int? Year, decimal? Value);

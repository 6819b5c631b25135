namespace Mtqg.Web.Features.Scorecards;

public sealed record UnitRef(string Code, string Name);

/// <summary>The scorecard JSON of DESIGN §6; values and thresholds of boolean indicators are true/false.</summary>
public sealed record ScorecardDto(
    UnitRef Commune,
    int Year,
    string Set,
    string? Group,
    string Level,
    int CriteriaMet,
    int CriteriaTotal,
    string? Band,
    IReadOnlyList<string> Reached,
    IReadOnlyList<ScorecardCriterionDto> Criteria
)
{
    /// <summary>The version of the commune-year's values this card was computed from (the API's ETag; send it back as If-Match).</summary>
    public string? Version { get; init; }
}

public sealed record ScorecardCriterionDto(
    int Number,
    string Code,
    string Name,
    string Status,
    IReadOnlyList<ScorecardIndicatorDto> Indicators
);

/// <summary>
/// One indicator of a scorecard. <c>Source</c>: where the value comes from when the commune does not type it
/// ("poverty.rate", "poverty.nearRate": the approved poverty result of the commune-year); <c>SourceNote</c>: which record
/// it is, e.g. "Tỷ lệ hộ nghèo đã phê duyệt ngày 05/03/2025" (null while there is none).
/// </summary>
public sealed record ScorecardIndicatorDto(
    string Code,
    string Name,
    string Type,
    string? Unit,
    object? Value,
    object? Threshold,
    string Rule,
    string Status,
    string? Explanation,
    string? Source = null,
    string? SourceNote = null
);

public sealed record LevelCount(string Code, string Name, int Communes);

public sealed record BandCount(string Name, int MinCriteriaMet, int Communes);

public sealed record CriterionCount(int Number, string Code, string Name, int CommunesMet, int CommunesApplicable);

public sealed record CommuneResult(
    string Code,
    string Name,
    string? Group,
    int CriteriaMet,
    int CriteriaTotal,
    string? Band,
    IReadOnlyList<string> Reached,
    int ValuesEntered,
    IReadOnlyList<string> CriteriaNotMet
);

/// <summary>A province-year at a glance: computed from the values as they are now, never from a stored rebuild.</summary>
public sealed record ProvinceSummaryDto(
    UnitRef Province,
    int Year,
    string Set,
    string Level,
    int CommunesEvaluated,
    int CommunesWithData,
    IReadOnlyList<LevelCount> Levels,
    IReadOnlyList<BandCount> Bands,
    IReadOnlyList<CriterionCount> Criteria,
    IReadOnlyList<CommuneResult> Closest,
    IReadOnlyList<CommuneResult> Communes
);

public sealed record ProvinceLine(
    string Code,
    string Name,
    int CommunesEvaluated,
    int CommunesWithData,
    IReadOnlyList<LevelCount> Levels,
    IReadOnlyList<BandCount> Bands,
    double AverageCriteriaMet
);

public sealed record NationalSummaryDto(int Year, string Set, IReadOnlyList<ProvinceLine> Provinces);

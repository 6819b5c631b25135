namespace Mtqg.Domain.Criteria;

/// <summary>
/// A criteria set in the interchange format of DESIGN §6. Optional fields beyond §6 keep what the
/// sources say about certainty: <c>nameVerified</c> (false = wording not checked against the official
/// text), <c>note</c> on a threshold row (the official wording when it is not a single number),
/// <c>source</c> and <c>notes</c>.
/// </summary>
public sealed record CriteriaSetDocument
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? LegalBasis { get; init; }
    public int? ValidFrom { get; init; }
    public int? ValidTo { get; init; }
    public string? Status { get; init; }
    public bool IsDemo { get; init; }
    public string? Source { get; init; }
    public string? Notes { get; init; }

    /// <summary>The province (code of a province of today) whose set this is; null = a national set (DESIGN §9).</summary>
    public string? Province { get; init; }

    /// <summary>The code of the national set a province set details (its floor: every criterion number of it is kept).</summary>
    public string? Details { get; init; }
    public List<LevelDocument>? Levels { get; init; }
    public List<GroupDocument>? Groups { get; init; }
    public List<BandDocument>? Bands { get; init; }
    public List<CriterionDocument>? Criteria { get; init; }

    /// <summary>
    /// The revocation rule in the shape written before DESIGN §9 (<c>revocation {lowerShare, upperShare, protectedCriteria}</c>
    /// at the top): still read, never written — <see cref="RevocationRule"/> is the rule whichever shape carried it.
    /// </summary>
    public LegacyRevocationDocument? Revocation { get; init; }

    /// <summary>What recognition asks beyond the criteria, and when a title is revoked (optional; absent = not given by the source).</summary>
    public RecognitionDocument? Recognition { get; init; }

    /// <summary>The revocation rule, from <c>recognition.revocation</c> or else the old top-level <c>revocation</c>.</summary>
    public RevocationDocument? RevocationRule() =>
        Recognition?.Revocation
        ?? (Revocation is { } old ? new RevocationDocument(old.LowerShare, old.UpperShare, old.ProtectedCriteria) : null);

    /// <summary>The field path of the revocation rule as the document wrote it (for messages).</summary>
    public string RevocationPath => Recognition?.Revocation is null && Revocation is not null ? "revocation" : "recognition.revocation";
}

/// <summary>
/// Conditions of recognition beyond the criteria: the share of residents satisfied (percent) a commune's
/// dossier must show (null where the source does not give it: any rate entered is then accepted), and the
/// revocation rule.
/// </summary>
public sealed record RecognitionDocument(decimal? RequiredSatisfaction, RevocationDocument? Revocation = null);

/// <summary>
/// The revocation rule of a set (QĐ 18/2022 for 2021–2025: 0.30, 0.50 and the criteria of income,
/// environment and food safety, living environment, defence and security): revoked when the share of
/// criteria no longer met reaches <c>failingShareFrom</c> and one of them is protected, or reaches <c>failingShareTo</c>.
/// </summary>
public sealed record RevocationDocument(decimal? FailingShareFrom, decimal? FailingShareTo, List<int>? ProtectedCriteria);

/// <summary>The revocation rule as written at the top of a document before DESIGN §9 (read only).</summary>
public sealed record LegacyRevocationDocument(decimal? LowerShare, decimal? UpperShare, List<int>? ProtectedCriteria);

/// <summary>
/// A recognition level. <c>pilot</c>: a level a set carries as a pilot (the "NTM hiện đại" of 51/2025). <c>thresholdsOf</c>:
/// the level whose threshold rows this one uses (kiểu mẫu is judged on the NTM nâng cao thresholds, 319/QĐ-TTg), so it carries
/// no rows of its own. <c>conditions</c>: what the level asks beyond thresholds (DESIGN §9, the ladder).
/// </summary>
public sealed record LevelDocument(
    string? Code,
    string? Name,
    int? Rank,
    bool Pilot = false,
    string? ThresholdsOf = null,
    List<LevelConditionDocument>? Conditions = null
);

/// <summary>
/// A condition of a level that is not a threshold: <c>judged</c> = <c>title</c> (read from the titles the commune holds:
/// it must hold <c>level</c>) or <c>declared</c> (the commune declares it with evidence, the coordination office judges it).
/// </summary>
public sealed record LevelConditionDocument(string? Code, string? Text, string? Judged, string? Level = null);

public sealed record GroupDocument(string? Code, string? Name, string? Description = null);

public sealed record BandDocument(string? Name, int? MinCriteriaMet);

public sealed record CriterionDocument
{
    public int? Number { get; init; }
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Heading { get; init; }
    public string? ResponsibleSector { get; init; }
    public bool NameVerified { get; init; } = true;
    public List<IndicatorDocument>? Indicators { get; init; }
}

public sealed record IndicatorDocument
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Type { get; init; }
    public string? Unit { get; init; }
    public string? Rule { get; init; }
    public bool NameVerified { get; init; } = true;
    public string? Notes { get; init; }

    /// <summary>Where the value comes from (<see cref="IndicatorSources"/>: "poverty.rate", "poverty.nearRate"); null = typed by the commune.</summary>
    public string? Source { get; init; }
    public List<ThresholdDocument>? Thresholds { get; init; }
}

public sealed record ThresholdDocument
{
    public string? Level { get; init; }
    public string? Group { get; init; }
    public int? Year { get; init; }

    /// <summary>A number, <c>true</c> (for <c>achieved</c>), or null: the official threshold is unknown.</summary>
    public ThresholdValue? Value { get; init; }
    public string? Note { get; init; }
}

/// <summary>What a threshold's <c>value</c> held in JSON: a number, a boolean, or something else (kept to be reported).</summary>
public readonly record struct ThresholdValue(decimal? Number, bool? Flag, string? Invalid)
{
    public static ThresholdValue Of(decimal number) => new(number, null, null);

    public static ThresholdValue Of(bool flag) => new(null, flag, null);

    public static ThresholdValue Bad(string raw) => new(null, null, raw);
}

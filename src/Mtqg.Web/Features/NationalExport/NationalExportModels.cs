namespace Mtqg.Web.Features.NationalExport;

/// <summary>
/// One province-year for the national MTQG database (DESIGN §13, issue 16 item 4): a schema of our own
/// (<c>docs/national-export.schema.json</c>, <see cref="NationalExportService.SchemaVersion"/>) until the Ministry of
/// Finance publishes the fields of Decision 25/2025/QĐ-TTg; official unit codes and the set's criterion and indicator codes.
/// </summary>
public sealed record NationalExportDocument(
    string SchemaVersion,
    ExportProvince Province,
    int Year,
    DateTime GeneratedAt,
    IReadOnlyList<ExportClosedPart> ClosedParts,
    ExportCriteriaSet CriteriaSet,
    IReadOnlyList<ExportCommune> Communes,
    IReadOnlyList<ExportProgramme> Programmes,
    IReadOnlyList<ExportProject> Projects
);

public sealed record ExportProvince(string Code, string Name);

/// <summary>A part of the province-year closed when the export was made (values, poverty, money).</summary>
public sealed record ExportClosedPart(string Part, DateTime ClosedAt, string ClosedBy);

public sealed record ExportCriteriaSet(string Code, string Name, string Level, IReadOnlyList<ExportCriterion> Criteria);

public sealed record ExportCriterion(string Code, string Name, IReadOnlyList<string> Indicators);

/// <summary>
/// A rural commune evaluated that year: its result against the set, its titles in force at the year's end, its approved
/// poverty review (null until approved), its people's contributions (null when none entered) and its typed values by
/// indicator code.
/// </summary>
public sealed record ExportCommune(
    string Code,
    string Name,
    string Kind,
    string? Group,
    int CriteriaMet,
    int CriteriaTotal,
    IReadOnlyList<string> CriteriaNotMet,
    IReadOnlyList<string> LevelsReached,
    IReadOnlyList<ExportTitle> Titles,
    ExportPoverty? Poverty,
    ExportContributions? Contributions,
    IReadOnlyDictionary<string, decimal> Values
);

public sealed record ExportTitle(string Set, string Level, DateOnly Since, string Decision);

public sealed record ExportPoverty(string Standard, int Households, int Poor, int NearPoor, decimal? PovertyRate, decimal? NearPovertyRate);

public sealed record ExportContributions(long Cash, long LandSquareMetres, long Workdays, long InKind);

/// <summary>A programme's allocation and disbursement in the year (whole đồng), by source.</summary>
public sealed record ExportProgramme(string Code, string Name, long Allocated, long Disbursed, IReadOnlyList<ExportSourceAmount> BySource);

public sealed record ExportSourceAmount(string Source, long Allocated, long Disbursed);

/// <summary>A project running in the year: its allocation and disbursement (whole đồng), the last month entered.</summary>
public sealed record ExportProject(int Id, string Name, long Allocated, long Disbursed, int? LastMonth);

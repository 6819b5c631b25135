namespace Mtqg.Web.Features.Money.Communes;

/// <summary>PUT /api/v1/communes/{code}/years/{year}/contributions: cash and in kind in whole đồng, land in whole m², workdays.</summary>
public sealed record ContributionsInput(long? Cash, long? LandSquareMetres, long? Workdays, long? InKind);

public sealed record ContributionsView(
    string CommuneCode,
    int Year,
    long Cash,
    long LandSquareMetres,
    long Workdays,
    long InKind,
    DateTime UpdatedAt,
    string? UpdatedBy
);

/// <summary>PUT /api/v1/communes/{code}/years/{year}/construction-debt: the outstanding construction debt in whole đồng.</summary>
public sealed record ConstructionDebtInput(long? Amount);

public sealed record ConstructionDebtView(string CommuneCode, int Year, long Amount, DateTime UpdatedAt, string? UpdatedBy);

/// <summary>A project serving the commune (or invested by it) with the year's allocation and disbursement, in whole đồng.</summary>
public sealed record CommuneProjectLine(
    int Id,
    string Name,
    string Kind,
    string Programme,
    bool Investor,
    long Allocated,
    long Disbursed,
    decimal? Rate
);

/// <summary>The commune page's money section for a year: projects, contributions and debt, and whether the account may write.</summary>
public sealed record CommuneMoneyView(
    string CommuneCode,
    string CommuneName,
    string ProvinceCode,
    int Year,
    IReadOnlyList<CommuneProjectLine> Projects,
    long Allocated,
    long Disbursed,
    decimal? Rate,
    ContributionsView? Contributions,
    ConstructionDebtView? Debt,
    bool CanWrite
);

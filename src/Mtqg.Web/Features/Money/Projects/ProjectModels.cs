namespace Mtqg.Web.Features.Money.Projects;

/// <summary>An amount of a source of funds, in whole đồng.</summary>
public sealed record SourceAmountInput(string? Source, long? Amount);

public sealed record SourceAmount(string Source, long Amount);

/// <summary>The investor: a department of the province's registry, or a commune of the province (one of the two).</summary>
public sealed record InvestorInput(string? DepartmentCode, string? CommuneCode);

public sealed record BeneficiariesInput(int? Households, int? Poor, int? NearPoor, int? EthnicMinority, int? EscapedPoverty);

/// <summary>POST /api/v1/projects and PUT /api/v1/projects/{id} (the province is kept on a PUT).</summary>
public sealed record ProjectInput(
    string? ProvinceCode,
    string? Name,
    string? Kind,
    string? Programme,
    string? Component,
    InvestorInput? Investor,
    List<string?>? Communes,
    int? StartYear,
    int? EndYear,
    long? ApprovedTotal,
    List<SourceAmountInput?>? Sources,
    BeneficiariesInput? Beneficiaries,
    List<int>? Criteria
);

public sealed record InvestorView(string? DepartmentCode, string? CommuneCode, string Name);

public sealed record MonthDisbursed(int Month, IReadOnlyList<SourceAmount> Disbursed);

public sealed record ProjectYearView(int Year, IReadOnlyList<SourceAmount> Allocated, IReadOnlyList<MonthDisbursed> Months);

public sealed record CorrectionView(int Year, int Month, string Source, long Before, long After, string Reason, string By, DateTime At);

public sealed record ProjectView(
    int Id,
    string ProvinceCode,
    string Name,
    string Kind,
    string Programme,
    string? Component,
    InvestorView Investor,
    IReadOnlyList<string> Communes,
    int StartYear,
    int EndYear,
    long ApprovedTotal,
    IReadOnlyList<SourceAmount> Sources,
    BeneficiariesInput? Beneficiaries,
    IReadOnlyList<int> Criteria,
    string Version,
    IReadOnlyList<ProjectYearView> Years,
    IReadOnlyList<CorrectionView> Corrections
);

public sealed record ProjectListItem(
    int Id,
    string ProvinceCode,
    string Name,
    string Kind,
    string Programme,
    string? InvestorDepartmentCode,
    string? InvestorCommuneCode,
    int StartYear,
    int EndYear,
    long ApprovedTotal
);

public sealed record ProjectPage(IReadOnlyList<ProjectListItem> Items, int Total, int Page, int PageSize);

/// <summary>PUT /api/v1/projects/{id}/years/{year}: the year's allocation by source (replaces the year's).</summary>
public sealed record AllocationInput(List<SourceAmountInput?>? Allocated);

/// <summary>PUT /api/v1/projects/{id}/disbursements/{yyyy-MM}: cumulative from 1 January by source; a reason when a figure goes down.</summary>
public sealed record DisbursementInput(List<SourceAmountInput?>? Disbursed, string? Correction);

public static class ProjectKinds
{
    public const string Investment = "investment",
        ProductionSupport = "production-support",
        Other = "other";

    public static IReadOnlyList<(string Code, string Label)> All { get; } =
    [(Investment, "Đầu tư xây dựng"), (ProductionSupport, "Hỗ trợ phát triển sản xuất"), (Other, "Chi khác")];

    public static bool IsKnown(string? code) => All.Any(k => k.Code == code);

    public static string Label(string code) => All.FirstOrDefault(k => k.Code == code).Label ?? code;
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;

namespace Mtqg.Data.Money;

/// <summary>
/// A project of a province (DESIGN §11): investment works, a production-support project or other spending under a
/// programme (and component); its investor (a department of the registry or a commune), communes, years, approved total
/// by source, beneficiaries and the criteria it serves. Amounts in whole đồng.
/// </summary>
public sealed class Project : IAudited
{
    public int Id { get; set; }
    public required string ProvinceCode { get; set; }

    [Display(Name = "Tên dự án")]
    public required string Name { get; set; }

    /// <summary>investment, production-support or other.</summary>
    public required string Kind { get; set; }
    public required string ProgrammeCode { get; set; }
    public string? ComponentCode { get; set; }

    /// <summary>The investor when it is a department of the province's registry (decision 0020).</summary>
    public string? InvestorDepartmentCode { get; set; }

    /// <summary>The investor when it is a commune.</summary>
    public string? InvestorCommuneCode { get; set; }

    /// <summary>The communes the project serves, comma separated in the order given.</summary>
    public string CommuneCodes { get; set; } = "";
    public int StartYear { get; set; }
    public int EndYear { get; set; }
    public long ApprovedTotal { get; set; }

    /// <summary>The approved total by source: "central-investment=5000000000;local=100000000" (whole đồng).</summary>
    public string ApprovedSources { get; set; } = "";
    public int? Households { get; set; }
    public int? Poor { get; set; }
    public int? NearPoor { get; set; }
    public int? EthnicMinority { get; set; }
    public int? EscapedPoverty { get; set; }

    /// <summary>The numbers of the criteria the project serves, comma separated.</summary>
    public string Criteria { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Name), "Tên dự án"),
                (nameof(ProvinceCode), "Tỉnh"),
                (nameof(Kind), "Loại"),
                (nameof(ProgrammeCode), "Chương trình"),
                (nameof(ComponentCode), "Nội dung thành phần"),
                (nameof(InvestorDepartmentCode), "Chủ đầu tư (sở, ngành)"),
                (nameof(InvestorCommuneCode), "Chủ đầu tư (xã)"),
                (nameof(CommuneCodes), "Các xã (mã)"),
                (nameof(StartYear), "Năm bắt đầu"),
                (nameof(EndYear), "Năm kết thúc"),
                (nameof(ApprovedTotal), "Tổng mức được duyệt (đồng)"),
                (nameof(ApprovedSources), "Theo nguồn (đồng)"),
                (nameof(Households), "Số hộ hưởng lợi"),
                (nameof(Poor), "Hộ nghèo"),
                (nameof(NearPoor), "Hộ cận nghèo"),
                (nameof(EthnicMinority), "Hộ dân tộc thiểu số"),
                (nameof(EscapedPoverty), "Hộ thoát nghèo"),
                (nameof(Criteria), "Tiêu chí phục vụ"),
            ],
            nameof(UpdatedAt),
            nameof(UpdatedBy)
        );

    public AuditInfo AuditInfo() => new(ProvinceCode, Name);
}

/// <summary>The allocation (vốn được giao) of a project for a year from a source, in whole đồng.</summary>
public sealed class ProjectAllocation : IAudited
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project Project { get; set; } = null!;
    public int Year { get; set; }
    public required string Source { get; set; }
    public long Amount { get; set; }

    public static AuditFields AuditFields { get; } =
        new([(nameof(Year), "Năm"), (nameof(Source), "Nguồn vốn"), (nameof(Amount), "Vốn giao (đồng)")], nameof(ProjectId));

    public AuditInfo AuditInfo() =>
        new(Project?.ProvinceCode, $"Dự án {Project?.Name ?? ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture)}", Year);
}

/// <summary>
/// The disbursement of a project from a source, cumulative from 1 January to the end of <see cref="Month"/> of
/// <see cref="Year"/>; <see cref="Increment"/> is what it adds to the month entered before it (0 for the first), kept so
/// that the year's disbursement and the monthly curve are plain sums.
/// </summary>
public sealed class ProjectDisbursement : IAudited
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project Project { get; set; } = null!;
    public int Year { get; set; }
    public int Month { get; set; }
    public required string Source { get; set; }
    public long Cumulative { get; set; }
    public long Increment { get; set; }
    public string? ByName { get; set; }
    public DateTime At { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Year), "Năm"),
                (nameof(Month), "Tháng"),
                (nameof(Source), "Nguồn vốn"),
                (nameof(Cumulative), "Lũy kế giải ngân (đồng)"),
            ],
            nameof(ProjectId),
            nameof(Increment),
            nameof(ByName),
            nameof(At)
        );

    public AuditInfo AuditInfo() =>
        new(Project?.ProvinceCode, $"Dự án {Project?.Name ?? ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture)}", Year);
}

/// <summary>A cumulative disbursement lowered with a reason: who, when, from what to what and why. Never changed.</summary>
public sealed class DisbursementCorrection
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public required string Source { get; set; }
    public long Before { get; set; }
    public long After { get; set; }
    public required string Reason { get; set; }
    public required string ByName { get; set; }
    public DateTime At { get; set; }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> project)
    {
        project.Property(p => p.ProvinceCode).HasMaxLength(10);
        project.Property(p => p.Name).HasMaxLength(400);
        project.Property(p => p.Kind).HasMaxLength(30);
        project.Property(p => p.ProgrammeCode).HasMaxLength(40);
        project.Property(p => p.ComponentCode).HasMaxLength(20);
        project.Property(p => p.InvestorDepartmentCode).HasMaxLength(20);
        project.Property(p => p.InvestorCommuneCode).HasMaxLength(10);
        project.Property(p => p.CommuneCodes).HasMaxLength(4000);
        project.Property(p => p.ApprovedSources).HasMaxLength(1000);
        project.Property(p => p.Criteria).HasMaxLength(400);
        project.Property(p => p.UpdatedBy).HasMaxLength(256);
        project.Property(p => p.UpdatedAt).IsConcurrencyToken(); // the version a correction is made from (Web/Data/EditVersion)
        project.HasIndex(p => new { p.ProvinceCode, p.ProgrammeCode });
        project.HasIndex(p => p.InvestorCommuneCode);
    }
}

internal sealed class ProjectAllocationConfiguration : IEntityTypeConfiguration<ProjectAllocation>
{
    public void Configure(EntityTypeBuilder<ProjectAllocation> allocation)
    {
        allocation.Property(a => a.Source).HasMaxLength(40);
        allocation.HasOne(a => a.Project).WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
        allocation
            .HasIndex(a => new
            {
                a.ProjectId,
                a.Year,
                a.Source,
            })
            .IsUnique();
        // Covering for the summaries: a year's allocations per project without reading the rows, and no
        // index on the year alone, which SQLite (no statistics) took for selective and walked for a single province.
        allocation.HasIndex(a => new
        {
            a.Year,
            a.ProjectId,
            a.Source,
            a.Amount,
        });
    }
}

internal sealed class ProjectDisbursementConfiguration : IEntityTypeConfiguration<ProjectDisbursement>
{
    public void Configure(EntityTypeBuilder<ProjectDisbursement> disbursement)
    {
        disbursement.Property(d => d.Source).HasMaxLength(40);
        disbursement.Property(d => d.ByName).HasMaxLength(200);
        disbursement.HasOne(d => d.Project).WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        disbursement
            .HasIndex(d => new
            {
                d.ProjectId,
                d.Year,
                d.Source,
                d.Month,
            })
            .IsUnique();
        // Covering for the summaries: per project and source, per month, and the nation's year per project.
        disbursement.HasIndex(d => new
        {
            d.Year,
            d.ProjectId,
            d.Source,
            d.Month,
            d.Increment,
        });
    }
}

internal sealed class DisbursementCorrectionConfiguration : IEntityTypeConfiguration<DisbursementCorrection>
{
    public void Configure(EntityTypeBuilder<DisbursementCorrection> correction)
    {
        correction.Property(c => c.Source).HasMaxLength(40);
        correction.Property(c => c.Reason).HasMaxLength(1000);
        correction.Property(c => c.ByName).HasMaxLength(200);
        correction.HasIndex(c => new { c.ProjectId, c.Year });
    }
}

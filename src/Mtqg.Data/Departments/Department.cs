using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;

namespace Mtqg.Data.Departments;

/// <summary>
/// A department (sở, ngành) of a province's People's Committee, dated: the appraising department of a criterion, an
/// appraiser's department and a recommendation's addressee name its <see cref="Code"/> (decision 0020). Codes are short
/// ASCII and uniform across provinces (SXD, SNNMT …) so a national criteria set can name them; a department closed by a
/// merger names its <see cref="SuccessorCode"/>, which receives its pending work.
/// </summary>
public sealed class Department : IAudited
{
    public int Id { get; set; }
    public required string ProvinceCode { get; set; }

    [Display(Name = "Mã sở, ngành")]
    public required string Code { get; set; }

    [Display(Name = "Tên sở, ngành")]
    public required string Name { get; set; }

    /// <summary>The name folded for matching a typed name (see VietnameseText.Fold).</summary>
    public required string NameKey { get; set; }

    /// <summary>First day in force; null when the sources do not say (departments that existed before the 2025 reorganisation).</summary>
    public DateOnly? ValidFrom { get; set; }

    /// <summary>Last day in force; null while in force.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>The department that took over its work when it closed (a merger); null while in force or when none did.</summary>
    public string? SuccessorCode { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Code), "Mã"),
                (nameof(Name), "Tên"),
                (nameof(ProvinceCode), "Tỉnh"),
                (nameof(ValidFrom), "Hiệu lực từ"),
                (nameof(ValidTo), "Hiệu lực đến"),
                (nameof(SuccessorCode), "Sở kế thừa"),
            ],
            nameof(NameKey)
        );

    public AuditInfo AuditInfo() => new(ProvinceCode, $"Sở, ngành {Code}");

    public bool InForceOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || ValidTo >= day);
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> department)
    {
        department.Property(d => d.ProvinceCode).HasMaxLength(10);
        department.Property(d => d.Code).HasMaxLength(20);
        department.Property(d => d.Name).HasMaxLength(200);
        department.Property(d => d.NameKey).HasMaxLength(200);
        department.Property(d => d.SuccessorCode).HasMaxLength(20);
        department.HasIndex(d => new { d.ProvinceCode, d.Code }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;

namespace Mtqg.Data.Money;

/// <summary>
/// People's contributions and mobilised resources of a commune in a year (DESIGN §11, issue 14 item 5): cash and in-kind
/// value in whole đồng (decision 0023), land donated in whole square metres, workdays. The commune is the code in force
/// in that year (decisions 0004, 0021); <see cref="ProvinceCode"/> is the province of today, for the audit trail.
/// </summary>
public sealed class CommuneContribution : IAudited
{
    public int Id { get; set; }
    public required string CommuneCode { get; set; }
    public int Year { get; set; }
    public required string ProvinceCode { get; set; }
    public long Cash { get; set; }
    public long LandSquareMetres { get; set; }
    public long Workdays { get; set; }
    public long InKind { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Cash), "Tiền mặt (đồng)"),
                (nameof(LandSquareMetres), "Đất hiến (m²)"),
                (nameof(Workdays), "Ngày công"),
                (nameof(InKind), "Hiện vật (quy đồng)"),
            ],
            nameof(CommuneCode),
            nameof(Year),
            nameof(ProvinceCode),
            nameof(UpdatedAt),
            nameof(UpdatedBy)
        );

    public AuditInfo AuditInfo() => new(CommuneCode, "Đóng góp của người dân", Year);
}

/// <summary>
/// The outstanding construction debt (nợ đọng xây dựng cơ bản) of a commune at a year, in whole đồng; where it exists the
/// recognition dossier's "no outstanding construction debt" condition is read from it (DESIGN §11).
/// </summary>
public sealed class ConstructionDebt : IAudited
{
    public int Id { get; set; }
    public required string CommuneCode { get; set; }
    public int Year { get; set; }
    public required string ProvinceCode { get; set; }
    public long Amount { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [(nameof(Amount), "Nợ đọng XDCB (đồng)")],
            nameof(CommuneCode),
            nameof(Year),
            nameof(ProvinceCode),
            nameof(UpdatedAt),
            nameof(UpdatedBy)
        );

    public AuditInfo AuditInfo() => new(CommuneCode, "Nợ đọng xây dựng cơ bản", Year);
}

internal sealed class CommuneContributionConfiguration : IEntityTypeConfiguration<CommuneContribution>
{
    public void Configure(EntityTypeBuilder<CommuneContribution> contribution)
    {
        contribution.Property(c => c.CommuneCode).HasMaxLength(10);
        contribution.Property(c => c.ProvinceCode).HasMaxLength(10);
        contribution.Property(c => c.UpdatedBy).HasMaxLength(256);
        contribution.HasIndex(c => new { c.CommuneCode, c.Year }).IsUnique();
    }
}

internal sealed class ConstructionDebtConfiguration : IEntityTypeConfiguration<ConstructionDebt>
{
    public void Configure(EntityTypeBuilder<ConstructionDebt> debt)
    {
        debt.Property(d => d.CommuneCode).HasMaxLength(10);
        debt.Property(d => d.ProvinceCode).HasMaxLength(10);
        debt.Property(d => d.UpdatedBy).HasMaxLength(256);
        debt.HasIndex(d => new { d.CommuneCode, d.Year }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Domain.Units;

namespace Mtqg.Data.Units;

/// <summary>
/// An administrative unit is its code <em>and</em> its validity period: codes were reused by the
/// 2025 reform (00004 was Phường Trúc Bạch, then Phường Ba Đình). Old and new units are joined
/// only through <see cref="UnitSuccession"/>.
/// </summary>
public sealed class AdministrativeUnit
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string FullName { get; set; }
    public string? NameEn { get; set; }
    public UnitLevel Level { get; set; }
    public UnitKind Kind { get; set; }

    /// <summary>Code of the unit directly above (province, or district before the reform), in force at the same time.</summary>
    public string? ParentCode { get; set; }
    public required string ProvinceCode { get; set; }

    /// <summary>First day in force; null when the sources do not say (units of the last pre-reform list).</summary>
    public DateOnly? ValidFrom { get; set; }

    /// <summary>Last day in force; null while in force.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>The name folded for accent-insensitive search (see <see cref="VietnameseText.Fold"/>).</summary>
    public required string SearchName { get; set; }

    /// <summary>Geographic region of a pre-reform province, from the source data.</summary>
    public string? RegionName { get; set; }

    public List<UnitSuccession> Predecessors { get; set; } = [];
    public List<UnitSuccession> Successors { get; set; } = [];
}

public sealed class UnitSuccession
{
    public int Id { get; set; }
    public int PredecessorId { get; set; }
    public AdministrativeUnit Predecessor { get; set; } = null!;
    public int SuccessorId { get; set; }
    public AdministrativeUnit Successor { get; set; } = null!;
    public SuccessionType Type { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public string? LegalBasis { get; set; }
    public string? Confidence { get; set; }
    public string? Note { get; set; }
}

internal sealed class AdministrativeUnitConfiguration : IEntityTypeConfiguration<AdministrativeUnit>
{
    public void Configure(EntityTypeBuilder<AdministrativeUnit> unit)
    {
        unit.ToTable("AdministrativeUnits");
        unit.Property(u => u.Code).HasMaxLength(10);
        unit.Property(u => u.Name).HasMaxLength(200);
        unit.Property(u => u.FullName).HasMaxLength(250);
        unit.Property(u => u.NameEn).HasMaxLength(250);
        unit.Property(u => u.ParentCode).HasMaxLength(10);
        unit.Property(u => u.ProvinceCode).HasMaxLength(10);
        unit.Property(u => u.SearchName).HasMaxLength(250);
        unit.Property(u => u.RegionName).HasMaxLength(100);
        unit.HasIndex(u => new { u.Code, u.ValidFrom }).IsUnique();
        unit.HasIndex(u => new { u.Level, u.ParentCode });
        unit.HasIndex(u => u.ProvinceCode);
    }
}

internal sealed class UnitSuccessionConfiguration : IEntityTypeConfiguration<UnitSuccession>
{
    public void Configure(EntityTypeBuilder<UnitSuccession> succession)
    {
        succession
            .HasOne(s => s.Predecessor)
            .WithMany(u => u.Successors)
            .HasForeignKey(s => s.PredecessorId)
            .OnDelete(DeleteBehavior.Cascade);
        succession
            .HasOne(s => s.Successor)
            .WithMany(u => u.Predecessors)
            .HasForeignKey(s => s.SuccessorId)
            .OnDelete(DeleteBehavior.Cascade);
        succession.HasIndex(s => new { s.PredecessorId, s.SuccessorId }).IsUnique();
        succession.Property(s => s.LegalBasis).HasMaxLength(100);
        succession.Property(s => s.Confidence).HasMaxLength(30);
        succession.Property(s => s.Note).HasMaxLength(1000);
    }
}

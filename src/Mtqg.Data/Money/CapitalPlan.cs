using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mtqg.Data.Money;

/// <summary>
/// One version of a province's capital plan for a year (DESIGN §11): each replacement adds a version with the next
/// <see cref="Number"/>, who made it and when; the newest is the plan. Versions and their rows are never changed,
/// so the versions are the plan's history (not in the audit trail).
/// </summary>
public sealed class CapitalPlanVersion
{
    public int Id { get; set; }
    public required string ProvinceCode { get; set; }
    public int Year { get; set; }
    public int Number { get; set; }
    public required string ByUserName { get; set; }
    public required string ByName { get; set; }
    public DateTime At { get; set; }

    /// <summary>The sum of the rows, in whole đồng.</summary>
    public long Total { get; set; }

    public List<CapitalPlanRow> Rows { get; set; } = [];
}

/// <summary>A row of a capital plan version: an amount in whole đồng of a programme (and component), a source and, optionally, a commune.</summary>
public sealed class CapitalPlanRow
{
    public int Id { get; set; }
    public int VersionId { get; set; }

    /// <summary>The row's place in the plan as it was sent (0-based).</summary>
    public int Position { get; set; }

    public required string ProgrammeCode { get; set; }
    public string? ComponentCode { get; set; }
    public required string Source { get; set; }
    public string? CommuneCode { get; set; }
    public long Amount { get; set; }
}

internal sealed class CapitalPlanVersionConfiguration : IEntityTypeConfiguration<CapitalPlanVersion>
{
    public void Configure(EntityTypeBuilder<CapitalPlanVersion> version)
    {
        version.Property(v => v.ProvinceCode).HasMaxLength(10);
        version.Property(v => v.ByUserName).HasMaxLength(256);
        version.Property(v => v.ByName).HasMaxLength(200);
        version
            .HasIndex(v => new
            {
                v.ProvinceCode,
                v.Year,
                v.Number,
            })
            .IsUnique();
        version.HasMany(v => v.Rows).WithOne().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CapitalPlanRowConfiguration : IEntityTypeConfiguration<CapitalPlanRow>
{
    public void Configure(EntityTypeBuilder<CapitalPlanRow> row)
    {
        row.Property(r => r.ProgrammeCode).HasMaxLength(40);
        row.Property(r => r.ComponentCode).HasMaxLength(20);
        row.Property(r => r.Source).HasMaxLength(40);
        row.Property(r => r.CommuneCode).HasMaxLength(10);
        row.HasIndex(r => new { r.VersionId, r.Position }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Criteria;
using Mtqg.Data.Units;

namespace Mtqg.Data.Scorecards;

/// <summary>
/// One indicator value of one commune (a unit version) for one year. A cleared value has no row.
/// Booleans are stored as 1 (true) or 0 (false).
/// </summary>
public sealed class IndicatorValue
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public AdministrativeUnit Unit { get; set; } = null!;
    public int Year { get; set; }
    public int IndicatorId { get; set; }
    public Indicator Indicator { get; set; } = null!;
    public decimal Value { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>Which group (region / nhóm xã) of a criteria set a commune is judged in.</summary>
public sealed class CommuneGroupAssignment
{
    public int Id { get; set; }
    public int CriteriaSetId { get; set; }
    public int UnitId { get; set; }
    public AdministrativeUnit Unit { get; set; } = null!;
    public int GroupId { get; set; }
    public CommuneGroup Group { get; set; } = null!;
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> value)
    {
        value.Property(v => v.Value).HasPrecision(18, 4);
        // Two saves of the same value never silently overwrite each other: the second one fails.
        value.Property(v => v.UpdatedAt).IsConcurrencyToken();
        value.Property(v => v.UpdatedBy).HasMaxLength(256);
        value
            .HasIndex(v => new
            {
                v.UnitId,
                v.Year,
                v.IndicatorId,
            })
            .IsUnique();
        value.HasOne(v => v.Unit).WithMany().HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Cascade);
        value.HasOne(v => v.Indicator).WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommuneGroupAssignmentConfiguration : IEntityTypeConfiguration<CommuneGroupAssignment>
{
    public void Configure(EntityTypeBuilder<CommuneGroupAssignment> assignment)
    {
        assignment.Property(a => a.UpdatedBy).HasMaxLength(256);
        assignment.Property(a => a.UpdatedAt).IsConcurrencyToken();
        assignment.HasIndex(a => new { a.CriteriaSetId, a.UnitId }).IsUnique();
        assignment.HasOne<CriteriaSet>().WithMany().HasForeignKey(a => a.CriteriaSetId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne(a => a.Group).WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.NoAction);
    }
}

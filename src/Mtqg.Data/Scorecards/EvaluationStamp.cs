using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mtqg.Data.Scorecards;

/// <summary>
/// What a commune's evaluation was computed from, as a number that changes whenever any of it changes: its values, its
/// group, its approved poverty result (decision 0030). Written in the same transaction as the change, with a new random
/// value each time (so concurrent writers never leave an old number behind). The row of unit 0 changes with the units
/// themselves. A province summary keeps each commune's number and re-evaluates only the communes whose number moved.
/// </summary>
public sealed class EvaluationStamp
{
    /// <summary>The unit whose inputs changed (no foreign key: 0 is the row of the units list itself).</summary>
    public int UnitId { get; set; }

    /// <summary>The unit's province (as stored on the unit), so a province reads its communes' numbers in one range.</summary>
    public required string ProvinceCode { get; set; }

    public long Stamp { get; set; }
}

internal sealed class EvaluationStampConfiguration : IEntityTypeConfiguration<EvaluationStamp>
{
    public void Configure(EntityTypeBuilder<EvaluationStamp> stamp)
    {
        stamp.HasKey(s => s.UnitId);
        stamp.Property(s => s.UnitId).ValueGeneratedNever();
        stamp.Property(s => s.ProvinceCode).HasMaxLength(10);
        stamp.HasIndex(s => s.ProvinceCode);
    }
}

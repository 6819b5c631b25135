using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mtqg.Data.Money;

/// <summary>
/// What a province's money totals were summed from, as a number that changes whenever any of it changes: a project of the
/// province added, moved or removed, an allocation or a monthly disbursement of one of its projects (decision 0032). Written
/// in the same transaction as the change, with a new random value each time, as <see cref="Scorecards.EvaluationStamp"/>.
/// The national disbursement summary keeps each province's totals with its number and sums again only the provinces whose
/// number moved.
/// </summary>
public sealed class MoneyStamp
{
    public required string ProvinceCode { get; set; }

    public long Stamp { get; set; }
}

internal sealed class MoneyStampConfiguration : IEntityTypeConfiguration<MoneyStamp>
{
    public void Configure(EntityTypeBuilder<MoneyStamp> stamp)
    {
        stamp.HasKey(s => s.ProvinceCode);
        stamp.Property(s => s.ProvinceCode).HasMaxLength(10);
    }
}

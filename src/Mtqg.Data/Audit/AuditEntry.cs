using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mtqg.Data.Audit;

/// <summary>
/// One recorded change (DESIGN §8: who, when, old value, new value, from which client). Written in the
/// same transaction as the change it records. Append-only: no endpoint or service of the application
/// updates or deletes an entry.
/// </summary>
public sealed class AuditEntry
{
    public const string Create = "create",
        Update = "update",
        Delete = "delete";

    /// <summary>The values of one commune-year changed by one imported file: OldValue and NewValue are JSON objects by indicator code.</summary>
    public const string Import = "import";

    public long Id { get; set; }

    /// <summary>When the change was saved (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The account that made the change; "hệ thống" for changes made outside a request (seeding, start-up).</summary>
    public string? UserName { get; set; }

    /// <summary>The client: IP address and a short user agent.</summary>
    public string? Client { get; set; }

    /// <summary><see cref="Create"/>, <see cref="Update"/>, <see cref="Delete"/> or <see cref="Import"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What changed: IndicatorValue, CommuneGroupAssignment, CriteriaSet, AppUser, AppUserRole.</summary>
    public required string Entity { get; set; }

    /// <summary>The code of the unit the change concerns (a commune, or an account's unit).</summary>
    public string? UnitCode { get; set; }

    /// <summary>The unit version (code and period) the change concerns.</summary>
    public int? UnitId { get; set; }
    public int? Year { get; set; }
    public string? SetCode { get; set; }

    /// <summary>A readable key of the changed thing: an indicator code, a set code, a user name.</summary>
    public string? Key { get; set; }

    /// <summary>The value before, as invariant text (booleans "true"/"false"); null when created.</summary>
    public string? OldValue { get; set; }

    /// <summary>The value after, as invariant text; null when deleted.</summary>
    public string? NewValue { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const int ClientLength = 300,
        ValueLength = 4000;

    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.UserName).HasMaxLength(256);
        entry.Property(e => e.Client).HasMaxLength(ClientLength);
        entry.Property(e => e.Action).HasMaxLength(10);
        entry.Property(e => e.Entity).HasMaxLength(50);
        entry.Property(e => e.UnitCode).HasMaxLength(10);
        entry.Property(e => e.SetCode).HasMaxLength(50);
        entry.Property(e => e.Key).HasMaxLength(256);
        entry.Property(e => e.OldValue).HasMaxLength(ValueLength);
        entry.Property(e => e.NewValue).HasMaxLength(ValueLength);
        entry.HasIndex(e => new { e.UnitId, e.Year });
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.UserName);
    }
}

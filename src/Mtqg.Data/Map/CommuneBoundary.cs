using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;

namespace Mtqg.Data.Map;

/// <summary>
/// The commune boundaries a province uploaded (decision 0029), as drawn: one row per province, replaced whole by the next
/// upload. The drawing is 600 units wide (<c>ProvinceShapes.Width</c>) and <see cref="Height"/> high, fitted to the file's extent.
/// </summary>
public sealed class CommuneBoundarySet : IAudited
{
    public int Id { get; set; }

    /// <summary>The province of today (after the 2025 reform) whose communes these are.</summary>
    public required string ProvinceCode { get; set; }

    /// <summary>Communes drawn (features of the file).</summary>
    public int Communes { get; set; }

    /// <summary>The height of the drawing's viewBox, in SVG units.</summary>
    public double Height { get; set; }

    /// <summary>The uploaded file's name, as the uploader's computer called it (the file itself is not kept).</summary>
    public string FileName { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";

    public List<CommuneBoundary> Boundaries { get; set; } = [];

    public static AuditFields AuditFields { get; } =
        new(
            [(nameof(ProvinceCode), "Tỉnh"), (nameof(Communes), "Số xã có ranh giới"), (nameof(FileName), "Tệp")],
            nameof(Height),
            nameof(UploadedAt),
            nameof(UploadedBy)
        );

    public AuditInfo AuditInfo() => new(ProvinceCode, $"Ranh giới các xã của tỉnh {ProvinceCode}");
}

/// <summary>One commune's boundary as an SVG path (projected and simplified on upload), part of its province's set.</summary>
public sealed class CommuneBoundary
{
    public int Id { get; set; }
    public int SetId { get; set; }
    public CommuneBoundarySet Set { get; set; } = null!;

    /// <summary>The commune's code, a commune of the province in force when uploaded.</summary>
    public required string CommuneCode { get; set; }

    /// <summary>The SVG path data: absolute first point, relative moves, one subpath per ring.</summary>
    public required string Path { get; set; }
}

internal sealed class CommuneBoundarySetConfiguration : IEntityTypeConfiguration<CommuneBoundarySet>
{
    public void Configure(EntityTypeBuilder<CommuneBoundarySet> set)
    {
        set.Property(s => s.ProvinceCode).HasMaxLength(10);
        set.Property(s => s.FileName).HasMaxLength(260);
        set.Property(s => s.UploadedBy).HasMaxLength(256);
        set.HasIndex(s => s.ProvinceCode).IsUnique();
        set.HasMany(s => s.Boundaries).WithOne(b => b.Set).HasForeignKey(b => b.SetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommuneBoundaryConfiguration : IEntityTypeConfiguration<CommuneBoundary>
{
    public void Configure(EntityTypeBuilder<CommuneBoundary> boundary)
    {
        boundary.Property(b => b.CommuneCode).HasMaxLength(10);
        boundary.HasIndex(b => new { b.SetId, b.CommuneCode }).IsUnique();
    }
}

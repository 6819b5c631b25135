using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;

namespace Mtqg.Data.Money;

/// <summary>
/// A national target programme or a thematic programme (DESIGN §11), seeded from data/reference/programmes.json: in force
/// from <see cref="ValidFrom"/> to <see cref="ValidTo"/>; a capital plan row names its <see cref="Code"/>.
/// </summary>
public sealed class Programme : IAudited
{
    public int Id { get; set; }

    [Display(Name = "Mã chương trình")]
    public required string Code { get; set; }

    [Display(Name = "Tên chương trình")]
    public required string Name { get; set; }

    /// <summary>The approving text as the file names it (Quyết định 263/QĐ-TTg …); null when not read.</summary>
    [Display(Name = "Văn bản phê duyệt")]
    public string? Document { get; set; }

    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }

    public List<ProgrammeComponent> Components { get; set; } = [];

    public bool InForceIn(int year) => ValidFrom.Year <= year && ValidTo.Year >= year;

    public static AuditFields AuditFields { get; } =
        new([
            (nameof(Code), "Mã"),
            (nameof(Name), "Tên"),
            (nameof(Document), "Văn bản"),
            (nameof(ValidFrom), "Hiệu lực từ"),
            (nameof(ValidTo), "Hiệu lực đến"),
        ]);

    public AuditInfo AuditInfo() => new(null, $"Chương trình {Code}");
}

/// <summary>
/// A component of a programme (nội dung thành phần, dự án, hợp phần): its number in the approving text as
/// <see cref="Code"/>, and its name, null while nobody has read it in the text ("chưa đối chiếu văn bản").
/// </summary>
public sealed class ProgrammeComponent : IAudited
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme Programme { get; set; } = null!;

    [Display(Name = "Mã nội dung thành phần")]
    public required string Code { get; set; }

    /// <summary>The name as read in the approving text; null when not read.</summary>
    [Display(Name = "Tên nội dung thành phần")]
    public string? Name { get; set; }

    /// <summary>The part of a name that was read when the rest was not (a truncated title).</summary>
    [Display(Name = "Phần tên đã đọc")]
    public string? Partial { get; set; }

    /// <summary>The text the name was checked against (when an administrator completed it).</summary>
    [Display(Name = "Văn bản đối chiếu")]
    public string? Document { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [(nameof(Code), "Mã"), (nameof(Name), "Tên"), (nameof(Partial), "Phần tên đã đọc"), (nameof(Document), "Văn bản đối chiếu")],
            nameof(ProgrammeId)
        );

    public AuditInfo AuditInfo() =>
        new(
            null,
            $"Chương trình {Programme?.Code ?? ProgrammeId.ToString(System.Globalization.CultureInfo.InvariantCulture)}, nội dung {Code}"
        );
}

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> programme)
    {
        programme.Property(p => p.Code).HasMaxLength(40);
        programme.Property(p => p.Name).HasMaxLength(400);
        programme.Property(p => p.Document).HasMaxLength(200);
        programme.HasIndex(p => p.Code).IsUnique();
        programme.HasMany(p => p.Components).WithOne(c => c.Programme).HasForeignKey(c => c.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgrammeComponentConfiguration : IEntityTypeConfiguration<ProgrammeComponent>
{
    public void Configure(EntityTypeBuilder<ProgrammeComponent> component)
    {
        component.Property(c => c.Code).HasMaxLength(20);
        component.Property(c => c.Name).HasMaxLength(400);
        component.Property(c => c.Partial).HasMaxLength(400);
        component.Property(c => c.Document).HasMaxLength(200);
        component.HasIndex(c => new { c.ProgrammeId, c.Code }).IsUnique();
    }
}

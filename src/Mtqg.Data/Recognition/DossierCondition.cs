using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;

namespace Mtqg.Data.Recognition;

/// <summary>
/// One condition of the dossier's level that is not a threshold (copied from the set when the dossier is created), with what the
/// commune declared, and the coordination office's judgement: <see cref="Met"/> null = not judged yet. A <c>title</c> condition is
/// judged by the system from the titles the commune holds.
/// </summary>
public sealed class DossierConditionRecord : IAudited
{
    public int Id { get; set; }
    public int DossierId { get; set; }
    public DossierRecord Dossier { get; set; } = null!;
    public int Order { get; set; }
    public required string Code { get; set; }

    [Display(Name = "Điều kiện")]
    public required string Text { get; set; }
    public required string Judged { get; set; }
    public string? HeldLevel { get; set; }

    [Display(Name = "Xã kê khai")]
    public string? Evidence { get; set; }

    [Display(Name = "Văn bản, tài liệu minh chứng")]
    public string? Document { get; set; }

    [Display(Name = "Kết quả xét")]
    public bool? Met { get; set; }

    [Display(Name = "Ý kiến khi xét")]
    public string? JudgeNote { get; set; }
    public string? JudgedByName { get; set; }
    public DateTime? JudgedAt { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [(nameof(Evidence), "Xã kê khai"), (nameof(Document), "Minh chứng"), (nameof(Met), "Đạt"), (nameof(JudgeNote), "Ý kiến")],
            nameof(DossierId),
            nameof(Order),
            nameof(Code),
            nameof(Text),
            nameof(Judged),
            nameof(HeldLevel),
            nameof(JudgedByName),
            nameof(JudgedAt)
        );

    public AuditInfo AuditInfo() => new(Dossier?.CommuneCode, $"Hồ sơ #{DossierId} điều kiện {Code}", Dossier?.Year, Dossier?.SetCode);
}

internal sealed class DossierConditionConfiguration : IEntityTypeConfiguration<DossierConditionRecord>
{
    public void Configure(EntityTypeBuilder<DossierConditionRecord> c)
    {
        c.ToTable("DossierConditions");
        c.Property(x => x.Code).HasMaxLength(50);
        c.Property(x => x.Text).HasMaxLength(1000);
        c.Property(x => x.Judged).HasMaxLength(20);
        c.Property(x => x.HeldLevel).HasMaxLength(50);
        c.Property(x => x.Evidence).HasMaxLength(4000);
        c.Property(x => x.Document).HasMaxLength(500);
        c.Property(x => x.JudgeNote).HasMaxLength(4000);
        c.Property(x => x.JudgedByName).HasMaxLength(256);
        c.HasOne(x => x.Dossier).WithMany(d => d.Conditions).HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
        c.HasIndex(x => new { x.DossierId, x.Code }).IsUnique();
    }
}

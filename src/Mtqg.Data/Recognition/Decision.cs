using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;
using Mtqg.Data.Units;

namespace Mtqg.Data.Recognition;

public enum DecisionKind
{
    Recognition = 1,
    Revocation = 2,

    /// <summary>The province's decision that a commune formed by the 2025 reform holds a level its predecessors held (DESIGN §9).</summary>
    Acknowledgement = 3,
}

/// <summary>How a title came into the system.</summary>
public enum TitleOrigin
{
    /// <summary>Recognised by a decision recorded on a dossier appraised in the system.</summary>
    Dossier = 1,

    /// <summary>Granted before the system: the decision is recorded with the title (baseline).</summary>
    Baseline = 2,

    /// <summary>A merged commune acknowledged to hold a level its predecessors held.</summary>
    Acknowledgement = 3,
}

/// <summary>A decision of the provincial People's Committee recognising (or revoking) the titles of one or more communes.</summary>
public sealed class DecisionRecord : IAudited
{
    public int Id { get; set; }
    public required string ProvinceCode { get; set; }
    public DecisionKind Kind { get; set; }

    [Display(Name = "Số quyết định")]
    public required string Number { get; set; }
    public DateOnly Date { get; set; }

    [Display(Name = "Người ký")]
    public required string Signer { get; set; }

    [Display(Name = "Mức đạt chuẩn")]
    public required string LevelCode { get; set; }
    public int Year { get; set; }

    [Display(Name = "Đợt")]
    public string? Batch { get; set; }

    [Display(Name = "Tên tệp quyết định")]
    public string? PdfFileName { get; set; }
    public string? PdfStoredName { get; set; }
    public long? PdfLength { get; set; }
    public required string RecordedByName { get; set; }
    public DateTime RecordedAt { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Kind), "Loại"),
                (nameof(Number), "Số"),
                (nameof(Date), "Ngày"),
                (nameof(Signer), "Người ký"),
                (nameof(LevelCode), "Mức"),
                (nameof(Batch), "Đợt"),
                (nameof(PdfFileName), "Bản ký (PDF)"),
            ],
            nameof(ProvinceCode),
            nameof(Year),
            nameof(PdfStoredName),
            nameof(PdfLength),
            nameof(RecordedByName),
            nameof(RecordedAt)
        );

    public AuditInfo AuditInfo() => new(ProvinceCode, Number, Year);
}

/// <summary>
/// A commune's title: a level held since a decision, until a revocation decision ends it. A title belongs to a unit (a code
/// and its period, decision 0004), not to a code: a commune of today that reuses an old commune's code does not hold the
/// old commune's titles (decision 0021).
/// </summary>
public sealed class CommuneTitle : IAudited
{
    public int Id { get; set; }

    /// <summary>The unit (code and period) that holds the title: the commune as it was when recognised.</summary>
    public int UnitId { get; set; }
    public AdministrativeUnit Unit { get; set; } = null!;
    public TitleOrigin Origin { get; set; } = TitleOrigin.Dossier;
    public required string CommuneCode { get; set; }
    public required string CommuneName { get; set; }
    public required string ProvinceCode { get; set; }
    public required string SetCode { get; set; }
    public required string LevelCode { get; set; }
    public int Year { get; set; }
    public DateOnly Since { get; set; }
    public int DecisionId { get; set; }
    public DecisionRecord Decision { get; set; } = null!;
    public int? DossierId { get; set; }
    public int? RevokedByDecisionId { get; set; }
    public DecisionRecord? RevokedByDecision { get; set; }
    public DateOnly? RevokedOn { get; set; }

    [Display(Name = "Lý do thu hồi")]
    public string? RevocationReason { get; set; }

    [Display(Name = "Ghi chú danh hiệu")]
    public string? Note { get; set; }

    /// <summary>For an acknowledgement: the predecessors' titles it is based on ("12,15").</summary>
    public string? BasedOnTitleIds { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(LevelCode), "Mức"),
                (nameof(Since), "Từ ngày"),
                (nameof(DecisionId), "Quyết định"),
                (nameof(RevokedByDecisionId), "Thu hồi bởi quyết định"),
                (nameof(RevokedOn), "Thu hồi ngày"),
                (nameof(RevocationReason), "Lý do thu hồi"),
                (nameof(Origin), "Nguồn"),
                (nameof(Note), "Ghi chú"),
                (nameof(BasedOnTitleIds), "Dựa trên danh hiệu"),
            ],
            nameof(UnitId),
            nameof(CommuneCode),
            nameof(CommuneName),
            nameof(ProvinceCode),
            nameof(SetCode),
            nameof(Year),
            nameof(DossierId)
        );

    public AuditInfo AuditInfo() => new(CommuneCode, LevelCode, Year, SetCode);
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<DecisionRecord>
{
    public void Configure(EntityTypeBuilder<DecisionRecord> d)
    {
        d.ToTable("Decisions");
        d.Property(x => x.ProvinceCode).HasMaxLength(10);
        d.Property(x => x.Number).HasMaxLength(50);
        d.Property(x => x.Signer).HasMaxLength(256);
        d.Property(x => x.LevelCode).HasMaxLength(20);
        d.Property(x => x.Batch).HasMaxLength(200);
        d.Property(x => x.PdfFileName).HasMaxLength(260);
        d.Property(x => x.PdfStoredName).HasMaxLength(100);
        d.Property(x => x.RecordedByName).HasMaxLength(256);
        d.HasIndex(x => new { x.ProvinceCode, x.Number }).IsUnique();
        d.HasIndex(x => new { x.ProvinceCode, x.Year });
    }
}

internal sealed class CommuneTitleConfiguration : IEntityTypeConfiguration<CommuneTitle>
{
    public void Configure(EntityTypeBuilder<CommuneTitle> t)
    {
        t.ToTable("CommuneTitles");
        t.Property(x => x.CommuneCode).HasMaxLength(10);
        t.Property(x => x.CommuneName).HasMaxLength(200);
        t.Property(x => x.ProvinceCode).HasMaxLength(10);
        t.Property(x => x.SetCode).HasMaxLength(50);
        t.Property(x => x.LevelCode).HasMaxLength(20);
        t.Property(x => x.RevocationReason).HasMaxLength(4000);
        t.Property(x => x.Note).HasMaxLength(4000);
        t.Property(x => x.BasedOnTitleIds).HasMaxLength(400);
        t.HasIndex(x => x.CommuneCode);
        t.HasIndex(x => new { x.UnitId, x.LevelCode });
        t.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        t.HasIndex(x => new { x.ProvinceCode, x.Year });
        t.HasOne(x => x.Decision).WithMany().HasForeignKey(x => x.DecisionId).OnDelete(DeleteBehavior.Restrict);
        t.HasOne(x => x.RevokedByDecision).WithMany().HasForeignKey(x => x.RevokedByDecisionId).OnDelete(DeleteBehavior.Restrict);
    }
}

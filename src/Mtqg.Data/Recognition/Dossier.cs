using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;

namespace Mtqg.Data.Recognition;

/// <summary>
/// Hồ sơ đề nghị công nhận as stored. The rules live in <see cref="Domain.Recognition.Dossier"/>; this row,
/// its criteria, appraisal steps and timeline are its snapshot. <see cref="Version"/> changes on every
/// save: two people acting at once on the same dossier get a conflict, never a silent overwrite.
/// </summary>
public sealed class DossierRecord : IAudited
{
    public int Id { get; set; }
    public required string CommuneCode { get; set; }
    public required string CommuneName { get; set; }

    /// <summary>The province the commune belongs to today (access and boards).</summary>
    public required string ProvinceCode { get; set; }
    public int Year { get; set; }
    public required string SetCode { get; set; }

    [Display(Name = "Mức đạt chuẩn")]
    public required string LevelCode { get; set; }
    public DossierStatus Status { get; set; }
    public decimal? RequiredSatisfaction { get; set; }
    public decimal? ResidentSatisfaction { get; set; }
    public bool NoConstructionDebtDeclared { get; set; }

    [Display(Name = "Ghi chú")]
    public string? Note { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? SubmittedById { get; set; }
    public string? SubmittedByName { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateOnly? CouncilDate { get; set; }

    /// <summary>Council members, one per line.</summary>
    [Display(Name = "Thành viên hội đồng")]
    public string? CouncilMembers { get; set; }
    public int? VotesFor { get; set; }
    public int? VotesAgainst { get; set; }

    [Display(Name = "Kết luận của hội đồng")]
    public string? CouncilConclusion { get; set; }
    public int? DecisionId { get; set; }
    public DecisionRecord? Decision { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
    public List<DossierCriterionRecord> Criteria { get; set; } = [];
    public List<DossierIndicatorRecord> Indicators { get; set; } = [];
    public List<AppraisalRecord> Appraisals { get; set; } = [];
    public List<DossierEventRecord> Events { get; set; } = [];
    public List<EvidenceFile> Evidence { get; set; } = [];
    public List<DossierConditionRecord> Conditions { get; set; } = [];

    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Status), "Trạng thái"),
                (nameof(ResidentSatisfaction), "Tỷ lệ hài lòng"),
                (nameof(NoConstructionDebtDeclared), "Không nợ đọng XDCB"),
                (nameof(Note), "Ghi chú"),
                (nameof(SubmittedAt), "Nộp lúc"),
                (nameof(CouncilDate), "Ngày họp hội đồng"),
                (nameof(VotesFor), "Phiếu tán thành"),
                (nameof(VotesAgainst), "Phiếu không tán thành"),
                (nameof(CouncilConclusion), "Kết luận hội đồng"),
                (nameof(DecisionId), "Quyết định"),
            ],
            nameof(CommuneCode),
            nameof(CommuneName),
            nameof(ProvinceCode),
            nameof(Year),
            nameof(SetCode),
            nameof(LevelCode),
            nameof(RequiredSatisfaction),
            nameof(CreatedById),
            nameof(CreatedByName),
            nameof(CreatedAt),
            nameof(SubmittedById),
            nameof(SubmittedByName),
            nameof(CouncilMembers),
            nameof(UpdatedAt),
            nameof(Version)
        );

    public AuditInfo AuditInfo() => new(CommuneCode, $"Hồ sơ #{Id} mức {LevelCode}", Year, SetCode);
}

/// <summary>One criterion of a dossier: as the scorecard judged it (frozen at submission) and where it stands in appraisal.</summary>
public sealed class DossierCriterionRecord
{
    public int Id { get; set; }
    public int DossierId { get; set; }
    public int Number { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? ResponsibleSector { get; set; }
    public EvaluationStatus Status { get; set; }
    public CriterionAppraisalState State { get; set; }
    public int Round { get; set; }
    public DateTime? SentToAppraisalAt { get; set; }
}

/// <summary>One indicator of the frozen scorecard: value, threshold, rule, status (booleans as 1/0).</summary>
public sealed class DossierIndicatorRecord
{
    public int Id { get; set; }
    public int DossierId { get; set; }
    public int CriterionNumber { get; set; }
    public int Order { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Type { get; set; }
    public string? Unit { get; set; }
    public decimal? Value { get; set; }
    public decimal? Threshold { get; set; }
    public required string Rule { get; set; }
    public required string Status { get; set; }
}

/// <summary>One appraisal step on one criterion by its department: đạt, chưa đạt, or sent back with the reason. Never changed.</summary>
public sealed class AppraisalRecord : IAudited
{
    public int Id { get; set; }
    public int DossierId { get; set; }
    public DossierRecord Dossier { get; set; } = null!;
    public int CriterionNumber { get; set; }
    public int Round { get; set; }

    [Display(Name = "Sở thẩm định")]
    public required string Sector { get; set; }
    public AppraisalStep Step { get; set; }

    [Display(Name = "Ý kiến thẩm định")]
    public string? Comment { get; set; }
    public DateTime SentToAppraisalAt { get; set; }
    public DateTime At { get; set; }
    public required string ByUserId { get; set; }
    public required string ByUserName { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [(nameof(Sector), "Sở"), (nameof(Step), "Kết quả"), (nameof(Comment), "Nhận xét / lý do")],
            nameof(DossierId),
            nameof(CriterionNumber),
            nameof(Round),
            nameof(SentToAppraisalAt),
            nameof(At),
            nameof(ByUserId),
            nameof(ByUserName)
        );

    public AuditInfo AuditInfo() =>
        new(Dossier?.CommuneCode, $"Hồ sơ #{DossierId} tiêu chí {CriterionNumber} lần {Round}", Dossier?.Year, Dossier?.SetCode);
}

/// <summary>One line of a dossier's timeline.</summary>
public sealed class DossierEventRecord
{
    public int Id { get; set; }
    public int DossierId { get; set; }
    public int Sequence { get; set; }
    public DateTime At { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public DossierEventKind Kind { get; set; }

    [Display(Name = "Diễn biến hồ sơ")]
    public required string Details { get; set; }
}

/// <summary>A file of evidence (minh chứng): metadata here, the content in the configured evidence folder under <see cref="StoredName"/>.</summary>
public sealed class EvidenceFile : IAudited
{
    public int Id { get; set; }
    public int DossierId { get; set; }
    public DossierRecord Dossier { get; set; } = null!;
    public int? CriterionNumber { get; set; }

    [Display(Name = "Mã chỉ tiêu")]
    public string? IndicatorCode { get; set; }

    [Display(Name = "Tên tệp minh chứng")]
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required string StoredName { get; set; }
    public required string Sha256 { get; set; }
    public required string UploadedById { get; set; }
    public required string UploadedByName { get; set; }
    public DateTime UploadedAt { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(FileName), "Tệp"),
                (nameof(CriterionNumber), "Tiêu chí"),
                (nameof(IndicatorCode), "Chỉ tiêu"),
                (nameof(Length), "Dung lượng (byte)"),
                (nameof(Sha256), "SHA-256"),
            ],
            nameof(DossierId),
            nameof(ContentType),
            nameof(StoredName),
            nameof(UploadedById),
            nameof(UploadedByName),
            nameof(UploadedAt)
        );

    public AuditInfo AuditInfo() => new(Dossier?.CommuneCode, $"Hồ sơ #{DossierId}", Dossier?.Year, Dossier?.SetCode);
}

internal sealed class DossierConfiguration : IEntityTypeConfiguration<DossierRecord>
{
    public void Configure(EntityTypeBuilder<DossierRecord> d)
    {
        d.ToTable("Dossiers");
        d.Property(x => x.CommuneCode).HasMaxLength(10);
        d.Property(x => x.CommuneName).HasMaxLength(200);
        d.Property(x => x.ProvinceCode).HasMaxLength(10);
        d.Property(x => x.SetCode).HasMaxLength(50);
        d.Property(x => x.LevelCode).HasMaxLength(20);
        d.Property(x => x.RequiredSatisfaction).HasPrecision(9, 4);
        d.Property(x => x.ResidentSatisfaction).HasPrecision(9, 4);
        d.Property(x => x.Note).HasMaxLength(4000);
        d.Property(x => x.CreatedById).HasMaxLength(450);
        d.Property(x => x.CreatedByName).HasMaxLength(256);
        d.Property(x => x.SubmittedById).HasMaxLength(450);
        d.Property(x => x.SubmittedByName).HasMaxLength(256);
        d.Property(x => x.CouncilMembers).HasMaxLength(4000);
        d.Property(x => x.CouncilConclusion).HasMaxLength(4000);
        d.Property(x => x.Version).IsConcurrencyToken();
        d.HasIndex(x => new { x.ProvinceCode, x.Status });
        d.HasIndex(x => new { x.CommuneCode, x.Year });
        d.HasOne(x => x.Decision).WithMany().HasForeignKey(x => x.DecisionId).OnDelete(DeleteBehavior.Restrict);
        d.HasMany(x => x.Criteria).WithOne().HasForeignKey(c => c.DossierId).OnDelete(DeleteBehavior.Cascade);
        d.HasMany(x => x.Indicators).WithOne().HasForeignKey(c => c.DossierId).OnDelete(DeleteBehavior.Cascade);
        d.HasMany(x => x.Appraisals).WithOne(a => a.Dossier).HasForeignKey(c => c.DossierId).OnDelete(DeleteBehavior.Cascade);
        d.HasMany(x => x.Events).WithOne().HasForeignKey(c => c.DossierId).OnDelete(DeleteBehavior.Cascade);
        d.HasMany(x => x.Evidence).WithOne(e => e.Dossier).HasForeignKey(c => c.DossierId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DossierCriterionConfiguration : IEntityTypeConfiguration<DossierCriterionRecord>
{
    public void Configure(EntityTypeBuilder<DossierCriterionRecord> c)
    {
        c.ToTable("DossierCriteria");
        c.Property(x => x.Code).HasMaxLength(50);
        c.Property(x => x.Name).HasMaxLength(500);
        c.Property(x => x.ResponsibleSector).HasMaxLength(200);
        c.HasIndex(x => new { x.DossierId, x.Number }).IsUnique();
        c.HasIndex(x => new { x.ResponsibleSector, x.State });
    }
}

internal sealed class DossierIndicatorConfiguration : IEntityTypeConfiguration<DossierIndicatorRecord>
{
    public void Configure(EntityTypeBuilder<DossierIndicatorRecord> i)
    {
        i.ToTable("DossierIndicators");
        i.Property(x => x.Code).HasMaxLength(50);
        i.Property(x => x.Name).HasMaxLength(1000);
        i.Property(x => x.Type).HasMaxLength(20);
        i.Property(x => x.Unit).HasMaxLength(50);
        i.Property(x => x.Rule).HasMaxLength(20);
        i.Property(x => x.Status).HasMaxLength(20);
        i.Property(x => x.Value).HasPrecision(18, 4);
        i.Property(x => x.Threshold).HasPrecision(18, 4);
        i.HasIndex(x => new { x.DossierId, x.Code }).IsUnique();
    }
}

internal sealed class AppraisalConfiguration : IEntityTypeConfiguration<AppraisalRecord>
{
    public void Configure(EntityTypeBuilder<AppraisalRecord> a)
    {
        a.ToTable("DossierAppraisals");
        a.Property(x => x.Sector).HasMaxLength(200);
        a.Property(x => x.Comment).HasMaxLength(4000);
        a.Property(x => x.ByUserId).HasMaxLength(450);
        a.Property(x => x.ByUserName).HasMaxLength(256);
        a.HasIndex(x => new
        {
            x.DossierId,
            x.CriterionNumber,
            x.Round,
            x.At,
        });
    }
}

internal sealed class DossierEventConfiguration : IEntityTypeConfiguration<DossierEventRecord>
{
    public void Configure(EntityTypeBuilder<DossierEventRecord> e)
    {
        e.ToTable("DossierEvents");
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Details).HasMaxLength(4000);
        e.HasIndex(x => new { x.DossierId, x.Sequence }).IsUnique();
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> f)
    {
        f.ToTable("EvidenceFiles");
        f.Property(x => x.IndicatorCode).HasMaxLength(50);
        f.Property(x => x.FileName).HasMaxLength(260);
        f.Property(x => x.ContentType).HasMaxLength(200);
        f.Property(x => x.StoredName).HasMaxLength(100);
        f.Property(x => x.Sha256).HasMaxLength(64);
        f.Property(x => x.UploadedById).HasMaxLength(450);
        f.Property(x => x.UploadedByName).HasMaxLength(256);
        f.HasIndex(x => x.DossierId);
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;
using Mtqg.Data.Plans;
using Mtqg.Domain.Visits;

namespace Mtqg.Data.Visits;

/// <summary>A working visit (buổi làm việc) of a helping agency to a commune.</summary>
public sealed class VisitRecord : IAudited
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public required string ProvinceCode { get; set; }
    public required string CommuneCode { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>One participant per line.</summary>
    [Display(Name = "Danh sách thành phần")]
    public string Participants { get; set; } = "";

    [Display(Name = "Nội dung")]
    public string Content { get; set; } = "";

    [Display(Name = "Kết quả, nhận xét")]
    public string? Findings { get; set; }

    /// <summary>One difficulty per line.</summary>
    [Display(Name = "Khó khăn, vướng mắc")]
    public string? Difficulties { get; set; }
    public List<VisitSupport> Support { get; set; } = [];
    public List<RecommendationRecord> Recommendations { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Date), "Ngày làm việc"),
                (nameof(CommuneCode), "Xã"),
                (nameof(ProvinceCode), "Tỉnh"),
                (nameof(Participants), "Thành phần"),
                (nameof(Content), "Nội dung"),
                (nameof(Findings), "Kết quả, nhận xét"),
                (nameof(Difficulties), "Khó khăn, vướng mắc"),
                (nameof(CreatedBy), "Người ghi"),
                (nameof(CreatedAt), "Ghi lúc"),
            ],
            nameof(AgencyId)
        );

    public AuditInfo AuditInfo() => new(CommuneCode, Key);

    /// <summary>"Sở Tài chính 12/05/2026": how the trail names the visit, on its own rows and on its support's.</summary>
    public string Key => $"{Agency?.Name} {Date:dd/MM/yyyy}";
}

/// <summary>One item of support given at a visit; <see cref="Value"/> in whole đồng.</summary>
public sealed class VisitSupport : IAudited
{
    public int Id { get; set; }
    public int VisitId { get; set; }
    public VisitRecord? Visit { get; set; }
    public SupportKind Kind { get; set; }

    [Display(Name = "Nội dung hỗ trợ")]
    public string Description { get; set; } = "";
    public decimal? Quantity { get; set; }

    [Display(Name = "Đơn vị tính")]
    public string? Unit { get; set; }
    public long? Value { get; set; }
    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Kind), "Loại hỗ trợ"),
                (nameof(Description), "Nội dung"),
                (nameof(Quantity), "Số lượng"),
                (nameof(Unit), "Đơn vị tính"),
                (nameof(Value), "Giá trị (đồng)"),
            ],
            nameof(VisitId)
        );

    /// <summary>Filed under the visit's commune, named by the visit.</summary>
    public AuditInfo AuditInfo() => new(Visit?.CommuneCode, Visit?.Key ?? $"Buổi làm việc #{VisitId}");
}

/// <summary>A recommendation (kiến nghị) raised at a visit and tracked to closure; its rules are <see cref="Recommendation"/>.</summary>
public sealed class RecommendationRecord : IAudited
{
    public int Id { get; set; }
    public int VisitId { get; set; }
    public VisitRecord Visit { get; set; } = null!;
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public required string ProvinceCode { get; set; }
    public required string CommuneCode { get; set; }

    [Display(Name = "Nội dung kiến nghị")]
    public required string Text { get; set; }
    public DateOnly RaisedOn { get; set; }
    public required string RaisedBy { get; set; }
    public PartyKind ResponsibleKind { get; set; }

    [Display(Name = "Tên sở xử lý")]
    public string? ResponsibleSector { get; set; }
    public DateOnly? DueDate { get; set; }
    public RecommendationStatus Status { get; set; }

    [Display(Name = "Nội dung trả lời")]
    public string? Response { get; set; }
    public DateTime? RespondedAt { get; set; }
    public string? ClosedBy { get; set; }
    public DateTime? ClosedAt { get; set; }

    [Display(Name = "Lý do")]
    public string? RejectionReason { get; set; }

    /// <summary>Changes with every transition: two answers to the same state never both succeed.</summary>
    public DateTime UpdatedAt { get; set; }
    public List<RecommendationEventRecord> Events { get; set; } = [];
    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Text), "Nội dung"),
                (nameof(CommuneCode), "Xã"),
                (nameof(ProvinceCode), "Tỉnh"),
                (nameof(RaisedBy), "Đơn vị nêu"),
                (nameof(RaisedOn), "Ngày nêu"),
                (nameof(ResponsibleKind), "Nơi xử lý"),
                (nameof(ResponsibleSector), "Sở xử lý"),
                (nameof(DueDate), "Hạn xử lý"),
                (nameof(Status), "Trạng thái"),
                (nameof(Response), "Trả lời"),
                (nameof(RespondedAt), "Trả lời lúc"),
                (nameof(RejectionReason), "Lý do không thuộc phạm vi"),
                (nameof(ClosedBy), "Người đóng"),
                (nameof(ClosedAt), "Đóng lúc"),
            ],
            nameof(VisitId),
            nameof(AgencyId),
            nameof(UpdatedAt)
        );

    public AuditInfo AuditInfo() => new(CommuneCode, Text.Length > 80 ? Text[..80] : Text);
}

public sealed class RecommendationEventRecord
{
    public int Id { get; set; }
    public int RecommendationId { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Actor { get; set; }
    public RecommendationAction Action { get; set; }
    public RecommendationStatus From { get; set; }
    public RecommendationStatus To { get; set; }

    [Display(Name = "Nội dung")]
    public string? Text { get; set; }
}

internal sealed class VisitRecordConfiguration : IEntityTypeConfiguration<VisitRecord>
{
    public void Configure(EntityTypeBuilder<VisitRecord> visit)
    {
        visit.ToTable("Visits");
        visit.Property(v => v.ProvinceCode).HasMaxLength(10);
        visit.Property(v => v.CommuneCode).HasMaxLength(10);
        visit.Property(v => v.Participants).HasMaxLength(4000);
        visit.Property(v => v.Content).HasMaxLength(8000);
        visit.Property(v => v.Findings).HasMaxLength(8000);
        visit.Property(v => v.Difficulties).HasMaxLength(8000);
        visit.Property(v => v.CreatedBy).HasMaxLength(256);
        visit.HasOne(v => v.Agency).WithMany().HasForeignKey(v => v.AgencyId).OnDelete(DeleteBehavior.Restrict);
        visit.HasMany(v => v.Support).WithOne(s => s.Visit).HasForeignKey(s => s.VisitId).OnDelete(DeleteBehavior.Cascade);
        visit.HasMany(v => v.Recommendations).WithOne(r => r.Visit).HasForeignKey(r => r.VisitId).OnDelete(DeleteBehavior.Cascade);
        visit.HasIndex(v => new { v.CommuneCode, v.Date });
        visit.HasIndex(v => v.AgencyId);
    }
}

internal sealed class VisitSupportConfiguration : IEntityTypeConfiguration<VisitSupport>
{
    public void Configure(EntityTypeBuilder<VisitSupport> support)
    {
        support.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        support.Property(s => s.Description).HasMaxLength(1000);
        support.Property(s => s.Quantity).HasPrecision(18, 4);
        support.Property(s => s.Unit).HasMaxLength(50);
    }
}

internal sealed class RecommendationRecordConfiguration : IEntityTypeConfiguration<RecommendationRecord>
{
    public void Configure(EntityTypeBuilder<RecommendationRecord> recommendation)
    {
        recommendation.ToTable("Recommendations");
        recommendation.Property(r => r.ProvinceCode).HasMaxLength(10);
        recommendation.Property(r => r.CommuneCode).HasMaxLength(10);
        recommendation.Property(r => r.Text).HasMaxLength(4000);
        recommendation.Property(r => r.RaisedBy).HasMaxLength(200);
        recommendation.Property(r => r.ResponsibleKind).HasConversion<string>().HasMaxLength(20);
        recommendation.Property(r => r.ResponsibleSector).HasMaxLength(200);
        recommendation.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        recommendation.Property(r => r.Response).HasMaxLength(4000);
        recommendation.Property(r => r.ClosedBy).HasMaxLength(256);
        recommendation.Property(r => r.RejectionReason).HasMaxLength(4000);
        recommendation.Property(r => r.UpdatedAt).IsConcurrencyToken();
        recommendation.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        recommendation.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RecommendationId).OnDelete(DeleteBehavior.Cascade);
        recommendation.HasIndex(r => new
        {
            r.ProvinceCode,
            r.Status,
            r.RaisedOn,
        });
        recommendation.HasIndex(r => new { r.CommuneCode, r.Status });
    }
}

internal sealed class RecommendationEventConfiguration : IEntityTypeConfiguration<RecommendationEventRecord>
{
    public void Configure(EntityTypeBuilder<RecommendationEventRecord> e)
    {
        e.ToTable("RecommendationEvents");
        e.Property(x => x.Actor).HasMaxLength(256);
        e.Property(x => x.Action).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Text).HasMaxLength(4000);
    }
}

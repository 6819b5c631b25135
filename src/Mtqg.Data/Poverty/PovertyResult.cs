using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;
using Mtqg.Data.Units;

namespace Mtqg.Data.Poverty;

/// <summary>
/// The annual poverty review result of one commune (a unit version, decision 0004) for one year (DESIGN §12): counts of
/// households only, never names. Entered as a draft by the commune or the coordination office, approved by the office;
/// an approved result changes only after it is reopened with a reason.
/// </summary>
public sealed class PovertyResult : IAudited
{
    public const string Draft = "draft",
        Approved = "approved";

    public int Id { get; set; }
    public int UnitId { get; set; }
    public AdministrativeUnit Unit { get; set; } = null!;

    /// <summary>The commune's code and its province's code as they were that year (for lists and the trail).</summary>
    public required string CommuneCode { get; set; }
    public required string ProvinceCode { get; set; }
    public int Year { get; set; }

    /// <summary>The code of the poverty standard in force that year.</summary>
    public required string StandardCode { get; set; }
    public int Households { get; set; }
    public int Poor { get; set; }
    public int NearPoor { get; set; }
    public int? PoorEthnicMinority { get; set; }
    public int? NearPoorEthnicMinority { get; set; }
    public int? EscapedPoverty { get; set; }
    public int? NewlyPoor { get; set; }

    /// <summary>Households lacking each indicator: "1.1=12;3.2=40" (indicator codes of the standard).</summary>
    public string Deprivations { get; set; } = "";

    /// <summary>draft or approved.</summary>
    public required string Status { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }

    /// <summary>Why the result was last reopened (kept after it is approved again).</summary>
    public string? ReopenReason { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(CommuneCode), "Xã"),
                (nameof(Year), "Năm"),
                (nameof(StandardCode), "Chuẩn nghèo"),
                (nameof(Households), "Tổng số hộ"),
                (nameof(Poor), "Hộ nghèo"),
                (nameof(NearPoor), "Hộ cận nghèo"),
                (nameof(PoorEthnicMinority), "Hộ nghèo dân tộc thiểu số"),
                (nameof(NearPoorEthnicMinority), "Hộ cận nghèo dân tộc thiểu số"),
                (nameof(EscapedPoverty), "Hộ thoát nghèo"),
                (nameof(NewlyPoor), "Hộ nghèo phát sinh"),
                (nameof(Deprivations), "Hộ thiếu hụt theo chỉ số"),
                (nameof(Status), "Trạng thái"),
                (nameof(ApprovedBy), "Người phê duyệt"),
                (nameof(ApprovedAt), "Thời điểm phê duyệt"),
                (nameof(ReopenReason), "Lý do mở lại"),
            ],
            nameof(UnitId),
            nameof(ProvinceCode),
            nameof(UpdatedAt),
            nameof(UpdatedBy)
        );

    public AuditInfo AuditInfo() => new(CommuneCode, $"Kết quả rà soát hộ nghèo {CommuneCode} năm {Year}", Year);
}

internal sealed class PovertyResultConfiguration : IEntityTypeConfiguration<PovertyResult>
{
    public void Configure(EntityTypeBuilder<PovertyResult> result)
    {
        result.Property(r => r.CommuneCode).HasMaxLength(10);
        result.Property(r => r.ProvinceCode).HasMaxLength(10);
        result.Property(r => r.StandardCode).HasMaxLength(20);
        result.Property(r => r.Deprivations).HasMaxLength(2000);
        result.Property(r => r.Status).HasMaxLength(10);
        result.Property(r => r.ApprovedBy).HasMaxLength(200);
        result.Property(r => r.ReopenReason).HasMaxLength(1000);
        result.Property(r => r.UpdatedBy).HasMaxLength(256);
        result.Property(r => r.UpdatedAt).IsConcurrencyToken();
        result.HasIndex(r => new { r.UnitId, r.Year }).IsUnique();
        result.HasIndex(r => new { r.ProvinceCode, r.Year });
        result.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

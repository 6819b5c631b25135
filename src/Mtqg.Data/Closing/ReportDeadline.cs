using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;

namespace Mtqg.Data.Closing;

/// <summary>
/// One report a province owes for a period, with the day it is due (DESIGN §13, issue 16 item 3). The coordination office
/// enters the due days itself — the deadlines of Decision 25/2025/QĐ-TTg could not be read (reference/reporting.json), so
/// none is invented — and marks each report sent, with the day it went.
/// </summary>
public sealed class ReportDeadline : IAudited
{
    public int Id { get; set; }
    public required string ProvinceCode { get; set; }
    public int Year { get; set; }

    /// <summary>1 or 2 for a six-monthly report's half; 0 for the whole year (not null: a unique index treats nulls as distinct).</summary>
    public int Half { get; set; }

    /// <summary>The report's code in the catalog (ntm-results, money, …).</summary>
    public required string ReportCode { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? SentOn { get; set; }
    public string? SentBy { get; set; }
    public string? Note { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(ReportCode), "Báo cáo"),
                (nameof(Year), "Năm"),
                (nameof(Half), "Kỳ 6 tháng"),
                (nameof(DueOn), "Hạn gửi"),
                (nameof(SentOn), "Ngày gửi"),
                (nameof(SentBy), "Người ghi đã gửi"),
                (nameof(Note), "Ghi chú"),
            ],
            nameof(ProvinceCode),
            nameof(UpdatedAt)
        );

    public AuditInfo AuditInfo() => new(ProvinceCode, $"Lịch báo cáo {ReportCode} {(Half > 0 ? $"6 tháng {Half}/" : "năm ")}{Year}", Year);
}

internal sealed class ReportDeadlineConfiguration : IEntityTypeConfiguration<ReportDeadline>
{
    public void Configure(EntityTypeBuilder<ReportDeadline> deadline)
    {
        deadline.Property(d => d.ProvinceCode).HasMaxLength(10);
        deadline.Property(d => d.ReportCode).HasMaxLength(40);
        deadline.Property(d => d.SentBy).HasMaxLength(200);
        deadline.Property(d => d.Note).HasMaxLength(1000);
        deadline.Property(d => d.UpdatedAt).IsConcurrencyToken();
        deadline
            .HasIndex(d => new
            {
                d.ProvinceCode,
                d.Year,
                d.ReportCode,
                d.Half,
            })
            .IsUnique();
        deadline.HasIndex(d => new
        {
            d.ProvinceCode,
            d.SentOn,
            d.DueOn,
        });
    }
}

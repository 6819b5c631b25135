using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;

namespace Mtqg.Data.Closing;

/// <summary>
/// Whether one part of a province-year (its criteria values, its poverty results or its money) is closed (khóa sổ) after it
/// was reported (DESIGN §13): while <see cref="IsClosed"/>, every write to that part is refused. One row per province,
/// year and part, kept when reopened: the trail holds each closing and reopening with its note or reason.
/// </summary>
public sealed class ClosedPeriod : IAudited
{
    public const string Values = "values",
        Poverty = "poverty",
        Money = "money";

    public int Id { get; set; }

    /// <summary>The code of the province in force now (a pre-reform year is closed by the province its communes went into).</summary>
    public required string ProvinceCode { get; set; }
    public int Year { get; set; }

    /// <summary>values, poverty or money.</summary>
    public required string Part { get; set; }
    public bool IsClosed { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? Note { get; set; }
    public DateTime? ReopenedAt { get; set; }
    public string? ReopenedBy { get; set; }
    public string? ReopenReason { get; set; }

    public static AuditFields AuditFields { get; } =
        new([
            (nameof(ProvinceCode), "Tỉnh"),
            (nameof(Year), "Năm"),
            (nameof(Part), "Phần số liệu"),
            (nameof(IsClosed), "Đã khóa sổ"),
            (nameof(ClosedAt), "Thời điểm khóa sổ"),
            (nameof(ClosedBy), "Người khóa sổ"),
            (nameof(Note), "Ghi chú khóa sổ"),
            (nameof(ReopenedAt), "Thời điểm mở lại"),
            (nameof(ReopenedBy), "Người mở lại"),
            (nameof(ReopenReason), "Lý do mở lại"),
        ]);

    public AuditInfo AuditInfo() => new(ProvinceCode, $"Khóa sổ năm {Year}: {Label(Part)}", Year);

    /// <summary>What a part is called on the pages, in messages and in the trail.</summary>
    public static string Label(string part) =>
        part switch
        {
            Values => "Số liệu tiêu chí",
            Poverty => "Kết quả rà soát hộ nghèo",
            Money => "Vốn và giải ngân",
            _ => part,
        };
}

internal sealed class ClosedPeriodConfiguration : IEntityTypeConfiguration<ClosedPeriod>
{
    public void Configure(EntityTypeBuilder<ClosedPeriod> period)
    {
        period.Property(p => p.ProvinceCode).HasMaxLength(10);
        period.Property(p => p.Part).HasMaxLength(10);
        period.Property(p => p.ClosedBy).HasMaxLength(200);
        period.Property(p => p.Note).HasMaxLength(1000);
        period.Property(p => p.ReopenedBy).HasMaxLength(200);
        period.Property(p => p.ReopenReason).HasMaxLength(1000);
        period
            .HasIndex(p => new
            {
                p.ProvinceCode,
                p.Year,
                p.Part,
            })
            .IsUnique();
    }
}

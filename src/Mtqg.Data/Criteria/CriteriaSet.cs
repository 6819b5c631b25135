using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;
using Mtqg.Domain.Criteria;

namespace Mtqg.Data.Criteria;

/// <summary>A versioned criteria set (bộ tiêu chí): data, never code.</summary>
public sealed class CriteriaSet : IAudited
{
    public int Id { get; set; }

    [Display(Name = "Mã bộ tiêu chí")]
    public required string Code { get; set; }

    [Display(Name = "Tên bộ tiêu chí")]
    public required string Name { get; set; }

    [Display(Name = "Căn cứ pháp lý")]
    public string? LegalBasis { get; set; }
    public int ValidFrom { get; set; }
    public int ValidTo { get; set; }
    public CriteriaSetStatus Status { get; set; }
    public bool IsDemo { get; set; }
    public string? Source { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The province (a province of today) whose own set this is; null = a national set (DESIGN §9).</summary>
    [Display(Name = "Mã tỉnh của bộ tiêu chí")]
    public string? ProvinceCode { get; set; }

    /// <summary>The code of the national set a province set details.</summary>
    [Display(Name = "Bộ tiêu chí quốc gia được chi tiết hóa")]
    public string? DetailsCode { get; set; }

    /// <summary>When the set was last saved (created, replaced, published, withdrawn): its edit version (decision 0016), a concurrency token.</summary>
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>How many times the draft was replaced (0 as created): each replacement is one line of the audit trail.</summary>
    public int Revision { get; set; }

    /// <summary>Revocation rule (data of the set): shares of criteria no longer met, and the protected criteria numbers ("1,8,10"); null = no rule given.</summary>
    public decimal? RevocationLowerShare { get; set; }
    public decimal? RevocationUpperShare { get; set; }

    [Display(Name = "Tiêu chí bảo vệ khi thu hồi")]
    public string? RevocationProtected { get; set; }

    /// <summary>Share of residents satisfied (%) a recognition dossier must show; null = not given by the source.</summary>
    public decimal? RequiredSatisfaction { get; set; }
    public List<CriteriaLevel> Levels { get; set; } = [];
    public List<CommuneGroup> Groups { get; set; } = [];
    public List<ReportingBand> Bands { get; set; } = [];
    public List<Criterion> Criteria { get; set; } = [];

    // Recorded as one row: its levels, groups, criteria, indicators and thresholds are part of the set created (decision 0005).
    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Code), "Mã"),
                (nameof(Name), "Tên"),
                (nameof(LegalBasis), "Căn cứ"),
                (nameof(ValidFrom), "Từ năm"),
                (nameof(ValidTo), "Đến năm"),
                (nameof(Status), "Trạng thái"),
                (nameof(IsDemo), "Minh họa"),
                (nameof(ProvinceCode), "Tỉnh"),
                (nameof(DetailsCode), "Chi tiết hóa bộ"),
                (nameof(Revision), "Lần thay thế dự thảo"), // a replaced draft is recorded even when only its criteria changed
            ],
            nameof(Source),
            nameof(Notes),
            nameof(CreatedAt),
            nameof(RevocationLowerShare),
            nameof(RevocationUpperShare),
            nameof(RevocationProtected),
            nameof(RequiredSatisfaction),
            nameof(UpdatedAt),
            nameof(UpdatedBy)
        );

    public AuditInfo AuditInfo() => new(ProvinceCode, Code, SetCode: Code);
}

public sealed class CriteriaLevel
{
    public int Id { get; set; }
    public int CriteriaSetId { get; set; }

    [Display(Name = "Mã mức đạt chuẩn")]
    public required string Code { get; set; }

    [Display(Name = "Tên mức đạt chuẩn")]
    public required string Name { get; set; }
    public int Rank { get; set; }

    /// <summary>A pilot level ("NTM hiện đại", 51/2025).</summary>
    public bool Pilot { get; set; }

    /// <summary>The level whose threshold rows this one is judged on (kiểu mẫu on NTM nâng cao); null: its own rows.</summary>
    [Display(Name = "Dùng ngưỡng của mức")]
    public string? ThresholdsOf { get; set; }

    /// <summary>What the level asks beyond thresholds (319/QĐ-TTg for kiểu mẫu), in order.</summary>
    public List<CriteriaLevelCondition> Conditions { get; set; } = [];
}

/// <summary>A condition of a level that is not a threshold: judged from titles held (<c>title</c>) or declared with evidence (<c>declared</c>).</summary>
public sealed class CriteriaLevelCondition
{
    public int Id { get; set; }
    public int CriteriaLevelId { get; set; }
    public int Order { get; set; }

    [Display(Name = "Mã điều kiện")]
    public required string Code { get; set; }

    [Display(Name = "Nội dung điều kiện")]
    public required string Text { get; set; }

    [Display(Name = "Cách xét điều kiện")]
    public required string Judged { get; set; }

    /// <summary>For a <c>title</c> condition: the level the commune must hold.</summary>
    [Display(Name = "Mức danh hiệu phải giữ")]
    public string? HeldLevel { get; set; }
}

/// <summary>A region (vùng) or commune group (nhóm xã) whose thresholds may differ.</summary>
public sealed class CommuneGroup
{
    public int Id { get; set; }
    public int CriteriaSetId { get; set; }

    [Display(Name = "Mã nhóm xã")]
    public required string Code { get; set; }

    [Display(Name = "Tên nhóm xã")]
    public required string Name { get; set; }

    [Display(Name = "Mô tả nhóm xã")]
    public string? Description { get; set; }
}

public sealed class ReportingBand
{
    public int Id { get; set; }
    public int CriteriaSetId { get; set; }
    public int Order { get; set; }

    [Display(Name = "Tên nhóm báo cáo")]
    public required string Name { get; set; }
    public int MinCriteriaMet { get; set; }
}

public sealed class Criterion
{
    public int Id { get; set; }
    public int CriteriaSetId { get; set; }
    public int Number { get; set; }

    [Display(Name = "Mã tiêu chí")]
    public required string Code { get; set; }

    [Display(Name = "Tên tiêu chí")]
    public required string Name { get; set; }

    [Display(Name = "Nhóm tiêu chí")]
    public string? Heading { get; set; }

    [Display(Name = "Sở phụ trách tiêu chí")]
    public string? ResponsibleSector { get; set; }
    public bool NameVerified { get; set; }
    public List<Indicator> Indicators { get; set; } = [];
}

public sealed class Indicator
{
    public int Id { get; set; }
    public int CriterionId { get; set; }
    public int CriteriaSetId { get; set; }
    public CriteriaSet Set { get; set; } = null!;
    public int Order { get; set; }

    [Display(Name = "Mã chỉ tiêu")]
    public required string Code { get; set; }

    [Display(Name = "Tên chỉ tiêu")]
    public required string Name { get; set; }
    public IndicatorType Type { get; set; }

    [Display(Name = "Đơn vị tính của chỉ tiêu")]
    public string? Unit { get; set; }
    public Rule Rule { get; set; }
    public bool NameVerified { get; set; }
    public string? Notes { get; set; }

    /// <summary>Where the value comes from ("poverty.rate", "poverty.nearRate": the approved poverty result of the commune-year); null = typed by the commune.</summary>
    [Display(Name = "Nguồn giá trị của chỉ tiêu")]
    public string? Source { get; set; }
    public List<Threshold> Thresholds { get; set; } = [];
}

/// <summary>One threshold row. <see cref="Value"/> null = the official threshold is unknown; for <c>achieved</c>, 1 stands for true.</summary>
public sealed class Threshold
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int LevelId { get; set; }
    public CriteriaLevel Level { get; set; } = null!;
    public int? GroupId { get; set; }
    public CommuneGroup? Group { get; set; }
    public int? Year { get; set; }
    public decimal? Value { get; set; }

    [Display(Name = "Ghi chú ngưỡng")]
    public string? Note { get; set; }
}

internal sealed class CriteriaSetConfiguration : IEntityTypeConfiguration<CriteriaSet>
{
    public void Configure(EntityTypeBuilder<CriteriaSet> set)
    {
        set.Property(s => s.Code).HasMaxLength(50);
        set.HasIndex(s => s.Code).IsUnique();
        set.Property(s => s.Name).HasMaxLength(500);
        set.Property(s => s.LegalBasis).HasMaxLength(500);
        set.Property(s => s.RevocationLowerShare).HasPrecision(5, 4);
        set.Property(s => s.RevocationUpperShare).HasPrecision(5, 4);
        set.Property(s => s.RevocationProtected).HasMaxLength(500);
        set.Property(s => s.RequiredSatisfaction).HasPrecision(5, 2);
        set.Property(s => s.ProvinceCode).HasMaxLength(10);
        set.Property(s => s.DetailsCode).HasMaxLength(50);
        set.Property(s => s.UpdatedBy).HasMaxLength(256);
        set.Property(s => s.UpdatedAt).IsConcurrencyToken(); // the version a draft is replaced from (Web/Data/EditVersion)
        set.HasIndex(s => new { s.ProvinceCode, s.Status });
        set.HasMany(s => s.Levels).WithOne().HasForeignKey(l => l.CriteriaSetId).OnDelete(DeleteBehavior.Cascade);
        set.HasMany(s => s.Groups).WithOne().HasForeignKey(g => g.CriteriaSetId).OnDelete(DeleteBehavior.Cascade);
        set.HasMany(s => s.Bands).WithOne().HasForeignKey(b => b.CriteriaSetId).OnDelete(DeleteBehavior.Cascade);
        set.HasMany(s => s.Criteria).WithOne().HasForeignKey(c => c.CriteriaSetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CriteriaLevelConfiguration : IEntityTypeConfiguration<CriteriaLevel>
{
    public void Configure(EntityTypeBuilder<CriteriaLevel> level)
    {
        level.Property(l => l.Code).HasMaxLength(50);
        level.Property(l => l.Name).HasMaxLength(200);
        level.Property(l => l.ThresholdsOf).HasMaxLength(50);
        level.HasIndex(l => new { l.CriteriaSetId, l.Code }).IsUnique();
        level.HasMany(l => l.Conditions).WithOne().HasForeignKey(c => c.CriteriaLevelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CriteriaLevelConditionConfiguration : IEntityTypeConfiguration<CriteriaLevelCondition>
{
    public void Configure(EntityTypeBuilder<CriteriaLevelCondition> condition)
    {
        condition.ToTable("CriteriaLevelConditions");
        condition.Property(c => c.Code).HasMaxLength(50);
        condition.Property(c => c.Text).HasMaxLength(1000);
        condition.Property(c => c.Judged).HasMaxLength(20);
        condition.Property(c => c.HeldLevel).HasMaxLength(50);
        condition.HasIndex(c => new { c.CriteriaLevelId, c.Code }).IsUnique();
    }
}

internal sealed class CommuneGroupConfiguration : IEntityTypeConfiguration<CommuneGroup>
{
    public void Configure(EntityTypeBuilder<CommuneGroup> group)
    {
        group.Property(g => g.Code).HasMaxLength(50);
        group.Property(g => g.Name).HasMaxLength(200);
        group.Property(g => g.Description).HasMaxLength(2000);
        group.HasIndex(g => new { g.CriteriaSetId, g.Code }).IsUnique();
    }
}

internal sealed class ReportingBandConfiguration : IEntityTypeConfiguration<ReportingBand>
{
    public void Configure(EntityTypeBuilder<ReportingBand> band) => band.Property(b => b.Name).HasMaxLength(200);
}

internal sealed class CriterionConfiguration : IEntityTypeConfiguration<Criterion>
{
    public void Configure(EntityTypeBuilder<Criterion> criterion)
    {
        criterion.Property(c => c.Code).HasMaxLength(50);
        criterion.Property(c => c.Name).HasMaxLength(500);
        criterion.Property(c => c.Heading).HasMaxLength(200);
        criterion.Property(c => c.ResponsibleSector).HasMaxLength(200);
        criterion.HasIndex(c => new { c.CriteriaSetId, c.Number }).IsUnique();
        criterion.HasIndex(c => new { c.CriteriaSetId, c.Code }).IsUnique();
        criterion.HasMany(c => c.Indicators).WithOne().HasForeignKey(i => i.CriterionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> indicator)
    {
        indicator.Property(i => i.Code).HasMaxLength(50);
        indicator.Property(i => i.Name).HasMaxLength(1000);
        indicator.Property(i => i.Unit).HasMaxLength(100);
        indicator.Property(i => i.Source).HasMaxLength(50);
        indicator.HasIndex(i => new { i.CriteriaSetId, i.Code }).IsUnique();
        indicator.HasOne(i => i.Set).WithMany().HasForeignKey(i => i.CriteriaSetId).OnDelete(DeleteBehavior.NoAction);
        indicator.HasMany(i => i.Thresholds).WithOne().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ThresholdConfiguration : IEntityTypeConfiguration<Threshold>
{
    public void Configure(EntityTypeBuilder<Threshold> threshold)
    {
        threshold.Property(t => t.Value).HasPrecision(18, 4);
        threshold.Property(t => t.Note).HasMaxLength(2000);
        threshold.HasOne(t => t.Level).WithMany().HasForeignKey(t => t.LevelId).OnDelete(DeleteBehavior.NoAction);
        threshold.HasOne(t => t.Group).WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.NoAction);
        threshold.HasIndex(t => new
        {
            t.IndicatorId,
            t.LevelId,
            t.GroupId,
            t.Year,
        });
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mtqg.Data.Audit;
using Mtqg.Domain.Plans;

namespace Mtqg.Data.Plans;

/// <summary>
/// A helping agency (đơn vị giúp đỡ xã) of a province, e.g. "Sở Tài chính". Agency accounts belong to it by their
/// province (<c>UnitCode</c>) and their <c>Sector</c>, which names the agency; <see cref="NameKey"/> is the folded name
/// they are matched on.
/// </summary>
public sealed class Agency : IAudited
{
    public int Id { get; set; }
    public required string ProvinceCode { get; set; }

    [Display(Name = "Tên cơ quan giúp đỡ")]
    public required string Name { get; set; }

    [Display(Name = "Tên cơ quan giúp đỡ")]
    public required string NameKey { get; set; }
    public static AuditFields AuditFields { get; } = new([(nameof(Name), "Tên đơn vị"), (nameof(ProvinceCode), "Tỉnh")], nameof(NameKey));

    public AuditInfo AuditInfo() => new(ProvinceCode, Name);
}

/// <summary>A named list of communes of a province ("10 xã có tỷ lệ hộ nghèo cao năm 2023"), reused by plans and dashboards.</summary>
public sealed class CommuneList : IAudited
{
    public int Id { get; set; }
    public required string ProvinceCode { get; set; }

    [Display(Name = "Tên danh sách xã")]
    public required string Name { get; set; }

    /// <summary>The commune codes, comma separated, in the order given.</summary>
    [Display(Name = "Danh sách mã xã")]
    public string CommuneCodes { get; set; } = "";

    /// <summary>The date its communes are named at (DESIGN §9): a list of 2023 names the communes of 2023. Null: today.</summary>
    public DateOnly? AsOf { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Name), "Tên danh sách"),
                (nameof(CommuneCodes), "Các xã (mã)"),
                (nameof(ProvinceCode), "Tỉnh"),
                (nameof(AsOf), "Xã tại ngày"),
            ],
            nameof(UpdatedAt),
            nameof(UpdatedBy)
        );

    public AuditInfo AuditInfo() => new(ProvinceCode, Name);
}

/// <summary>A plan (kế hoạch) of a province: its number and issuer, date, period, title and the signed file.</summary>
public sealed class Plan : IAudited
{
    public int Id { get; set; }
    public required string ProvinceCode { get; set; }

    /// <summary>Number and issuer as written on the document: "239/KH-BCĐ".</summary>
    [Display(Name = "Số, ký hiệu kế hoạch")]
    public required string Number { get; set; }

    [Display(Name = "Cơ quan ban hành")]
    public required string Issuer { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }

    [Display(Name = "Trích yếu kế hoạch")]
    public required string Title { get; set; }

    [Display(Name = "Tên tệp kế hoạch")]
    public string? FileName { get; set; }
    public string? FileContentType { get; set; }
    public long? FileSize { get; set; }

    /// <summary>The stored file's name in the files folder (never the user's file name).</summary>
    public string? FileKey { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public List<PlanTarget> Targets { get; set; } = [];
    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Number), "Số hiệu"),
                (nameof(Issuer), "Cơ quan ban hành"),
                (nameof(IssuedOn), "Ngày ban hành"),
                (nameof(Title), "Tên kế hoạch"),
                (nameof(PeriodFrom), "Từ ngày"),
                (nameof(PeriodTo), "Đến ngày"),
                (nameof(ProvinceCode), "Tỉnh"),
                (nameof(FileName), "Bản ký (tệp)"),
                (nameof(FileContentType), "Loại tệp"),
                (nameof(FileSize), "Dung lượng (byte)"),
            ],
            nameof(FileKey),
            nameof(UpdatedAt),
            nameof(UpdatedBy)
        );

    public AuditInfo AuditInfo() => new(ProvinceCode, Number);
}

public enum TargetKind
{
    CommuneCount,
    NamedCommune,
    Activity,

    /// <summary>Reduce the poverty rate by <see cref="PlanTarget.Goal"/> percentage points (DESIGN §12).</summary>
    RateReduction,
}

/// <summary>
/// A target of a plan. <see cref="TargetKind.CommuneCount"/>: <see cref="Goal"/> communes reach <see cref="Level"/> in
/// <see cref="Year"/>; <see cref="TargetKind.NamedCommune"/>: <see cref="CommuneCode"/> reaches <see cref="Level"/> by
/// <see cref="Year"/>; <see cref="TargetKind.Activity"/>: a quantity, overall or per commune, recorded by <see cref="AgencyId"/>;
/// <see cref="TargetKind.RateReduction"/>: the approved poverty rate falls by <see cref="Goal"/> points from
/// <see cref="BaselineYear"/> to <see cref="Year"/>, on average (<see cref="ActivityScope.Overall"/>) or in each commune
/// (<see cref="ActivityScope.PerCommune"/>) of <see cref="CommuneGoals"/>, or for the province when it names none.
/// </summary>
public sealed class PlanTarget : IAudited
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan Plan { get; set; } = null!;
    public TargetKind Kind { get; set; }

    [Display(Name = "Tên mục tiêu")]
    public required string Name { get; set; }

    [Display(Name = "Mức đạt chuẩn")]
    public string? Level { get; set; }
    public int? Year { get; set; }

    /// <summary>The year whose approved rate a rate-reduction target starts from.</summary>
    public int? BaselineYear { get; set; }

    [Display(Name = "Mã xã")]
    public string? CommuneCode { get; set; }
    public decimal Goal { get; set; }

    [Display(Name = "Đơn vị tính")]
    public string? Unit { get; set; }
    public ActivityScope Scope { get; set; }
    public ProgressMode Mode { get; set; }

    /// <summary>The communes of an activity and each one's goal: "code=goal", comma separated.</summary>
    [Display(Name = "Danh sách xã và mục tiêu từng xã")]
    public string? CommuneGoals { get; set; }

    /// <summary>The agency responsible for recording an activity's progress (any agency of the plan's coordination office when null).</summary>
    public int? AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public List<TargetUpdate> Updates { get; set; } = [];
    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Kind), "Loại"),
                (nameof(Name), "Mục tiêu"),
                (nameof(Level), "Mức"),
                (nameof(Year), "Năm"),
                (nameof(BaselineYear), "Năm gốc"),
                (nameof(CommuneCode), "Xã"),
                (nameof(Goal), "Chỉ tiêu"),
                (nameof(Unit), "Đơn vị tính"),
                (nameof(Scope), "Phạm vi"),
                (nameof(Mode), "Cách tính tiến độ"),
                (nameof(CommuneGoals), "Chỉ tiêu từng xã"),
            ],
            nameof(PlanId),
            nameof(AgencyId)
        );

    public AuditInfo AuditInfo() => new(Plan?.ProvinceCode, Name);
}

/// <summary>A recorded progress update of an activity target: date, amount, evidence, by whom.</summary>
public sealed class TargetUpdate : IAudited
{
    public int Id { get; set; }
    public int TargetId { get; set; }
    public PlanTarget Target { get; set; } = null!;
    public DateOnly Date { get; set; }
    public decimal Amount { get; set; }

    [Display(Name = "Mã xã")]
    public string? CommuneCode { get; set; }

    [Display(Name = "Minh chứng")]
    public string? Evidence { get; set; }

    [Display(Name = "Tên tệp minh chứng")]
    public string? FileName { get; set; }
    public string? FileContentType { get; set; }
    public long? FileSize { get; set; }
    public string? FileKey { get; set; }

    /// <summary>Who recorded it (display name) and the account.</summary>
    public required string By { get; set; }
    public string? ByUserName { get; set; }
    public DateTime RecordedAt { get; set; }
    public static AuditFields AuditFields { get; } =
        new(
            [
                (nameof(Date), "Ngày"),
                (nameof(Amount), "Số lượng"),
                (nameof(CommuneCode), "Xã"),
                (nameof(Evidence), "Minh chứng"),
                (nameof(FileName), "Tệp minh chứng"),
                (nameof(FileContentType), "Loại tệp"),
                (nameof(FileSize), "Dung lượng (byte)"),
                (nameof(By), "Người ghi"),
                (nameof(ByUserName), "Tài khoản"),
                (nameof(RecordedAt), "Ghi lúc"),
            ],
            nameof(TargetId),
            nameof(FileKey)
        );

    public AuditInfo AuditInfo() => new(CommuneCode ?? Target?.Plan?.ProvinceCode, $"{Target?.Name}: {Amount}");
}

/// <summary>An assignment (phân công giúp đỡ xã): an agency helps some communes for a period, with the leader in charge.</summary>
public sealed class Assignment : IAudited
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public required string ProvinceCode { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }

    [Display(Name = "Lãnh đạo phụ trách")]
    public required string Leader { get; set; }
    public List<AssignmentCommune> Communes { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public static AuditFields AuditFields { get; } =
        new(
            [(nameof(From), "Từ ngày"), (nameof(To), "Đến ngày"), (nameof(Leader), "Lãnh đạo phụ trách"), (nameof(ProvinceCode), "Tỉnh")],
            nameof(AgencyId),
            nameof(UpdatedAt),
            nameof(UpdatedBy)
        );

    public AuditInfo AuditInfo() => new(ProvinceCode, Key);

    /// <summary>"Sở Tài chính 2026-2026": how the trail names the assignment, on its own rows and on its communes'.</summary>
    public string Key => $"{Agency?.Name} {From:yyyy}-{To:yyyy}";
}

/// <summary>A commune of an assignment: its own rows in the trail, filed under the commune (assigned, or taken off).</summary>
public sealed class AssignmentCommune : IAudited
{
    public int Id { get; set; }
    public int AssignmentId { get; set; }
    public Assignment? Assignment { get; set; }

    [Display(Name = "Mã xã")]
    public required string CommuneCode { get; set; }
    public static AuditFields AuditFields { get; } = new([(nameof(CommuneCode), "Xã được phân công")], nameof(AssignmentId));

    public AuditInfo AuditInfo() => new(CommuneCode, Assignment?.Key ?? $"Phân công #{AssignmentId}");
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> agency)
    {
        agency.Property(a => a.ProvinceCode).HasMaxLength(10);
        agency.Property(a => a.Name).HasMaxLength(200);
        agency.Property(a => a.NameKey).HasMaxLength(200);
        agency.HasIndex(a => new { a.ProvinceCode, a.NameKey }).IsUnique();
    }
}

internal sealed class CommuneListConfiguration : IEntityTypeConfiguration<CommuneList>
{
    public void Configure(EntityTypeBuilder<CommuneList> list)
    {
        list.Property(l => l.ProvinceCode).HasMaxLength(10);
        list.Property(l => l.Name).HasMaxLength(300);
        list.Property(l => l.CommuneCodes).HasMaxLength(20000);
        list.Property(l => l.UpdatedBy).HasMaxLength(256);
        list.Property(l => l.UpdatedAt).IsConcurrencyToken(); // the version a correction is made from (Web/Api/EditVersion)
        list.HasIndex(l => new { l.ProvinceCode, l.Name }).IsUnique();
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> plan)
    {
        plan.Property(p => p.ProvinceCode).HasMaxLength(10);
        plan.Property(p => p.Number).HasMaxLength(100);
        plan.Property(p => p.Issuer).HasMaxLength(300);
        plan.Property(p => p.Title).HasMaxLength(1000);
        plan.Property(p => p.FileName).HasMaxLength(260);
        plan.Property(p => p.FileContentType).HasMaxLength(100);
        plan.Property(p => p.FileKey).HasMaxLength(100);
        plan.Property(p => p.UpdatedBy).HasMaxLength(256);
        plan.Property(p => p.UpdatedAt).IsConcurrencyToken(); // the version a correction is made from (Web/Api/EditVersion)
        plan.HasIndex(p => new { p.ProvinceCode, p.Number }).IsUnique();
        plan.HasMany(p => p.Targets).WithOne(t => t.Plan).HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanTargetConfiguration : IEntityTypeConfiguration<PlanTarget>
{
    public void Configure(EntityTypeBuilder<PlanTarget> target)
    {
        target.Property(t => t.Name).HasMaxLength(500);
        target.Property(t => t.Level).HasMaxLength(50);
        target.Property(t => t.CommuneCode).HasMaxLength(10);
        target.Property(t => t.Goal).HasPrecision(18, 4);
        target.Property(t => t.Unit).HasMaxLength(50);
        target.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        target.Property(t => t.Scope).HasConversion<string>().HasMaxLength(20);
        target.Property(t => t.Mode).HasConversion<string>().HasMaxLength(20);
        target.Property(t => t.CommuneGoals).HasMaxLength(20000);
        target.HasOne(t => t.Agency).WithMany().HasForeignKey(t => t.AgencyId).OnDelete(DeleteBehavior.SetNull);
        target.HasMany(t => t.Updates).WithOne(u => u.Target).HasForeignKey(u => u.TargetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TargetUpdateConfiguration : IEntityTypeConfiguration<TargetUpdate>
{
    public void Configure(EntityTypeBuilder<TargetUpdate> update)
    {
        update.Property(u => u.Amount).HasPrecision(18, 4);
        update.Property(u => u.CommuneCode).HasMaxLength(10);
        update.Property(u => u.Evidence).HasMaxLength(2000);
        update.Property(u => u.FileName).HasMaxLength(260);
        update.Property(u => u.FileContentType).HasMaxLength(100);
        update.Property(u => u.FileKey).HasMaxLength(100);
        update.Property(u => u.By).HasMaxLength(200);
        update.Property(u => u.ByUserName).HasMaxLength(256);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> assignment)
    {
        assignment.Property(a => a.ProvinceCode).HasMaxLength(10);
        assignment.Property(a => a.Leader).HasMaxLength(300);
        assignment.Property(a => a.UpdatedBy).HasMaxLength(256);
        assignment.Property(a => a.UpdatedAt).IsConcurrencyToken(); // the version a correction is made from (Web/Api/EditVersion)
        assignment.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasMany(a => a.Communes).WithOne(c => c.Assignment).HasForeignKey(c => c.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasIndex(a => a.ProvinceCode);
    }
}

internal sealed class AssignmentCommuneConfiguration : IEntityTypeConfiguration<AssignmentCommune>
{
    public void Configure(EntityTypeBuilder<AssignmentCommune> commune)
    {
        commune.Property(c => c.CommuneCode).HasMaxLength(10);
        commune.HasIndex(c => new { c.AssignmentId, c.CommuneCode }).IsUnique();
        commune.HasIndex(c => c.CommuneCode);
    }
}

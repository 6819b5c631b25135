using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Domain.Common;
using Mtqg.Domain.Plans;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Plans;

/// <summary>Plans, their targets and the progress of each: computed (levels reached) or recorded (activities).</summary>
public sealed partial class PlanService(
    AppDbContext db,
    Agencies agencies,
    AccessPolicy access,
    ILevelAttainment attainment,
    Poverty.PovertyService poverty,
    FileStore files,
    TimeProvider clock
)
{
    public const string RecordedSource = "ghi nhận của đơn vị thực hiện";
    private DateOnly Today => VietnamTime.Today(clock);

    public async Task<(IReadOnlyList<PlanLine>? Plans, Outcome Outcome)> ListAsync(string province, CancellationToken ct)
    {
        if (InputText.IsBlank(province))
            return (null, Agencies.ProvinceRequired);
        if (!access.CanReadProvinceWork(province))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem kế hoạch của tỉnh {province}."));
        var plans = await db
            .Plans.AsNoTracking()
            .Where(p => p.ProvinceCode == province)
            .OrderByDescending(p => p.IssuedOn)
            .ThenBy(p => p.Number)
            .Select(p => new PlanLine(
                p.Id,
                p.ProvinceCode,
                p.Number,
                p.Issuer,
                p.IssuedOn,
                p.PeriodFrom,
                p.PeriodTo,
                p.Title,
                p.Targets.Count,
                p.FileKey != null
            ))
            .ToListAsync(ct);
        return (plans, Outcome.Done);
    }

    public Task<(int? Id, Outcome Outcome)> CreateAsync(PlanInput input, CancellationToken ct) => SaveAsync(null, input, ct);

    /// <summary>
    /// Creates a plan (<paramref name="id"/> null) or corrects its number, issuer, date, period and title (the province is
    /// kept); <paramref name="version"/>: the version it was read at (<see cref="EditVersion"/>).
    /// </summary>
    public async Task<(int? Id, Outcome Outcome)> SaveAsync(int? id, PlanInput input, CancellationToken ct, string? version = null)
    {
        var plan = id is null ? null : await db.Plans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (id is not null && plan is null)
            return (null, Outcome.NotFound($"Không có kế hoạch số {id}."));
        var province = plan?.ProvinceCode ?? input.ProvinceCode?.Trim() ?? "";
        var problems = new List<Problem>();
        if (plan is null && (province.Length == 0 || await agencies.ProvinceNameAsync(province, Today, ct) is null))
            problems.Add(new("provinceCode", $"Không có tỉnh, thành phố mã \"{province}\" đang có hiệu lực."));
        else if (!access.CanManageProvince(province))
            return (
                null,
                Outcome.Forbidden(
                    $"Chỉ Văn phòng Điều phối của tỉnh {province} mới {(plan is null ? "lập" : "sửa")} được kế hoạch của tỉnh."
                )
            );
        if (plan is not null && input.ProvinceCode is { Length: > 0 } other && other.Trim() != province)
            problems.Add(new("provinceCode", $"Kế hoạch thuộc tỉnh {province}: không chuyển sang tỉnh khác được."));
        Required(problems, "number", input.Number, (Plan p) => p.Number, "Phải nhập số, ký hiệu kế hoạch (ví dụ 239/KH-BCĐ).");
        Required(problems, "issuer", input.Issuer, (Plan p) => p.Issuer, "Phải nhập cơ quan ban hành.");
        Required(problems, "title", input.Title, (Plan p) => p.Title, "Phải nhập trích yếu (tên) kế hoạch.");
        if (input.IssuedOn is null)
            problems.Add(new("issuedOn", "Phải nhập ngày ban hành."));
        else if (PastDate.Check("issuedOn", "Ngày ban hành", input.IssuedOn, Today) is { } future)
            problems.Add(future);
        if (input.PeriodFrom is null)
            problems.Add(new("periodFrom", "Phải nhập ngày bắt đầu kỳ kế hoạch."));
        if (input.PeriodTo is null)
            problems.Add(new("periodTo", "Phải nhập ngày kết thúc kỳ kế hoạch."));
        if (input.PeriodFrom is { } from && input.PeriodTo is { } to && to < from)
            problems.Add(new("periodTo", "Ngày kết thúc kỳ kế hoạch phải sau ngày bắt đầu."));
        var number = input.Number?.Trim() ?? "";
        if (problems.Count == 0 && await db.Plans.AnyAsync(p => p.ProvinceCode == province && p.Number == number && p.Id != (id ?? 0), ct))
            problems.Add(new("number", $"Tỉnh đã có kế hoạch số {number}."));
        if (plan is not null && EditVersion.IsStale(version, plan.UpdatedAt))
            return (null, EditVersion.Changed($"Kế hoạch số {plan.Number}", plan.UpdatedAt, plan.UpdatedBy));
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Kế hoạch chưa hợp lệ.", problems));
        plan ??= db
            .Plans.Add(
                new Plan
                {
                    ProvinceCode = province,
                    Number = number,
                    Issuer = "",
                    Title = "",
                }
            )
            .Entity;
        (plan.Number, plan.Issuer, plan.IssuedOn, plan.PeriodFrom, plan.PeriodTo, plan.Title) = (
            number,
            input.Issuer!.Trim(),
            input.IssuedOn!.Value,
            input.PeriodFrom!.Value,
            input.PeriodTo!.Value,
            input.Title!.Trim()
        );
        (plan.UpdatedAt, plan.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        var saved = await EditVersion.SaveAsync(db, plan, $"Kế hoạch số {number}", ct);
        return (saved.IsDone ? plan.Id : null, saved);
    }

    /// <summary>
    /// Deletes a plan made by mistake, with its targets, while no progress has been recorded on it (after that it is the
    /// record of work done); the signed file is removed from the store after the commit.
    /// </summary>
    public async Task<Outcome> DeleteAsync(int id, CancellationToken ct, string? version = null)
    {
        var plan = await db
            .Plans.Include(p => p.Targets)
                .ThenInclude(t => t.Updates)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
            return Outcome.NotFound($"Không có kế hoạch số {id}.");
        if (!access.CanManageProvince(plan.ProvinceCode))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {plan.ProvinceCode} mới xóa được kế hoạch.");
        if (EditVersion.IsStale(version, plan.UpdatedAt))
            return EditVersion.Changed($"Kế hoạch số {plan.Number}", plan.UpdatedAt, plan.UpdatedBy);
        var recorded = plan.Targets.Sum(t => t.Updates.Count);
        if (recorded > 0)
            return Outcome.Conflict(
                $"Không xóa được kế hoạch số {plan.Number}: đã ghi {recorded} lần tiến độ. Sửa thông tin kế hoạch thay vì xóa."
            );
        var file = plan.FileKey;
        db.Plans.Remove(plan);
        var saved = await EditVersion.SaveAsync(db, plan, $"Kế hoạch số {plan.Number}", ct);
        if (saved.IsDone && file is not null)
            files.Delete(file);
        return saved;
    }

    /// <summary>Deletes a target added by mistake while no progress has been recorded on it; the plan's version moves on.</summary>
    public async Task<Outcome> DeleteTargetAsync(int planId, int targetId, CancellationToken ct, string? version = null)
    {
        var target = await db
            .PlanTargets.Include(t => t.Plan)
            .Include(t => t.Updates)
            .FirstOrDefaultAsync(t => t.Id == targetId && t.PlanId == planId, ct);
        if (target is null)
            return Outcome.NotFound($"Kế hoạch số {planId} không có mục tiêu số {targetId}.");
        var plan = target.Plan;
        if (!access.CanManageProvince(plan.ProvinceCode))
            return Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {plan.ProvinceCode} mới xóa được mục tiêu.");
        if (EditVersion.IsStale(version, plan.UpdatedAt))
            return EditVersion.Changed($"Kế hoạch số {plan.Number}", plan.UpdatedAt, plan.UpdatedBy);
        if (target.Updates.Count > 0)
            return Outcome.Conflict($"Không xóa được mục tiêu «{target.Name}»: đã ghi {target.Updates.Count} lần tiến độ.");
        db.PlanTargets.Remove(target);
        (plan.UpdatedAt, plan.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        return await EditVersion.SaveAsync(db, plan, $"Kế hoạch số {plan.Number}", ct);
    }

    /// <summary>A text the user must give, no longer than its column holds (decision 0013).</summary>
    private void Required<T>(List<Problem> problems, string field, string? value, Expression<Func<T, string?>> column, string message)
    {
        if (InputText.IsBlank(value))
            problems.Add(new(field, message));
        else if (db.TooLong(column, value.Trim(), field) is { } tooLong)
            problems.Add(tooLong);
    }

    public static string KindCode(TargetKind kind) =>
        kind switch
        {
            TargetKind.CommuneCount => "communeCount",
            TargetKind.NamedCommune => "namedCommune",
            TargetKind.RateReduction => "rateReduction",
            _ => "activity",
        };

    public static string KindName(string kind) =>
        kind switch
        {
            "communeCount" => "Số xã đạt chuẩn",
            "namedCommune" => "Xã đạt chuẩn",
            "rateReduction" => "Giảm tỷ lệ hộ nghèo",
            _ => "Hoạt động",
        };

    private static string ScopeCode(ActivityScope scope) => scope == ActivityScope.PerCommune ? "perCommune" : "overall";

    private static string ModeCode(ProgressMode mode) => mode == ProgressMode.LatestValue ? "latestValue" : "cumulative";

    public static string StateCode(TargetState state) =>
        state switch
        {
            TargetState.OnTrack => "onTrack",
            TargetState.Behind => "behind",
            TargetState.Done => "done",
            TargetState.Missed => "missed",
            _ => "notYet",
        };

    public static string StateName(TargetState state) =>
        state switch
        {
            TargetState.OnTrack => "Đúng tiến độ",
            TargetState.Behind => "Chậm tiến độ",
            TargetState.Done => "Đã hoàn thành",
            TargetState.Missed => "Không hoàn thành",
            _ => "Chưa đến hạn",
        };
}

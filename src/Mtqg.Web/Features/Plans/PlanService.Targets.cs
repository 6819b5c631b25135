using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Domain.Common;
using Mtqg.Domain.Plans;

namespace Mtqg.Web.Features.Plans;

/// <summary>Targets added to a plan by the coordination office.</summary>
public sealed partial class PlanService
{
    public async Task<(int? Id, Outcome Outcome)> AddTargetAsync(int planId, TargetInput input, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
            return (null, Outcome.NotFound($"Không có kế hoạch số {planId}."));
        if (!access.CanManageProvince(plan.ProvinceCode))
            return (null, Outcome.Forbidden($"Chỉ Văn phòng Điều phối của tỉnh {plan.ProvinceCode} mới thêm được mục tiêu."));
        var problems = new List<Problem>();
        Required(problems, "name", input.Name, (PlanTarget t) => t.Name, "Phải nhập tên mục tiêu.");
        var kind = input.Kind?.Trim() switch
        {
            "communeCount" => TargetKind.CommuneCount,
            "namedCommune" => TargetKind.NamedCommune,
            "activity" => TargetKind.Activity,
            "rateReduction" => TargetKind.RateReduction,
            _ => (TargetKind?)null,
        };
        if (kind is null)
        {
            problems.Add(
                new(
                    "kind",
                    "Loại mục tiêu phải là communeCount (số xã đạt chuẩn), namedCommune (xã cụ thể), activity (hoạt động) hoặc rateReduction (giảm tỷ lệ hộ nghèo)."
                )
            );
            return (null, Outcome.Invalid("Mục tiêu chưa hợp lệ.", problems));
        }
        var target = new PlanTarget
        {
            PlanId = plan.Id,
            Plan = plan,
            Kind = kind.Value,
            Name = input.Name?.Trim() ?? "",
        };
        if (kind is TargetKind.CommuneCount or TargetKind.NamedCommune)
        {
            Required(problems, "level", input.Level, (PlanTarget t) => t.Level, "Phải chọn mức đạt chuẩn (ví dụ NTM).");
            if (input.Year is not { } year || year < 2000 || year > 2100)
                problems.Add(new("year", "Phải nhập năm (2000–2100)."));
            target.Level = input.Level?.Trim();
            target.Year = input.Year;
        }
        if (kind == TargetKind.CommuneCount)
        {
            if (input.Goal is not { } goal || goal <= 0 || goal != Math.Floor(goal))
                problems.Add(new("goal", "Số xã mục tiêu phải là số nguyên lớn hơn 0."));
            target.Goal = input.Goal ?? 0;
        }
        else if (kind == TargetKind.NamedCommune)
        {
            var communeProblems = await agencies.CheckCommunesAsync(
                plan.ProvinceCode,
                input.CommuneCode is null ? [] : [input.CommuneCode],
                "communeCode",
                true,
                CommunesOn(plan),
                ct
            );
            problems.AddRange(communeProblems.Select(p => p with { Field = "communeCode" }));
            (target.CommuneCode, target.Goal) = (input.CommuneCode?.Trim(), 1);
        }
        else if (kind == TargetKind.RateReduction)
            await RateReductionAsync(plan, target, input, problems, ct);
        else
        {
            Required(problems, "unit", input.Unit, (PlanTarget t) => t.Unit, "Phải nhập đơn vị tính (ví dụ: lớp, hộ, %).");
            target.Unit = input.Unit?.Trim();
            var scope = input.Scope?.Trim() switch
            {
                null or "" or "overall" => ActivityScope.Overall,
                "perCommune" => ActivityScope.PerCommune,
                _ => (ActivityScope?)null,
            };
            var mode = input.Mode?.Trim() switch
            {
                null or "" or "cumulative" => ProgressMode.Cumulative,
                "latestValue" => ProgressMode.LatestValue,
                _ => (ProgressMode?)null,
            };
            if (scope is null)
                problems.Add(new("scope", "Phạm vi phải là overall (chung) hoặc perCommune (theo từng xã)."));
            if (mode is null)
                problems.Add(new("mode", "Cách cộng dồn phải là cumulative (cộng dồn) hoặc latestValue (giá trị mới nhất)."));
            (target.Scope, target.Mode) = (scope ?? ActivityScope.Overall, mode ?? ProgressMode.Cumulative);
            var goals = (input.Communes ?? [])
                .Select(c => (Code: c.Code?.Trim() ?? "", Goal: c.Goal ?? (target.Scope == ActivityScope.PerCommune ? input.Goal ?? 0 : 1)))
                .ToList();
            if (input.CommuneListId is { } listId)
            {
                var list = await db
                    .CommuneLists.AsNoTracking()
                    .FirstOrDefaultAsync(l => l.Id == listId && l.ProvinceCode == plan.ProvinceCode, ct);
                if (list is null)
                    problems.Add(new("communeListId", $"Không có danh sách xã số {listId} của tỉnh {plan.ProvinceCode}."));
                else
                    goals.AddRange(
                        list.CommuneCodes.Split(',', StringSplitOptions.RemoveEmptyEntries)
                            .Select(c => (c, target.Scope == ActivityScope.PerCommune ? input.Goal ?? 0 : 1m))
                    );
            }
            problems.AddRange(
                await agencies.CheckCommunesAsync(
                    plan.ProvinceCode,
                    [.. goals.Select(g => g.Code)],
                    "communes",
                    target.Scope == ActivityScope.PerCommune,
                    CommunesOn(plan),
                    ct
                )
            );
            for (var i = 0; i < goals.Count; i++)
                if (goals[i].Goal <= 0)
                    problems.Add(new($"communes[{i}].goal", $"Xã dòng {i + 1}: mục tiêu của xã phải lớn hơn 0."));
            if (target.Scope == ActivityScope.Overall)
            {
                if (input.Goal is not > 0)
                    problems.Add(new("goal", "Mục tiêu phải lớn hơn 0."));
                target.Goal = input.Goal ?? 0;
            }
            else
                target.Goal = goals.Count;
            target.CommuneGoals =
                goals.Count == 0 ? null : string.Join(',', goals.Select(g => $"{g.Code}={g.Goal.ToString(CultureInfo.InvariantCulture)}"));
            if (db.TooLong((PlanTarget t) => t.CommuneGoals, target.CommuneGoals, "communes") is { } tooMany)
                problems.Add(tooMany);
            if (!InputText.IsBlank(input.Agency))
            {
                var key = Agencies.Key(input.Agency);
                var agency = await db.Agencies.FirstOrDefaultAsync(a => a.ProvinceCode == plan.ProvinceCode && a.NameKey == key, ct);
                if (agency is null)
                    problems.Add(new("agency", $"Tỉnh chưa có đơn vị giúp đỡ \"{input.Agency.Trim()}\" (tạo qua phân công)."));
                else
                    target.AgencyId = agency.Id;
            }
        }
        if (problems.Count > 0)
            return (null, Outcome.Invalid("Mục tiêu chưa hợp lệ.", problems));
        db.PlanTargets.Add(target);
        await db.SaveChangesAsync(ct);
        return (target.Id, Outcome.Done);
    }

    /// <summary>
    /// The day whose communes a plan's targets name (DESIGN §9): the start of the plan's period when it began before today (a
    /// plan of 2024 names the communes of 2024, before the reform merged them), today otherwise.
    /// </summary>
    private DateOnly CommunesOn(Plan plan) => plan.PeriodFrom < Today ? plan.PeriodFrom : Today;
}

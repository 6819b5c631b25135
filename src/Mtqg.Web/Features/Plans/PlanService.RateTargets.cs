using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Domain.Common;
using Mtqg.Domain.Plans;

namespace Mtqg.Web.Features.Plans;

/// <summary>
/// "Giảm tỷ lệ hộ nghèo N điểm %" targets (DESIGN §12): checked when added, judged from the approved poverty results of
/// the communes they name (or of the province when they name none).
/// </summary>
public sealed partial class PlanService
{
    public const string PovertySource = "kết quả rà soát hộ nghèo đã phê duyệt";

    private async Task RateReductionAsync(Plan plan, PlanTarget target, TargetInput input, List<Problem> problems, CancellationToken ct)
    {
        if (input.BaselineYear is not { } baseline)
            problems.Add(new("baselineYear", "Phải nhập năm gốc (năm có tỷ lệ hộ nghèo dùng làm mốc)."));
        else if (!InputRange.IsYear(baseline))
            problems.Add(new("baselineYear", InputRange.YearMessage("Năm gốc", baseline)));
        if (input.Year is not { } year)
            problems.Add(new("year", "Phải nhập năm cần đạt."));
        else if (!InputRange.IsYear(year))
            problems.Add(new("year", InputRange.YearMessage("Năm cần đạt", year)));
        else if (input.BaselineYear is { } from && year <= from)
            problems.Add(new("year", $"Năm cần đạt ({year}) phải sau năm gốc ({from})."));
        if (input.Goal is not { } points || points <= 0 || points > 100)
            problems.Add(new("goal", "Mức giảm phải lớn hơn 0 và không quá 100 điểm phần trăm (ví dụ 10,77)."));
        var scope = input.Scope?.Trim() switch
        {
            null or "" or "overall" or "average" => ActivityScope.Overall,
            "perCommune" or "each" => ActivityScope.PerCommune,
            _ => (ActivityScope?)null,
        };
        if (scope is null)
            problems.Add(new("scope", "Cách tính phải là overall (bình quân các xã) hoặc perCommune (từng xã)."));
        var codes = (input.Communes ?? []).Select(c => c.Code?.Trim() ?? "").ToList();
        if (input.CommuneListId is { } listId)
        {
            var list = await db
                .CommuneLists.AsNoTracking()
                .FirstOrDefaultAsync(l => l.Id == listId && l.ProvinceCode == plan.ProvinceCode, ct);
            if (list is null)
                problems.Add(new("communeListId", $"Không có danh sách xã số {listId} của tỉnh {plan.ProvinceCode}."));
            else
                codes.AddRange(list.CommuneCodes.Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
        if (scope == ActivityScope.PerCommune && codes.Count == 0)
            problems.Add(new("communes", "Mục tiêu giảm ở từng xã phải có danh sách xã (để trống: tỷ lệ chung của tỉnh)."));
        else
            problems.AddRange(await agencies.CheckCommunesAsync(plan.ProvinceCode, codes, "communes", false, CommunesOn(plan), ct));
        (target.Year, target.BaselineYear, target.Goal, target.Scope, target.Unit) = (
            input.Year,
            input.BaselineYear,
            input.Goal ?? 0,
            scope ?? ActivityScope.Overall,
            "điểm %"
        );
        var goal = target.Goal.ToString(CultureInfo.InvariantCulture);
        target.CommuneGoals = codes.Count == 0 ? null : string.Join(',', codes.Select(c => $"{c}={goal}"));
        if (db.TooLong((PlanTarget t) => t.CommuneGoals, target.CommuneGoals, "communes") is { } tooMany)
            problems.Add(tooMany);
    }

    /// <summary>The target judged at <paramref name="today"/> from the approved rates up to the target's year (or today's year).</summary>
    private async Task<(RateReductionProgress Progress, List<CommuneProgressView> Communes)> RateProgressAsync(
        Plan plan,
        PlanTarget target,
        Func<string, string> name,
        DateOnly today,
        CancellationToken ct
    )
    {
        var rule = new RateReductionTarget(
            target.BaselineYear!.Value,
            target.Year!.Value,
            target.Goal,
            target.Scope == ActivityScope.PerCommune
        );
        var last = Math.Min(rule.Year, today.Year);
        var codes = CommuneGoals(target).Select(g => g.CommuneCode).ToList();
        List<UnitRates> units =
            codes.Count == 0
                ? [await poverty.ProvinceReductionAsync(plan.ProvinceCode, rule.BaselineYear, last, ct)]
                : await poverty.CommuneRatesAsync(codes, CommunesOn(plan), rule.BaselineYear, last, ct);
        var progress = rule.ProgressAt(units, today);
        var communes =
            codes.Count == 0
                ? []
                : units
                    .Select(u => new CommuneProgressView(
                        u.Code,
                        name(u.Code),
                        u.Reduction ?? 0,
                        target.Goal,
                        u.Reduction >= target.Goal,
                        u.Baseline,
                        u.Latest,
                        u.LatestYear,
                        u.Note
                    ))
                    .ToList();
        return (progress, communes);
    }
}

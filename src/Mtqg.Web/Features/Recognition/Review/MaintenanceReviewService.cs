using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Common;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.CriteriaSets;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Evaluation;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Recognition.Review;

public sealed record ReviewItem(
    int TitleId,
    UnitRef Commune,
    string Level,
    string Set,
    int RecognisedYear,
    string DecisionNumber,
    string Verdict,
    string VerdictLabel,
    int CriteriaTotal,
    IReadOnlyList<int> NotMet,
    IReadOnlyList<int> ProtectedNotMet,
    IReadOnlyList<int> Undetermined,
    string Message
);

/// <summary>The yearly review of a province: the rule that applies (or "chưa có quy định"), every title held, the communes at risk first.</summary>
public sealed record ReviewDto(
    int Year,
    string? Province,
    string Rule,
    int Titles,
    int AtRisk,
    int Revocation,
    IReadOnlyList<ReviewItem> Items,
    int FormerUnitTitles
);

/// <summary>
/// Rà soát duy trì: every commune holding a title is judged on this year's scorecard at its level with
/// the set's revocation rule (<see cref="MaintenanceReview"/>). A set without a rule is never given one:
/// the failing criteria are listed and the verdict says "chưa có quy định".
/// </summary>
public sealed class MaintenanceReviewService(
    AppDbContext db,
    ScorecardService scorecards,
    EvaluationService evaluations,
    AccessPolicy access,
    ProvinceLineage lineage
)
{
    public const string NoRule = "Bộ tiêu chí chưa có quy định về thu hồi (tỷ lệ và danh mục tiêu chí bắt buộc)";

    public async Task<(ReviewDto? Review, Outcome Outcome)> ReviewAsync(int year, string? province, CancellationToken ct)
    {
        if (year is < 2000 or > 2100)
            return (null, Outcome.Invalid("Năm không hợp lệ.", [new("year", $"Năm {year} phải nằm trong khoảng 2000–2100.")]));
        var national = access.ReadsNationally;
        if (InputText.IsBlank(province))
        {
            if (!national)
                return (null, Outcome.Invalid("Thiếu tỉnh.", [new("province", "Chọn tỉnh (province=<mã tỉnh>).")]));
        }
        else if (!await access.CanReadProvinceAsync(province, year))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem rà soát của tỉnh {province}."));

        // Only titles the units of the year hold are reviewed (decision 0021): a title of a commune merged away by the reform is
        // not its successor's until the province acknowledges it, and is only counted here.
        var yearEnd = new DateOnly(year, 12, 31);
        var provinces = InputText.IsBlank(province) ? [] : (await lineage.OldProvincesOfAsync(province)).Append(province).ToList();
        var formerUnits = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => t.RevokedOn == null && t.Year < year && t.Unit.ValidTo != null && t.Unit.ValidTo < yearEnd)
            .Where(t => InputText.IsBlank(province) || provinces.Contains(t.ProvinceCode))
            .CountAsync(ct);
        var titles = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => t.RevokedOn == null && t.Year < year)
            .Where(t => (t.Unit.ValidFrom == null || t.Unit.ValidFrom <= yearEnd) && (t.Unit.ValidTo == null || t.Unit.ValidTo >= yearEnd))
            .Where(t => InputText.IsBlank(province) || t.ProvinceCode == province)
            .Select(t => new
            {
                t.Id,
                t.CommuneCode,
                t.CommuneName,
                t.LevelCode,
                t.SetCode,
                t.Year,
                t.ProvinceCode,
                t.Decision.Number,
            })
            .ToListAsync(ct);

        var rules = new Dictionary<string, (RevocationRule? Rule, string Text)>();
        // Scorecards are evaluated set-based, once per (set, level) for the whole province (or country), not per title.
        var evaluated = new Dictionary<(string Set, string Level), Dictionary<string, Scorecard>>();
        var items = new List<ReviewItem>();
        foreach (var t in titles)
        {
            var (set, _) = await scorecards.SetForAsync(t.SetCode, year, ct);
            set ??= (await scorecards.SetForAsync(null, year, t.ProvinceCode, ct)).Set;
            Scorecard? card = null;
            if (set is not null && set.Levels.Any(l => l.Code == t.LevelCode))
            {
                if (!evaluated.TryGetValue((set.Code, t.LevelCode), out var cards))
                    evaluated[(set.Code, t.LevelCode)] = cards = (
                        await evaluations.EvaluateAsync(set, year, InputText.IsBlank(province) ? null : province, ct, t.LevelCode)
                    ).ToDictionary(r => r.Commune.Code, r => r.Card);
                card = cards.GetValueOrDefault(t.CommuneCode);
            }
            if (set is null || card is null)
            {
                items.Add(
                    new ReviewItem(
                        t.Id,
                        new UnitRef(t.CommuneCode, t.CommuneName),
                        t.LevelCode,
                        t.SetCode,
                        t.Year,
                        t.Number,
                        "unknown",
                        "Chưa rà soát được",
                        0,
                        [],
                        [],
                        [],
                        $"Không có bảng đánh giá năm {year} cho {t.CommuneName} ở mức {t.LevelCode} (xã hoặc bộ tiêu chí không còn áp dụng)."
                    )
                );
                continue;
            }
            if (!rules.TryGetValue(set.Code, out var rule))
                rules[set.Code] = rule = await RuleAsync(set.Code, ct);
            if (rule.Rule is { } r)
            {
                var result = MaintenanceReview.Review(r, card);
                items.Add(
                    new ReviewItem(
                        t.Id,
                        new UnitRef(t.CommuneCode, t.CommuneName),
                        t.LevelCode,
                        set.Code,
                        t.Year,
                        t.Number,
                        result.Verdict switch
                        {
                            ReviewVerdict.Keep => "keep",
                            ReviewVerdict.AtRisk => "at_risk",
                            _ => "revocation",
                        },
                        result.Verdict switch
                        {
                            ReviewVerdict.Keep => "Duy trì",
                            ReviewVerdict.AtRisk => "Có nguy cơ",
                            _ => "Thuộc diện thu hồi",
                        },
                        result.CriteriaTotal,
                        result.NotMet,
                        result.ProtectedNotMet,
                        result.Undetermined,
                        result.Message
                    )
                );
            }
            else
            {
                var applicable = card.Criteria.Where(c => c.Status != EvaluationStatus.NotApplicable).ToList();
                var notMet = applicable.Where(c => c.Status == EvaluationStatus.NotMet).Select(c => c.Number).ToList();
                var undetermined = applicable
                    .Where(c => c.Status is EvaluationStatus.Missing or EvaluationStatus.NoThreshold)
                    .Select(c => c.Number)
                    .ToList();
                var keep = notMet.Count == 0 && undetermined.Count == 0;
                items.Add(
                    new ReviewItem(
                        t.Id,
                        new UnitRef(t.CommuneCode, t.CommuneName),
                        t.LevelCode,
                        set.Code,
                        t.Year,
                        t.Number,
                        keep ? "keep" : "no_rule",
                        keep ? "Duy trì" : "Chưa có quy định",
                        applicable.Count,
                        notMet,
                        [],
                        undetermined,
                        keep
                            ? $"Duy trì: cả {applicable.Count} tiêu chí vẫn đạt."
                            : $"{notMet.Count}/{applicable.Count} tiêu chí không còn đạt{(notMet.Count == 0 ? "" : $": tiêu chí {string.Join(", ", notMet)}")}"
                                + $"{(undetermined.Count == 0 ? "" : $"; tiêu chí {string.Join(", ", undetermined)} thiếu số liệu hoặc chưa có ngưỡng")}. {NoRule}: chưa kết luận."
                    )
                );
            }
        }
        var order = new Dictionary<string, int>
        {
            ["revocation"] = 0,
            ["at_risk"] = 1,
            ["no_rule"] = 2,
            ["unknown"] = 3,
            ["keep"] = 4,
        };
        var sorted = items
            .OrderBy(i => order[i.Verdict])
            .ThenByDescending(i => i.NotMet.Count)
            .ThenBy(i => i.Commune.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false))
            .ToList();
        var ruleText =
            rules.Count == 0
                ? "Chưa có xã nào đang giữ danh hiệu để rà soát."
                : string.Join(" ", rules.Select(r => $"{r.Key}: {r.Value.Text}."));
        return (
            new ReviewDto(
                year,
                province,
                ruleText,
                items.Count,
                items.Count(i => i.Verdict is "at_risk" or "no_rule"),
                items.Count(i => i.Verdict == "revocation"),
                sorted,
                formerUnits
            ),
            Outcome.Done
        );
    }

    private async Task<(RevocationRule? Rule, string Text)> RuleAsync(string setCode, CancellationToken ct)
    {
        var row = await db
            .CriteriaSets.AsNoTracking()
            .Where(s => s.Code == setCode)
            .Select(s => new
            {
                s.RevocationLowerShare,
                s.RevocationUpperShare,
                s.RevocationProtected,
            })
            .FirstOrDefaultAsync(ct);
        if (row?.RevocationLowerShare is not { } lower || row.RevocationUpperShare is not { } upper)
            return (null, NoRule);
        var numbers = CriteriaSetService.ProtectedNumbers(row.RevocationProtected);
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        return (
            new RevocationRule(lower, upper, numbers.ToHashSet()),
            $"thu hồi khi từ {(lower * 100).ToString("0.#", vi)}% đến dưới {(upper * 100).ToString("0.#", vi)}% số tiêu chí không còn đạt và có tiêu chí bắt buộc "
                + $"({(numbers.Count == 0 ? "danh mục trống" : string.Join(", ", numbers))}), hoặc từ {(upper * 100).ToString("0.#", vi)}% trở lên"
        );
    }
}

using System.Globalization;
using Mtqg.Data.Plans;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Plans;
using Mtqg.Domain.Recognition;
using Mtqg.Domain.Visits;

namespace Mtqg.Web.Features.Audit;

/// <summary>How recorded values are written: invariant culture, so the trail reads the same whatever the page's language.</summary>
public static class AuditText
{
    public const int MaxLength = 4000;

    /// <summary>A stored indicator value: "true"/"false" for a pass/fail indicator, otherwise the decimal without trailing zeros ("99.5").</summary>
    public static string Value(decimal value, IndicatorType? type) =>
        type == IndicatorType.Boolean ? (ValueRules.IsAchieved(value) ? "true" : "false") : Number(value);

    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string? Date(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>"Tên: …; Đơn vị: 15": the fields named, in order, skipping none (an empty field shows as "").</summary>
    public static string? Fields(IEnumerable<(string Label, string? Value)> fields)
    {
        var text = string.Join("; ", fields.Select(f => $"{f.Label}: {f.Value}"));
        return text.Length == 0 ? null : Clip(text);
    }

    /// <summary>A recorded state or kind as the pages name it ("Đang soạn", "Sở, ngành", "Cộng dồn"), not the code's English name.</summary>
    public static string Name(Enum value) =>
        value switch
        {
            DossierStatus s => s.Label(),
            AppraisalStep s => Features.Recognition.Dossiers.DossierDtos.StepLabel(s),
            DecisionKind k => k switch
            {
                DecisionKind.Revocation => "Thu hồi",
                DecisionKind.Acknowledgement => "Ghi nhận xã sau sắp xếp",
                _ => "Công nhận",
            },
            TitleOrigin o => o switch
            {
                TitleOrigin.Baseline => "Ghi nhận trước khi có hệ thống",
                TitleOrigin.Acknowledgement => "Quyết định ghi nhận xã sau sắp xếp",
                _ => "Hồ sơ thẩm định trên hệ thống",
            },
            RecommendationStatus s => Recommendation.StatusName(s),
            PartyKind k => k switch
            {
                PartyKind.Department => "Sở, ngành",
                PartyKind.Commune => "UBND xã",
                _ => "UBND tỉnh",
            },
            TargetKind k => Features.Plans.PlanService.KindName(Features.Plans.PlanService.KindCode(k)),
            ActivityScope s => s == ActivityScope.PerCommune ? "Từng xã" : "Chung",
            ProgressMode m => m == ProgressMode.LatestValue ? "Số mới nhất" : "Cộng dồn",
            SupportKind k => Features.Visits.VisitService.SupportName(k),
            Mtqg.Data.Accounts.MailChoice c => Features.Mail.MailChoices.Label(c),
            _ => value.ToString(),
        };

    public static string? Clip(string? text) => text is { Length: > MaxLength } ? text[..(MaxLength - 1)] + "…" : text;
}

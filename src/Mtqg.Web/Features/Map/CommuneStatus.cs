using Mtqg.Web.Features.Scorecards;

namespace Mtqg.Web.Features.Map;

/// <summary>
/// A commune's colour on its province's map in a year, from what the dashboard reports: a title held on 31/12 (recognised by
/// decision) first; otherwise the self-assessed scorecard — the set's lowest level reached, not reached, or no value entered.
/// </summary>
public sealed record CommuneStatus(string Key, string Label, string Colour)
{
    public static readonly CommuneStatus Recognised = new("cong-nhan", "Được công nhận theo quyết định", "#006d2c");
    public static readonly CommuneStatus SelfAssessed = new(
        "dat-tu-danh-gia",
        "Đạt theo số liệu tự đánh giá (chưa phải công nhận)",
        "#74c476"
    );
    public static readonly CommuneStatus NotMet = new("chua-dat", "Chưa đạt (theo số liệu tự đánh giá)", "#fdae6b");
    public static readonly CommuneStatus NoData = new("chua-co-so-lieu", "Chưa có số liệu", "");

    /// <summary>A ward (phường) has boundaries but no scorecard: the criteria are for communes (xã, đặc khu).</summary>
    public static readonly CommuneStatus NotEvaluated = new("khong-danh-gia", "Phường, không đánh giá nông thôn mới", "#d9d9d9");

    public static readonly IReadOnlyList<CommuneStatus> All = [Recognised, SelfAssessed, NotMet, NoData, NotEvaluated];

    public static CommuneStatus Of(CommuneResult commune, bool recognised) =>
        recognised ? Recognised
        : commune.ValuesEntered == 0 ? NoData
        : commune.Reached.Count > 0 ? SelfAssessed
        : NotMet;

    /// <summary>What the commune's title (and an assistive technology) says: its name, its status, and the figures behind it.</summary>
    public static string Describe(CommuneResult commune, CommuneStatus status) =>
        status == Recognised ? $"{commune.Name}: được công nhận theo quyết định (giữ danh hiệu ngày 31/12)"
        : status == SelfAssessed
            ? $"{commune.Name}: đạt {string.Join(", ", commune.Reached)} theo số liệu tự đánh giá ({commune.CriteriaMet}/{commune.CriteriaTotal} tiêu chí), chưa phải công nhận"
        : status == NotMet ? $"{commune.Name}: chưa đạt theo số liệu tự đánh giá ({commune.CriteriaMet}/{commune.CriteriaTotal} tiêu chí)"
        : $"{commune.Name}: chưa có số liệu";
}

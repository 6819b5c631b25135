using System.Globalization;
using Mtqg.Domain.Evaluation;

namespace Mtqg.Domain.Recognition;

/// <summary>
/// When a recognised commune loses its title, as data of the criteria set: the shares of
/// criteria no longer met (0.30 and 0.50 under QĐ 18/2022) and the criteria numbers whose
/// failure, inside the lower band, is enough.
/// </summary>
public sealed record RevocationRule(decimal LowerShare, decimal UpperShare, IReadOnlySet<int> ProtectedCriteria)
{
    public decimal LowerShare { get; } =
        LowerShare is > 0 and <= 1 && LowerShare <= UpperShare
            ? LowerShare
            : throw new ArgumentOutOfRangeException(nameof(LowerShare), LowerShare, "Need 0 < LowerShare ≤ UpperShare ≤ 1.");

    public decimal UpperShare { get; } =
        UpperShare is > 0 and <= 1
            ? UpperShare
            : throw new ArgumentOutOfRangeException(nameof(UpperShare), UpperShare, "Need 0 < UpperShare ≤ 1.");
}

public enum ReviewVerdict
{
    Keep = 1,
    AtRisk = 2,
    Revocation = 3,
}

/// <summary>Which part of the rule decided the verdict.</summary>
public enum ReviewGround
{
    AllMet = 1,

    /// <summary>Some criteria fail, below the lower share.</summary>
    BelowLowerShare = 2,

    /// <summary>Between the lower and upper share, but none of the failing criteria is protected.</summary>
    LowerBandWithoutProtected = 3,

    /// <summary>No revocation on the values known, but some criteria cannot be judged (missing values or unknown thresholds).</summary>
    CannotConclude = 4,
    LowerBandWithProtected = 5,
    UpperShareOrMore = 6,
}

/// <summary>
/// The yearly review of one recognised commune at its level. <see cref="NotMet"/> and
/// <see cref="Undetermined"/> list criterion numbers; <see cref="NotMetShare"/> is
/// NotMet / CriteriaTotal.
/// </summary>
public sealed record ReviewResult(
    ReviewVerdict Verdict,
    ReviewGround Ground,
    int CriteriaTotal,
    IReadOnlyList<int> NotMet,
    IReadOnlyList<int> ProtectedNotMet,
    IReadOnlyList<int> Undetermined,
    decimal NotMetShare,
    string Message
);

public static class MaintenanceReview
{
    public static ReviewResult Review(RevocationRule rule, Scorecard current) =>
        Review(rule, [.. current.Criteria.Select(c => (c.Number, c.Status))]);

    // QĐ 18/2022/QĐ-TTg: thu hồi quyết định công nhận khi xã không còn đạt từ 30% đến dưới 50%
    // số tiêu chí và trong đó có một tiêu chí thuộc danh mục (thu nhập, môi trường và an toàn thực
    // phẩm, chất lượng môi trường sống, quốc phòng và an ninh), hoặc không còn đạt từ 50% số tiêu chí
    // trở lên. The shares and the list are data of the criteria set (RevocationRule).
    //
    // A criterion whose values are missing (or whose official threshold is unknown) is neither met
    // nor failed: counting it as failed would revoke a title over a form left blank, counting it as
    // met would keep one nobody checked. So revocation is decided on the criteria known to fail
    // alone (more failures can only make revocation more certain); if that does not revoke and
    // some criteria cannot be judged, the verdict is AtRisk "cannot conclude", naming them.
    public static ReviewResult Review(RevocationRule rule, IReadOnlyList<(int Number, EvaluationStatus Status)> criteria)
    {
        var applicable = criteria.Where(c => c.Status != EvaluationStatus.NotApplicable).ToList();
        var total = applicable.Count;
        var notMet = applicable.Where(c => c.Status == EvaluationStatus.NotMet).Select(c => c.Number).Order().ToList();
        var undetermined = applicable
            .Where(c => c.Status is EvaluationStatus.Missing or EvaluationStatus.NoThreshold)
            .Select(c => c.Number)
            .Order()
            .ToList();
        var protectedNotMet = notMet.Where(rule.ProtectedCriteria.Contains).ToList();
        var share = total == 0 ? 0m : (decimal)notMet.Count / total;

        // Compare counts, not rounded shares: 3 of 10 is exactly 30%.
        var atOrAboveUpper = total > 0 && notMet.Count >= rule.UpperShare * total;
        var inLowerBand = total > 0 && !atOrAboveUpper && notMet.Count >= rule.LowerShare * total;

        var (verdict, ground) = (atOrAboveUpper, inLowerBand, protectedNotMet.Count > 0) switch
        {
            (true, _, _) => (ReviewVerdict.Revocation, ReviewGround.UpperShareOrMore),
            (_, true, true) => (ReviewVerdict.Revocation, ReviewGround.LowerBandWithProtected),
            _ when undetermined.Count > 0 || total == 0 => (ReviewVerdict.AtRisk, ReviewGround.CannotConclude),
            (_, true, false) => (ReviewVerdict.AtRisk, ReviewGround.LowerBandWithoutProtected),
            _ when notMet.Count > 0 => (ReviewVerdict.AtRisk, ReviewGround.BelowLowerShare),
            _ => (ReviewVerdict.Keep, ReviewGround.AllMet),
        };
        return new ReviewResult(
            verdict,
            ground,
            total,
            notMet,
            protectedNotMet,
            undetermined,
            share,
            Describe(rule, ground, total, notMet, protectedNotMet, undetermined)
        );
    }

    private static string Describe(
        RevocationRule rule,
        ReviewGround ground,
        int total,
        List<int> notMet,
        List<int> protectedNotMet,
        List<int> undetermined
    )
    {
        var failing = $"{notMet.Count}/{total} tiêu chí không còn đạt ({Percent((decimal)notMet.Count / Math.Max(total, 1))})";
        var list = notMet.Count == 0 ? "" : $": tiêu chí {string.Join(", ", notMet)}";
        return ground switch
        {
            ReviewGround.AllMet => $"Duy trì: cả {total} tiêu chí vẫn đạt.",
            ReviewGround.BelowLowerShare => $"Nguy cơ: {failing}{list}; dưới {Percent(rule.LowerShare)} nên chưa thuộc diện thu hồi.",
            ReviewGround.LowerBandWithoutProtected =>
                $"Nguy cơ: {failing}{list}; từ {Percent(rule.LowerShare)} đến dưới {Percent(rule.UpperShare)} nhưng không có tiêu chí thuộc danh mục bắt buộc, chưa thuộc diện thu hồi.",
            ReviewGround.CannotConclude => total == 0
                ? "Chưa kết luận được: không có tiêu chí nào áp dụng ở mức này."
                : $"Chưa kết luận được: tiêu chí {string.Join(", ", undetermined)} còn thiếu số liệu hoặc chưa có ngưỡng; {failing}{list}.",
            ReviewGround.LowerBandWithProtected =>
                $"Thu hồi: {failing}{list}, từ {Percent(rule.LowerShare)} đến dưới {Percent(rule.UpperShare)} và có tiêu chí thuộc danh mục bắt buộc ({string.Join(", ", protectedNotMet)}) (quy định thu hồi của bộ tiêu chí).",
            _ => $"Thu hồi: {failing}{list}, từ {Percent(rule.UpperShare)} trở lên (quy định thu hồi của bộ tiêu chí).",
        };
    }

    private static string Percent(decimal share) => $"{(share * 100).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"))}%";
}

using Mtqg.Domain.Common;

namespace Mtqg.Domain.Criteria;

/// <summary>The levels of a set and the ladder between them (DESIGN §9): ranks, pilots, borrowed thresholds, conditions.</summary>
public static partial class CriteriaSetValidator
{
    /// <summary>How a level condition is judged: from the titles the commune holds, or declared with evidence and judged by the province.</summary>
    public const string JudgedByTitle = "title",
        JudgedByDeclaration = "declared";

    /// <summary>The level whose thresholds <paramref name="level"/> uses, when it borrows them; null otherwise.</summary>
    public static string? BorrowedBy(CriteriaSetDocument doc, string level) =>
        doc.Levels?.FirstOrDefault(l => l?.Code == level)?.ThresholdsOf is { Length: > 0 } of ? of : null;

    private static HashSet<string> CheckLevels(List<LevelDocument>? levels, Action<string, string> add)
    {
        var codes = new HashSet<string>();
        if (levels is null || levels.Count == 0)
        {
            add("levels", "Bộ tiêu chí phải có ít nhất một mức đạt chuẩn.");
            return codes;
        }
        var ranks = new HashSet<int>();
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            var path = $"levels[{i}]";
            if (level is null)
            {
                add(path, "Mức đạt chuẩn trống.");
                continue;
            }
            if (InputText.IsBlank(level.Code))
                add($"{path}.code", "Mức đạt chuẩn thiếu mã.");
            else if (!codes.Add(level.Code))
                add($"{path}.code", $"Mã mức \"{level.Code}\" bị trùng.");
            RequireText(level.Name, $"{path}.name", $"Mức \"{level.Code}\": thiếu tên.", 200, add);
            if (level.Rank is not int rank || rank < 1)
                add($"{path}.rank", $"Mức \"{level.Code}\": thứ bậc (rank) phải là số nguyên dương.");
            else if (!ranks.Add(rank))
                add($"{path}.rank", $"Thứ bậc {rank} bị trùng giữa các mức.");
        }
        for (var i = 0; i < levels.Count; i++)
            if (levels[i] is { } level)
            {
                CheckBorrowing(levels, level, $"levels[{i}]", add);
                CheckConditions(levels, level, $"levels[{i}]", add);
            }
        return codes;
    }

    private static void CheckBorrowing(List<LevelDocument> levels, LevelDocument level, string path, Action<string, string> add)
    {
        if (level.ThresholdsOf is null)
            return;
        var of = levels.FirstOrDefault(l => l?.Code == level.ThresholdsOf);
        if (of is null)
            add(
                $"{path}.thresholdsOf",
                $"Mức \"{level.Code}\" dùng ngưỡng của mức \"{level.ThresholdsOf}\", mức này không có trong bộ tiêu chí."
            );
        else if (of.Rank is not int lower || level.Rank is not int rank || lower >= rank)
            add($"{path}.thresholdsOf", $"Mức \"{level.Code}\" chỉ dùng được ngưỡng của một mức thấp hơn; \"{of.Code}\" không thấp hơn.");
        else if (of.ThresholdsOf is not null)
            add(
                $"{path}.thresholdsOf",
                $"Mức \"{of.Code}\" cũng dùng ngưỡng của mức khác; mức \"{level.Code}\" phải dùng ngưỡng của mức có ngưỡng riêng."
            );
    }

    private static void CheckConditions(List<LevelDocument> levels, LevelDocument level, string path, Action<string, string> add)
    {
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var conditions = level.Conditions ?? [];
        for (var k = 0; k < conditions.Count; k++)
        {
            var condition = conditions[k];
            var at = $"{path}.conditions[{k}]";
            var label = $"Mức \"{level.Code}\", điều kiện {k + 1}";
            if (condition is null)
            {
                add(at, $"{label}: trống.");
                continue;
            }
            if (InputText.IsBlank(condition.Code) || !CodePattern().IsMatch(condition.Code))
                add($"{at}.code", $"{label}: thiếu mã hoặc mã không hợp lệ (chữ không dấu, số, dấu chấm, gạch; tối đa 50 ký tự).");
            else if (!codes.Add(condition.Code))
                add($"{at}.code", $"{label}: mã \"{condition.Code}\" bị trùng trong mức.");
            RequireText(condition.Text, $"{at}.text", $"{label}: thiếu nội dung điều kiện.", 1000, add);
            switch (condition.Judged)
            {
                case JudgedByDeclaration when condition.Level is not null:
                    add($"{at}.level", $"{label}: điều kiện tự khai không ghi mức danh hiệu; chỉ điều kiện \"title\" ghi mức phải giữ.");
                    break;
                case JudgedByDeclaration:
                    break;
                case JudgedByTitle:
                    var held = levels.FirstOrDefault(l => l?.Code == condition.Level);
                    if (held is null)
                        add($"{at}.level", $"{label}: phải ghi mức danh hiệu xã cần giữ, là một mức của bộ tiêu chí.");
                    else if (held.Rank is not int r || level.Rank is not int rank || r >= rank)
                        add($"{at}.level", $"{label}: mức phải giữ (\"{held.Code}\") phải thấp hơn mức \"{level.Code}\".");
                    break;
                default:
                    add(
                        $"{at}.judged",
                        $"{label}: cách xét \"{condition.Judged}\" không hợp lệ; dùng \"title\" (theo danh hiệu đang giữ) hoặc \"declared\" (xã kê khai, có minh chứng)."
                    );
                    break;
            }
        }
    }
}

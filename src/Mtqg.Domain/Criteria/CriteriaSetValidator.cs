using System.Text.RegularExpressions;
using Mtqg.Domain.Common;

namespace Mtqg.Domain.Criteria;

/// <summary>
/// Checks a criteria set document completely and lists every problem (never stops at the first),
/// each with the path of the field it concerns and a Vietnamese message.
/// </summary>
public static partial class CriteriaSetValidator
{
    public const int MinYear = 2000,
        MaxYear = 2100;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$")]
    private static partial Regex CodePattern();

    /// <summary>Checks a document and, with <paramref name="context"/>, its province and the national set it details (DESIGN §9).</summary>
    public static IReadOnlyList<Problem> Validate(CriteriaSetDocument doc, SetContext context)
    {
        var problems = Validate(doc).ToList();
        problems.AddRange(CheckProvince(doc, context));
        return problems;
    }

    public static IReadOnlyList<Problem> Validate(CriteriaSetDocument doc)
    {
        var problems = new List<Problem>();
        void Add(string field, string message) => problems.Add(new Problem(field, message));

        if (InputText.IsBlank(doc.Code))
            Add("code", "Thiếu mã bộ tiêu chí.");
        else if (!CodePattern().IsMatch(doc.Code))
            Add(
                "code",
                $"Mã bộ tiêu chí \"{doc.Code}\" chỉ được gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (tối đa 50 ký tự)."
            );
        RequireText(doc.Name, "name", "Thiếu tên bộ tiêu chí.", 500, Add);
        if (doc.LegalBasis is { Length: > 500 })
            Add("legalBasis", "Căn cứ pháp lý dài quá 500 ký tự.");

        CheckYear(doc.ValidFrom, "validFrom", "Năm bắt đầu hiệu lực", Add);
        CheckYear(doc.ValidTo, "validTo", "Năm hết hiệu lực", Add);
        if (doc.ValidFrom is int from && doc.ValidTo is int to && from > to)
            Add("validTo", $"Năm hết hiệu lực ({to}) phải không trước năm bắt đầu ({from}).");
        if (doc.Status is not null && !CriteriaVocabulary.Statuses.ContainsKey(doc.Status))
            Add("status", $"Trạng thái \"{doc.Status}\" không hợp lệ; dùng \"draft\", \"published\" hoặc \"withdrawn\".");

        var levels = CheckLevels(doc.Levels, Add);
        var groups = CheckGroups(doc.Groups, Add);
        var criteriaCount = doc.Criteria?.Count ?? 0;
        CheckBands(doc.Bands, criteriaCount, Add);

        if (doc.Revocation is not null && doc.Recognition?.Revocation is not null)
            Add("revocation", "Quy tắc thu hồi được ghi hai lần; chỉ ghi một lần, trong recognition.revocation.");
        CheckRevocation(
            doc.RevocationRule(),
            doc.RevocationPath,
            doc.Revocation is not null && doc.Recognition?.Revocation is null,
            doc.Criteria,
            Add
        );
        if (doc.Recognition?.RequiredSatisfaction is { } rate && rate is not (> 0 and <= 100))
            Add(
                "recognition.requiredSatisfaction",
                $"Tỷ lệ người dân hài lòng yêu cầu ({rate}) phải lớn hơn 0 và không quá 100 (%), ví dụ 90."
            );

        if (doc.Criteria is null || doc.Criteria.Count == 0)
        {
            Add("criteria", "Bộ tiêu chí phải có ít nhất một tiêu chí.");
            return problems;
        }

        var numbers = new HashSet<int>();
        var criterionCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var indicatorCodes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < doc.Criteria.Count; c++)
        {
            var criterion = doc.Criteria[c];
            var path = $"criteria[{c}]";
            if (criterion is null)
            {
                Add(path, "Tiêu chí trống.");
                continue;
            }
            var label = criterion.Number is int n ? $"Tiêu chí {n}" : $"Tiêu chí thứ {c + 1}";
            if (criterion.Number is not int number || number < 1)
                Add($"{path}.number", $"{label}: số thứ tự phải là số nguyên dương.");
            else if (!numbers.Add(number))
                Add($"{path}.number", $"Số thứ tự tiêu chí {number} bị trùng.");
            if (InputText.IsBlank(criterion.Code))
                Add($"{path}.code", $"{label}: thiếu mã tiêu chí.");
            else if (!CodePattern().IsMatch(criterion.Code))
                Add($"{path}.code", $"{label}: mã \"{criterion.Code}\" không hợp lệ.");
            else if (!criterionCodes.Add(criterion.Code))
                Add($"{path}.code", $"Mã tiêu chí \"{criterion.Code}\" bị trùng.");
            RequireText(criterion.Name, $"{path}.name", $"{label}: thiếu tên tiêu chí.", 500, Add);

            var indicators = criterion.Indicators ?? [];
            for (var i = 0; i < indicators.Count; i++)
                CheckIndicator(indicators[i], $"{path}.indicators[{i}]", label, doc, levels, groups, indicatorCodes, Add);
        }
        return problems;
    }

    private static void CheckIndicator(
        IndicatorDocument? indicator,
        string path,
        string criterionLabel,
        CriteriaSetDocument doc,
        HashSet<string> levels,
        HashSet<string> groups,
        Dictionary<string, string> indicatorCodes,
        Action<string, string> add
    )
    {
        if (indicator is null)
        {
            add(path, $"{criterionLabel}: chỉ tiêu trống.");
            return;
        }
        var label = InputText.IsBlank(indicator.Code) ? $"{criterionLabel}, một chỉ tiêu" : $"Chỉ tiêu {indicator.Code}";
        if (InputText.IsBlank(indicator.Code))
            add($"{path}.code", $"{criterionLabel}: chỉ tiêu thiếu mã.");
        else if (!CodePattern().IsMatch(indicator.Code))
            add($"{path}.code", $"{label}: mã không hợp lệ.");
        else if (!indicatorCodes.TryAdd(indicator.Code, path))
            add($"{path}.code", $"Mã chỉ tiêu \"{indicator.Code}\" bị trùng (đã có ở {indicatorCodes[indicator.Code]}).");
        RequireText(indicator.Name, $"{path}.name", $"{label}: thiếu tên chỉ tiêu.", 1000, add);

        IndicatorType? type = null;
        if (indicator.Type is null)
            add($"{path}.type", $"{label}: thiếu kiểu giá trị (number, percent hoặc boolean).");
        else if (CriteriaVocabulary.Types.TryGetValue(indicator.Type, out var t))
            type = t;
        else
            add($"{path}.type", $"{label}: kiểu giá trị \"{indicator.Type}\" không hợp lệ; dùng number, percent hoặc boolean.");

        Rule? rule = null;
        if (indicator.Rule is null)
            add($"{path}.rule", $"{label}: thiếu quy tắc so sánh (>=, >, <=, <, = hoặc achieved).");
        else if (CriteriaVocabulary.Rules.TryGetValue(indicator.Rule, out var r))
            rule = r;
        else
            add($"{path}.rule", $"{label}: quy tắc \"{indicator.Rule}\" không hợp lệ; dùng >=, >, <=, <, = hoặc achieved.");

        if (type is { } ty && rule is { } ru && !ty.Fits(ru))
            add(
                $"{path}.rule",
                ty == IndicatorType.Boolean
                    ? $"{label}: chỉ tiêu kiểu boolean phải dùng quy tắc \"achieved\"."
                    : $"{label}: quy tắc \"achieved\" chỉ dùng cho chỉ tiêu kiểu boolean."
            );

        if (indicator.Source is { } source && !IndicatorSources.IsKnown(source))
            add(
                $"{path}.source",
                $"{label}: nguồn giá trị \"{source}\" không hợp lệ; dùng {string.Join(" hoặc ", IndicatorSources.Labels.Keys)} (hoặc bỏ trống: xã nhập)."
            );
        else if (indicator.Source is not null && type == IndicatorType.Boolean)
            add(
                $"{path}.source",
                $"{label}: nguồn giá trị \"{indicator.Source}\" là một tỷ lệ, chỉ dùng cho chỉ tiêu kiểu number hoặc percent."
            );

        var seen = new HashSet<(string, string?, int?)>();
        var thresholds = indicator.Thresholds ?? [];
        for (var k = 0; k < thresholds.Count; k++)
        {
            var row = thresholds[k];
            var rowPath = $"{path}.thresholds[{k}]";
            if (row is null)
            {
                add(rowPath, $"{label}: dòng ngưỡng trống.");
                continue;
            }
            if (InputText.IsBlank(row.Level))
                add($"{rowPath}.level", $"{label}: dòng ngưỡng thiếu mức đạt chuẩn.");
            else if (!levels.Contains(row.Level))
                add($"{rowPath}.level", $"{label}: mức \"{row.Level}\" không có trong danh sách mức của bộ tiêu chí.");
            else if (BorrowedBy(doc, row.Level) is { } of)
                add($"{rowPath}.level", $"{label}: mức \"{row.Level}\" dùng ngưỡng của mức \"{of}\", không ghi dòng ngưỡng riêng.");
            if (row.Group is not null && !groups.Contains(row.Group))
                add($"{rowPath}.group", $"{label}: nhóm/vùng \"{row.Group}\" không có trong danh sách nhóm của bộ tiêu chí.");
            if (row.Year is int year && (doc.ValidFrom is int f && year < f || doc.ValidTo is int to && year > to))
                add($"{rowPath}.year", $"{label}: năm {year} nằm ngoài thời gian hiệu lực {doc.ValidFrom}–{doc.ValidTo} của bộ tiêu chí.");
            if (row.Level is not null && !seen.Add((row.Level, row.Group, row.Year)))
                add(
                    rowPath,
                    $"{label}: trùng dòng ngưỡng cho mức {row.Level}{(row.Group is null ? "" : $", nhóm {row.Group}")}{(row.Year is null ? "" : $", năm {row.Year}")}."
                );
            if (row.Note is { Length: > 2000 })
                add($"{rowPath}.note", $"{label}: ghi chú ngưỡng dài quá 2000 ký tự.");
            CheckValue(row.Value, type, rowPath, label, add);
        }
    }

    private static void CheckValue(ThresholdValue? value, IndicatorType? type, string rowPath, string label, Action<string, string> add)
    {
        if (value is not { } v)
            return; // null: the official threshold is unknown
        if (v.Invalid is not null)
        {
            add($"{rowPath}.value", $"{label}: giá trị ngưỡng \"{v.Invalid}\" phải là số, true hoặc null.");
            return;
        }
        switch (type)
        {
            case IndicatorType.Boolean when v.Flag != true:
                add($"{rowPath}.value", $"{label}: chỉ tiêu kiểu boolean có ngưỡng là true (hoặc null khi chưa biết).");
                break;
            case IndicatorType.Number or IndicatorType.Percent when v.Number is null:
                add($"{rowPath}.value", $"{label}: ngưỡng phải là một số (hoặc null khi chưa biết).");
                break;
            case IndicatorType.Percent when v.Number is < 0 or > 100:
                add($"{rowPath}.value", $"{label}: ngưỡng tỷ lệ {v.Number} phải nằm trong khoảng 0–100.");
                break;
        }
    }

    private static HashSet<string> CheckGroups(List<GroupDocument>? groups, Action<string, string> add)
    {
        var codes = new HashSet<string>();
        for (var i = 0; i < (groups?.Count ?? 0); i++)
        {
            var group = groups![i];
            var path = $"groups[{i}]";
            if (group is null)
            {
                add(path, "Nhóm trống.");
                continue;
            }
            if (InputText.IsBlank(group.Code))
                add($"{path}.code", "Nhóm/vùng thiếu mã.");
            else if (!codes.Add(group.Code))
                add($"{path}.code", $"Mã nhóm \"{group.Code}\" bị trùng.");
            RequireText(group.Name, $"{path}.name", $"Nhóm \"{group.Code}\": thiếu tên.", 200, add);
        }
        return codes;
    }

    private static void CheckRevocation(
        RevocationDocument? rule,
        string path,
        bool oldShape,
        List<CriterionDocument>? criteria,
        Action<string, string> add
    )
    {
        if (rule is null)
            return;
        var (from, to) = oldShape ? ("lowerShare", "upperShare") : ("failingShareFrom", "failingShareTo");
        if (rule.FailingShareFrom is not (> 0 and <= 1))
            add($"{path}.{from}", $"Tỷ lệ dưới ({from}) phải lớn hơn 0 và không quá 1, ví dụ 0.3 cho 30%.");
        if (rule.FailingShareTo is not (> 0 and <= 1))
            add($"{path}.{to}", $"Tỷ lệ trên ({to}) phải lớn hơn 0 và không quá 1, ví dụ 0.5 cho 50%.");
        else if (rule.FailingShareFrom is > 0 and <= 1 && rule.FailingShareFrom > rule.FailingShareTo)
            add($"{path}.{to}", $"Tỷ lệ trên ({rule.FailingShareTo}) phải không nhỏ hơn tỷ lệ dưới ({rule.FailingShareFrom}).");
        var numbers = (criteria ?? []).Where(c => c?.Number is not null).Select(c => c.Number!.Value).ToHashSet();
        foreach (var (number, i) in (rule.ProtectedCriteria ?? []).Select((n, i) => (n, i)))
            if (!numbers.Contains(number))
                add(
                    $"{path}.protectedCriteria[{i}]",
                    $"Danh mục tiêu chí bắt buộc có tiêu chí {number} nhưng bộ tiêu chí không có tiêu chí số {number}."
                );
    }

    /// <summary>
    /// A province set (DESIGN §9): its province is a province of today, it details a national set whose years cover its own,
    /// and it keeps every criterion number of that set (the national floor). A national set details nothing.
    /// </summary>
    private static IEnumerable<Problem> CheckProvince(CriteriaSetDocument doc, SetContext context)
    {
        if (doc.Province is null)
        {
            if (doc.Details is not null)
                yield return new Problem(
                    "details",
                    "Chỉ bộ tiêu chí của một tỉnh mới chi tiết hóa bộ tiêu chí quốc gia; ghi mã tỉnh (province) hoặc bỏ trường details."
                );
            yield break;
        }
        if (!context.Provinces.Contains(doc.Province))
            yield return new Problem(
                "province",
                $"Không có tỉnh, thành phố mã \"{doc.Province}\" (theo danh mục đơn vị hành chính hiện nay)."
            );
        if (InputText.IsBlank(doc.Details))
        {
            yield return new Problem("details", "Bộ tiêu chí của tỉnh phải ghi mã bộ tiêu chí quốc gia mà nó chi tiết hóa (details).");
            yield break;
        }
        if (context.Details is not { } national)
        {
            yield return new Problem("details", $"Không có bộ tiêu chí quốc gia mã \"{doc.Details}\" để chi tiết hóa.");
            yield break;
        }
        if (national.Province is not null)
        {
            yield return new Problem(
                "details",
                $"Bộ {national.Code} là bộ tiêu chí của tỉnh {national.Province}; chỉ chi tiết hóa được bộ tiêu chí quốc gia."
            );
            yield break;
        }
        if (doc.ValidFrom is int from && doc.ValidTo is int to && (from < national.ValidFrom || to > national.ValidTo))
            yield return new Problem(
                "validFrom",
                $"Bộ tiêu chí quốc gia {national.Code} áp dụng cho {national.ValidFrom}–{national.ValidTo}; bộ của tỉnh ({from}–{to}) phải nằm trong khoảng đó."
            );
        var own = (doc.Criteria ?? []).Where(c => c?.Number is not null).Select(c => c.Number!.Value).ToHashSet();
        var missing = national.CriterionNumbers.Where(n => !own.Contains(n)).Order().ToList();
        if (missing.Count > 0)
            yield return new Problem(
                "criteria",
                $"Bộ tiêu chí của tỉnh phải giữ mọi tiêu chí của bộ quốc gia {national.Code} (mức sàn quốc gia); còn thiếu tiêu chí số {string.Join(", ", missing)}."
            );
    }

    /// <summary>
    /// What stops a valid set from being published (DESIGN §9), every one named: a level at which no criterion applies (no
    /// indicator has a threshold row of that level) and an indicator without any threshold row. Departments are checked by
    /// the caller (the department registry).
    /// </summary>
    public static IReadOnlyList<Problem> ReadyToPublish(CriteriaSetDocument doc)
    {
        var problems = new List<Problem>();
        var criteria = doc.Criteria ?? [];
        foreach (var (level, l) in (doc.Levels ?? []).Select((x, l) => (x, l)))
            if (
                level?.Code is { } code
                && level.ThresholdsOf is var of
                && !criteria.Any(c => (c?.Indicators ?? []).Any(i => (i?.Thresholds ?? []).Any(t => t?.Level == (of ?? code))))
            )
                problems.Add(
                    new Problem(
                        $"levels[{l}]",
                        $"Mức \"{level.Name}\" ({code}) chưa có tiêu chí nào: không chỉ tiêu nào có dòng ngưỡng của mức này."
                    )
                );
        for (var c = 0; c < criteria.Count; c++)
        {
            var indicators = criteria[c]?.Indicators ?? [];
            for (var i = 0; i < indicators.Count; i++)
                if (indicators[i] is { } indicator && (indicator.Thresholds ?? []).Count == 0)
                    problems.Add(
                        new Problem(
                            $"criteria[{c}].indicators[{i}].thresholds",
                            $"Chỉ tiêu {indicator.Code} (tiêu chí {criteria[c]!.Number}) chưa có dòng ngưỡng nào."
                        )
                    );
        }
        return problems;
    }

    private static void CheckBands(List<BandDocument>? bands, int criteriaCount, Action<string, string> add)
    {
        for (var i = 0; i < (bands?.Count ?? 0); i++)
        {
            var band = bands![i];
            var path = $"bands[{i}]";
            if (band is null)
            {
                add(path, "Nhóm báo cáo trống.");
                continue;
            }
            RequireText(band.Name, $"{path}.name", "Nhóm báo cáo thiếu tên.", 200, add);
            if (band.MinCriteriaMet is not int min || min < 0)
                add($"{path}.minCriteriaMet", $"Nhóm báo cáo \"{band.Name}\": số tiêu chí tối thiểu phải là số nguyên không âm.");
            else if (min > criteriaCount)
                add(
                    $"{path}.minCriteriaMet",
                    $"Nhóm báo cáo \"{band.Name}\": {min} tiêu chí vượt quá số tiêu chí của bộ ({criteriaCount})."
                );
        }
    }

    private static void CheckYear(int? year, string field, string label, Action<string, string> add)
    {
        if (year is null)
            add(field, $"Thiếu {label.ToLowerInvariant()}.");
        else if (year is < MinYear or > MaxYear)
            add(field, $"{label} {year} phải nằm trong khoảng {MinYear}–{MaxYear}.");
    }

    private static void RequireText(string? text, string field, string missing, int max, Action<string, string> add)
    {
        if (InputText.IsBlank(text))
            add(field, missing);
        else if (text.Length > max)
            add(field, $"Giá trị quá dài: tối đa {max} ký tự.");
    }
}

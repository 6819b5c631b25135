using System.Globalization;

namespace Mtqg.Domain.Criteria;

public enum DifferenceKind
{
    /// <summary>The province set has it, the national set does not.</summary>
    Added = 1,

    /// <summary>The national set has it, the province set does not.</summary>
    Removed = 2,
    Changed = 3,
}

/// <summary>
/// One way a province set differs from the national set it details (DESIGN §9): under criterion <see cref="Criterion"/>,
/// what (<see cref="Subject"/>, e.g. "Ngưỡng 3.1 — mức NTM, vùng TDMNPB"), and its text on each side (null where absent).
/// </summary>
public sealed record SetDifference(int Criterion, string Subject, DifferenceKind Kind, string? National, string? Province);

/// <summary>What a province set changes of the national set it details: criteria, indicators and threshold rows.</summary>
public static class CriteriaSetComparison
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The subject of a difference in a criterion's appraising department (its values are department codes).</summary>
    public const string Department = "Sở thẩm định";

    public static IReadOnlyList<SetDifference> Compare(CriteriaSetDocument national, CriteriaSetDocument province)
    {
        var differences = new List<SetDifference>();
        var theirs = (national.Criteria ?? []).Where(c => c?.Number is not null).ToDictionary(c => c.Number!.Value);
        var ours = (province.Criteria ?? []).Where(c => c?.Number is not null).ToDictionary(c => c.Number!.Value);
        foreach (var number in theirs.Keys.Union(ours.Keys).Order())
        {
            var (n, p) = (theirs.GetValueOrDefault(number), ours.GetValueOrDefault(number));
            if (n is null || p is null)
            {
                differences.Add(OnOneSide(number, $"Tiêu chí {number}", n is null, n?.Name, p?.Name));
                continue;
            }
            Text(differences, number, "Tên tiêu chí", n.Name, p.Name);
            Text(differences, number, Department, n.ResponsibleSector, p.ResponsibleSector);
            CompareIndicators(differences, number, n.Indicators ?? [], p.Indicators ?? []);
        }
        return differences;
    }

    private static void CompareIndicators(
        List<SetDifference> differences,
        int number,
        List<IndicatorDocument> national,
        List<IndicatorDocument> province
    )
    {
        var theirs = national.Where(i => i?.Code is not null).GroupBy(i => i.Code!).ToDictionary(g => g.Key, g => g.First());
        var ours = province.Where(i => i?.Code is not null).GroupBy(i => i.Code!).ToDictionary(g => g.Key, g => g.First());
        foreach (var code in theirs.Keys.Union(ours.Keys))
        {
            var (n, p) = (theirs.GetValueOrDefault(code), ours.GetValueOrDefault(code));
            if (n is null || p is null)
            {
                differences.Add(OnOneSide(number, $"Chỉ tiêu {code}", n is null, n?.Name, p?.Name));
                continue;
            }
            Text(differences, number, $"Tên chỉ tiêu {code}", n.Name, p.Name);
            Text(differences, number, $"Cách so sánh chỉ tiêu {code}", Judged(n), Judged(p));
            var nRows = Rows(n);
            var pRows = Rows(p);
            foreach (var key in nRows.Keys.Union(pRows.Keys))
            {
                var (nv, pv) = (nRows.GetValueOrDefault(key), pRows.GetValueOrDefault(key));
                var subject = $"Ngưỡng {code} — {Where(key)}";
                if (nv is null || pv is null)
                    differences.Add(
                        new SetDifference(
                            number,
                            subject,
                            nv is null ? DifferenceKind.Added : DifferenceKind.Removed,
                            nv is null ? null : Value(n, nv),
                            pv is null ? null : Value(p, pv)
                        )
                    );
                else if (Value(n, nv) != Value(p, pv))
                    differences.Add(new SetDifference(number, subject, DifferenceKind.Changed, Value(n, nv), Value(p, pv)));
            }
        }
    }

    /// <summary>A criterion or indicator only one set has: <paramref name="added"/> by the province, or else removed by it.</summary>
    private static SetDifference OnOneSide(int number, string subject, bool added, string? national, string? province) =>
        new(number, subject, added ? DifferenceKind.Added : DifferenceKind.Removed, national, province);

    private static void Text(List<SetDifference> differences, int number, string subject, string? national, string? province)
    {
        if (!string.Equals(national?.Trim() ?? "", province?.Trim() ?? "", StringComparison.Ordinal))
            differences.Add(new SetDifference(number, subject, DifferenceKind.Changed, national, province));
    }

    /// <summary>How an indicator is judged, as the set page says it: "Tỷ lệ (%), ≥", "Số (km), ≤", "Đạt / chưa đạt".</summary>
    private static string Judged(IndicatorDocument i) =>
        i.Type switch
        {
            "boolean" => "Đạt / chưa đạt",
            "percent" => $"Tỷ lệ (%), {CriteriaVocabulary.Rules.GetValueOrDefault(i.Rule ?? "").Symbol()}",
            _ => $"Số{(i.Unit is null ? "" : $" ({i.Unit})")}, {CriteriaVocabulary.Rules.GetValueOrDefault(i.Rule ?? "").Symbol()}",
        };

    private static Dictionary<(string? Level, string? Group, int? Year), ThresholdDocument> Rows(IndicatorDocument i) =>
        (i.Thresholds ?? []).Where(t => t is not null).GroupBy(t => (t.Level, t.Group, t.Year)).ToDictionary(g => g.Key, g => g.First());

    private static string Where((string? Level, string? Group, int? Year) key) =>
        $"mức {key.Level}{(key.Group is null ? ", chung" : $", nhóm {key.Group}")}{(key.Year is null ? "" : $", năm {key.Year}")}";

    /// <summary>A threshold as a reader says it: "≥ 80%", "Đạt", or "chưa có ngưỡng chính thức", with its note.</summary>
    public static string Value(IndicatorDocument indicator, ThresholdDocument row)
    {
        var rule = CriteriaVocabulary.Rules.GetValueOrDefault(indicator.Rule ?? "");
        var text = row.Value switch
        {
            null => "chưa có ngưỡng chính thức",
            _ when rule == Rule.Achieved => "Đạt",
            { Number: { } n } =>
                $"{rule.Symbol()} {n.ToString("#,##0.####", Vi)}{(indicator.Unit == "%" ? "%" : indicator.Unit is null ? "" : $" {indicator.Unit}")}",
            _ => "chưa có ngưỡng chính thức",
        };
        return row.Note is null ? text : $"{text} ({row.Note})";
    }
}

using System.Text.Json.Nodes;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Poverty;

/// <summary>An indicator of deprivation of a poverty standard (chỉ số đo lường mức độ thiếu hụt).</summary>
public sealed record PovertyIndicatorView(string Code, string Name);

/// <summary>A dimension of basic social services (chiều thiếu hụt); indicators null where the source was not read.</summary>
public sealed record PovertyDimensionView(string Code, string Name, IReadOnlyList<PovertyIndicatorView>? Indicators);

/// <summary>Income lines in đồng per person per month; null where the source was not read.</summary>
public sealed record PovertyIncomeLines(long? RuralPoor, long? UrbanPoor, long? RuralNearPoor, long? UrbanNearPoor);

/// <summary>
/// A national multidimensional poverty standard (DESIGN §12): its legal basis, the years it is in force, its income
/// lines and its dimensions with their indicators; <see cref="DimensionsComplete"/> false when the source gave only
/// some of them; <see cref="Sources"/> the pages the facts were read from.
/// </summary>
public sealed record PovertyStandardView(
    string Code,
    string Name,
    string LegalBasis,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    PovertyIncomeLines IncomeLines,
    IReadOnlyList<PovertyDimensionView> Dimensions,
    bool DimensionsComplete,
    string? Note,
    IReadOnlyList<string> Sources
)
{
    public bool InForceIn(int year) => ValidFrom.Year <= year && year <= ValidTo.Year;

    /// <summary>Every indicator code of the standard.</summary>
    public IEnumerable<PovertyIndicatorView> Indicators => Dimensions.SelectMany(d => d.Indicators ?? []);
}

/// <summary>
/// The poverty standards, read once from data/reference/poverty.json (DESIGN §12; the data folder's README says how):
/// the standard of Decree 07/2021/NĐ-CP for 2022–2026 (kept through 2026 by Decree 351/2025/NĐ-CP) and the one of
/// Decree 351/2025/NĐ-CP from 2027. Only what the file holds; what it does not say stays null. They are reference
/// data, not edited in the app, so they are not copied into the database: results name the standard by its code.
/// Codes are made here, the file has none: a standard by its decree, a dimension by its place (1–6), an indicator by
/// dimension and place (1.1 … 6.2), in the file's order.
/// </summary>
public sealed class PovertyStandards
{
    private readonly Lazy<IReadOnlyList<PovertyStandardView>> all;

    public PovertyStandards(SeedFiles files) =>
        all = new(() => Read(JsonNode.Parse(File.ReadAllText(files.PathOf("reference", "poverty.json")))!));

    public IReadOnlyList<PovertyStandardView> All => all.Value;

    /// <summary>The standard in force in <paramref name="year"/>, or null (years before 2022 are not in the data).</summary>
    public PovertyStandardView? Of(int year) => All.FirstOrDefault(s => s.InForceIn(year));

    public static IReadOnlyList<PovertyStandardView> Read(JsonNode root)
    {
        var before = root["standard_2022_2025"]!;
        var beforeIncome = before["income_vnd_per_person_month"]!;
        var rural07 = (long?)beforeIncome["rural_poverty_line"];
        var urban07 = (long?)beforeIncome["urban_poverty_line"];
        var after = root["standard_2026_2030"]!;
        var period = after["period_2027_2030"]!;
        var afterIncome = period["income_vnd_per_person_month"]!;
        var rural351 = (long?)afterIncome["rural"];
        var urban351 = (long?)afterIncome["urban_do_thi"];
        var doc07 = (string)before["doc"]!;
        var doc351 = (string)after["doc"]!;
        return
        [
            new PovertyStandardView(
                "nd-07-2021",
                "Chuẩn nghèo đa chiều giai đoạn 2022–2025",
                $"{doc07}; áp dụng tiếp đến 31/12/2026 theo {doc351}",
                new DateOnly(2022, 1, 1),
                new DateOnly(2026, 12, 31),
                // The near-poor household has the same income line as the poor one, with fewer than 3 deprivations (the file's definitions).
                new PovertyIncomeLines(rural07, urban07, NearPoorLine(before, "rural", rural07), NearPoorLine(before, "urban", urban07)),
                Dimensions(before["dimensions"]!.AsArray()),
                true,
                "Ngưỡng thiếu hụt của từng chỉ số: chưa đọc được trong nguồn. Việc ghép 2 chỉ số vào mỗi chiều theo thứ tự nguồn liệt kê.",
                Sources(before["source"], before["validity"]?["source"])
            ),
            new PovertyStandardView(
                "nd-351-2025",
                "Chuẩn nghèo đa chiều giai đoạn 2027–2030",
                doc351,
                new DateOnly(2027, 1, 1),
                new DateOnly(2030, 12, 31),
                new PovertyIncomeLines(
                    rural351,
                    urban351,
                    NearPoorLine(period, "rural", rural351),
                    NearPoorLine(period, "urban", urban351)
                ),
                Dimensions(period["dimensions"]!.AsArray()),
                false,
                "Chỉ đọc được chiều Việc làm; các chiều, chỉ số khác, chuẩn mức sống trung bình và ngày hiệu lực: chưa có.",
                Sources(after["source"])
            ),
        ];
    }

    /// <summary>The near-poor line when the file's definition says it is the poverty line ("&lt;= 1.500.000 và thiếu hụt &lt; 3 chỉ số"), else null.</summary>
    private static long? NearPoorLine(JsonNode standard, string area, long? line)
    {
        var text = (string?)standard["near_poor_household"]?[area];
        if (line is not { } l || text is null)
            return null;
        var written = l.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', '.');
        return text.Contains(written, StringComparison.Ordinal) ? l : null;
    }

    private static List<PovertyDimensionView> Dimensions(JsonArray dimensions) =>
        dimensions
            .Select(
                (d, i) =>
                    new PovertyDimensionView(
                        Number(i + 1),
                        (string)d!["dimension"]!,
                        d["indicators"] is JsonArray list
                            ? list.Select((n, j) => new PovertyIndicatorView($"{Number(i + 1)}.{Number(j + 1)}", (string)n!)).ToList()
                            : null
                    )
            )
            .ToList();

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Sources(params JsonNode?[] lists) =>
        lists.OfType<JsonArray>().SelectMany(a => a.Select(s => (string)s!)).Distinct().ToList();
}

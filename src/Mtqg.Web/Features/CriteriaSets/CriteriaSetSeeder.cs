using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mtqg.Data;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.CriteriaSets;

/// <summary>
/// Seeds the national commune sets from data/criteria (research notes with their sources) through the
/// same import path as POST /api/v1/criteria-sets. Every threshold the notes do not know stays null
/// (unknown); wording the notes mark as not verified keeps <c>nameVerified: false</c>.
/// In demo mode only, also the illustrative set of data/demo.
/// </summary>
public sealed class CriteriaSetSeeder(
    AppDbContext db,
    CriteriaSetService service,
    SeedFiles files,
    IOptions<DemoOptions> demo,
    ILogger<CriteriaSetSeeder> logger
)
{
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    public static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            // A key written twice is refused, as in every JSON body the API reads (decision 0019): "last one wins" would keep a value the sender may not have meant.
            AllowDuplicateProperties = false,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new ThresholdValueJsonConverter());
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    public async Task SeedAsync(CancellationToken ct)
    {
        var documents = new List<CriteriaSetDocument>
        {
            From2021(
                JsonNode.Parse(File.ReadAllText(files.PathOf("criteria", "ntm-commune-2021-2025.json")))!,
                JsonNode.Parse(File.ReadAllText(files.PathOf("reference", "recognition-levels.json")))
            ),
            From2026(JsonNode.Parse(File.ReadAllText(files.PathOf("criteria", "ntm-commune-2026-2030.json")))!),
        };
        if (demo.Value.Demo)
            documents.Add(
                JsonSerializer.Deserialize<CriteriaSetDocument>(
                    File.ReadAllText(files.PathOf("demo", "criteria-set-demo.json")),
                    JsonOptions
                )!
            );

        foreach (var doc in documents)
        {
            if (await db.CriteriaSets.AnyAsync(s => s.Code == doc.Code, ct))
                continue;
            var outcome = await service.StoreAsync(doc, ct);
            if (!outcome.IsDone)
                throw new InvalidOperationException(
                    $"Bộ tiêu chí {doc.Code} trong dữ liệu gốc không hợp lệ: "
                        + string.Join("; ", outcome.Problems.Select(p => $"{p.Field}: {p.Message}"))
                );
            logger.LogInformation("Đã nạp bộ tiêu chí {Code}.", doc.Code);
        }
    }

    private const string Advanced = "NTMNC";

    /// <summary>
    /// Decision 318/QĐ-TTg: 19 criteria, thresholds by the 7 regions, levels NTM and NTM nâng cao; with the reference notes on
    /// recognition levels, the kiểu mẫu level of 319/QĐ-TTg (judged on the NTM nâng cao thresholds, plus its conditions).
    /// </summary>
    public static CriteriaSetDocument From2021(JsonNode root, JsonNode? recognitionLevels = null)
    {
        var set = root["criteriaSet"]!;
        var levelCodes = new Dictionary<string, string> { ["NTM"] = "NTM", ["NTM nâng cao"] = Advanced };
        return new CriteriaSetDocument
        {
            Code = (string)set["code"]!,
            Name = (string)set["name_vi"]!,
            LegalBasis = "Quyết định 318/QĐ-TTg ngày 08/3/2022 (Phụ lục I: xã NTM; Phụ lục II: xã NTM nâng cao)",
            ValidFrom = 2021,
            ValidTo = 2025,
            Status = "published",
            Source = SourceText(root["source"]),
            Notes =
                "Dựng từ các trang công khai chỉ đọc được phần đầu; bảng chỉ tiêu và ngưỡng theo vùng ở phụ lục của Quyết định 318/QĐ-TTg chưa đọc được, nên phần lớn ngưỡng là chưa biết. "
                + "Tên chỉ tiêu đánh dấu \"chưa đối chiếu văn bản\" cần đối chiếu với văn bản gốc. Không đánh giá xã theo ngưỡng chưa biết; tỉnh nạp bộ tiêu chí chi tiết của mình. "
                + "Ghi chú gốc (tiếng Anh): "
                + (string?)root["generatedNote"],
            Levels =
            [
                new("NTM", "Xã đạt chuẩn nông thôn mới", 1),
                new(Advanced, "Xã đạt chuẩn nông thôn mới nâng cao", 2),
                .. ModelLevel(recognitionLevels),
            ],
            Recognition = Revocation18(root) is { } revocation ? new RecognitionDocument(null, revocation) : null,
            Groups = root["regions"]!.AsArray().Select(r => new GroupDocument((string)r!["code"]!, (string)r["name_vi"]!)).ToList(),
            // DESIGN §2: provincial reports count communes by criteria met: all, 15–18, 10–14, 5–9, under 5.
            Bands =
            [
                new("Đạt chuẩn (19 tiêu chí)", 19),
                new("15–18 tiêu chí", 15),
                new("10–14 tiêu chí", 10),
                new("5–9 tiêu chí", 5),
                new("Dưới 5 tiêu chí", 0),
            ],
            Criteria = root["criteria"]!
                .AsArray()
                .Select(c => new CriterionDocument
                {
                    Number = (int)c!["number"]!,
                    Code = (string)c["code"]!,
                    Name = (string)c["name_vi"]!,
                    Heading = (string?)c["group"],
                    NameVerified = (string?)c["nameConfidence"] == "confirmed",
                    // The department of today where the source names the sector (its code, decision 0020); null where it does not.
                    ResponsibleSector = (string?)c["department"],
                    Indicators = c["indicators"]!.AsArray().Select(i => Indicator2021(i!, levelCodes)).ToList(),
                })
                .ToList(),
        };
    }

    /// <summary>
    /// The xã NTM kiểu mẫu level of 319/QĐ-TTg from the reference notes, when they list its conditions: rank 3, judged on the NTM
    /// nâng cao thresholds; the condition "đạt chuẩn xã NTM nâng cao" is read from the titles held, the others are declared by the
    /// commune with evidence and judged by the coordination office. Nothing when the notes do not hold the conditions.
    /// </summary>
    private static IEnumerable<LevelDocument> ModelLevel(JsonNode? recognitionLevels)
    {
        var model = recognitionLevels
            ?["period_2021_2025"]?["levels"]?.AsArray()
            .FirstOrDefault(l => (string?)l?["level"] == "xã NTM kiểu mẫu");
        if (model?["conditions"] is not JsonArray conditions || conditions.Count == 0)
            yield break;
        var list = conditions
            .Select((c, i) => (Text: (string)c!, Index: i))
            .Select(c =>
                c.Text.StartsWith("đạt chuẩn xã NTM nâng cao", StringComparison.OrdinalIgnoreCase)
                    ? new LevelConditionDocument($"KM{c.Index + 1}", Capitalised(c.Text), CriteriaSetValidator.JudgedByTitle, Advanced)
                    : new LevelConditionDocument($"KM{c.Index + 1}", Capitalised(c.Text), CriteriaSetValidator.JudgedByDeclaration)
            )
            .ToList();
        yield return new LevelDocument("NTMKM", "Xã nông thôn mới kiểu mẫu", 3, ThresholdsOf: Advanced, Conditions: list);
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// QĐ 18/2022/QĐ-TTg (evaluationRules.revocation_18_2022 of the notes): a commune loses its title when 30% to under 50% of
    /// the criteria are no longer met and one of them is protected, or 50% or more. The protected criteria are the set's
    /// criteria whose names the rule lists (income, environment and food safety, defence and security; "Môi trường" and
    /// "Chất lượng môi trường sống" name criteria of NTM nâng cao, not of this set). Read from the notes, never typed here.
    /// </summary>
    private static RevocationDocument? Revocation18(JsonNode root)
    {
        if (root["evaluationRules"]?["revocation_18_2022"]?["commune"] is not JsonArray rule || rule.Count < 2)
            return null;
        var first = (string)rule[0]!;
        var listed = first[(first.IndexOf(':') + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var numbers = root["criteria"]!
            .AsArray()
            .Where(c => listed.Contains((string)c!["name_vi"]!, StringComparer.OrdinalIgnoreCase))
            .Select(c => (int)c!["number"]!)
            .ToList();
        var shares = System.Text.RegularExpressions.Regex.Match(first, @"^(\d+)% to under (\d+)%");
        var upper = System.Text.RegularExpressions.Regex.Match((string)rule[1]!, @"^(\d+)% or more");
        return shares.Success && upper.Success && shares.Groups[2].Value == upper.Groups[1].Value
            ? new RevocationDocument(decimal.Parse(shares.Groups[1].Value) / 100, decimal.Parse(upper.Groups[1].Value) / 100, numbers)
            : null;
    }

    private static IndicatorDocument Indicator2021(JsonNode i, Dictionary<string, string> levelCodes)
    {
        var (type, unit) = (string)i["unit"]! switch
        {
            "boolean" => ("boolean", (string?)null),
            "percent" => ("percent", "%"),
            "million_vnd_per_person_per_year" => ("number", "triệu đồng/người/năm"),
            "m2_per_person" => ("number", "m²/người"),
            var other => ("number", other),
        };
        var thresholds = new List<ThresholdDocument>();
        foreach (var (levelKey, slot) in i["thresholds"]!.AsObject())
        {
            var level = levelCodes[levelKey];
            thresholds.Add(Row(level, null, null, slot!["default"], type));
            // A region listed without any value is not a regional split: the source gives only the general row, which then
            // applies to every region (writing unknown regional rows would hide it as soon as a commune has a region).
            if (slot["byRegion"] is JsonObject regions && regions.Any(r => r.Value is not null))
            {
                foreach (var (region, value) in regions)
                {
                    if (value is JsonObject byYear)
                    {
                        thresholds.Add(new ThresholdDocument { Level = level, Group = region }); // years not listed: unknown, never a guess
                        foreach (var (year, yearValue) in byYear)
                            thresholds.Add(Row(level, region, int.Parse(year), yearValue, type));
                    }
                    else
                        thresholds.Add(Row(level, region, null, value, type));
                }
            }
        }
        var rule = (string)i["comparison"]!;
        string? ruleNote = null;
        if (type == "boolean" && rule != "achieved")
        {
            // A pass/fail indicator is judged as achieved or not, whatever comparison the notes wrote.
            ruleNote = $"Ghi chú nguồn dùng quy tắc \"{rule}\" cho chỉ tiêu đạt/không đạt; ở đây được đánh giá là đạt/chưa đạt.";
            rule = "achieved";
        }
        var notes = string.Join(
            " ",
            new[] { (string?)i["notes"], ruleNote, ConfidenceText((string?)i["confidence"]) }.Where(s => !string.IsNullOrWhiteSpace(s))
        );
        return new IndicatorDocument
        {
            Code = (string)i["code"]!,
            Name = (string)i["name_vi"]!,
            Type = type,
            Unit = unit,
            Rule = rule,
            NameVerified = (bool?)i["nameVerified"] ?? false,
            Notes = notes.Length == 0 ? null : notes,
            Thresholds = thresholds,
        };
    }

    /// <summary>A number stays a number; "Đạt…" on a pass/fail indicator is true; any other text is not a number, so the value stays unknown and the text is kept as the row's note.</summary>
    private static ThresholdDocument Row(string level, string? group, int? year, JsonNode? value, string type)
    {
        var row = new ThresholdDocument
        {
            Level = level,
            Group = group,
            Year = year,
        };
        if (value is null)
            return row;
        if (value.GetValueKind() == JsonValueKind.Number)
            return row with { Value = ThresholdValue.Of(value.GetValue<decimal>()) };
        var text = value.ToString();
        if (type == "boolean" && text.StartsWith("Đạt", StringComparison.Ordinal))
            return row with { Value = ThresholdValue.Of(true), Note = text == "Đạt" ? null : text };
        return row with { Note = text };
    }

    /// <summary>Decision 51/2025/QĐ-TTg: 10 criteria, 3 commune groups; no indicator of Phụ lục I could be read yet.</summary>
    public static CriteriaSetDocument From2026(JsonNode root)
    {
        var set = root["criteriaSet"]!;
        return new CriteriaSetDocument
        {
            Code = (string)set["code"]!,
            Name = (string)set["name_vi"]!,
            LegalBasis = "Quyết định 51/2025/QĐ-TTg ngày 29/12/2025 (hiệu lực 15/02/2026), Phụ lục I",
            ValidFrom = (int)set["validFrom"]!,
            ValidTo = (int)set["validTo"]!,
            Status = "published",
            Source = SourceText(root["source"]),
            Notes =
                $"Bộ tiêu chí có {(int?)set["indicatorCount"]} chỉ tiêu theo văn bản; chưa đọc được danh sách chỉ tiêu và ngưỡng của Phụ lục I, nên các tiêu chí chưa có chỉ tiêu. {(string?)set["pilot"]}",
            Levels = set["levels"]!
                .AsArray()
                .Select(l => new LevelDocument((string)l!["code"]!, (string)l["name_vi"]!, (int)l["rank"]!))
                .ToList(),
            Groups = root["groups"]!
                .AsArray()
                .Select(g => new GroupDocument((string)g!["code"]!, (string)g["name_vi"]!, (string?)g["description"]))
                .ToList(),
            Bands = [new("Đạt chuẩn (10 tiêu chí)", 10), new("Chưa đạt chuẩn", 0)],
            Criteria = root["criteria"]!
                .AsArray()
                .Select(c => new CriterionDocument
                {
                    Number = (int)c!["number"]!,
                    Code = (string)c["code"]!,
                    Name = (string)c["name_vi"]!,
                    NameVerified = (string?)c["nameConfidence"] == "confirmed",
                    Indicators = [],
                })
                .ToList(),
        };
    }

    private static string? ConfidenceText(string? confidence) =>
        confidence switch
        {
            "confirmed" => "Mức tin cậy: đã xác nhận từ nguồn.",
            "partial" => "Mức tin cậy: một phần (nguồn thứ cấp hoặc chưa đủ).",
            "unconfirmed" => "Mức tin cậy: chưa xác nhận.",
            _ => null,
        };

    private static string? SourceText(JsonNode? source) =>
        source?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

using Mtqg.Domain.Criteria;

namespace Mtqg.Bench;

/// <summary>
/// The benchmark's two criteria sets, shaped like the national ones (DESIGN §2, §7): 2021–2025 with
/// 19 criteria and 2026–2030 with 10, about 60 indicators each, two levels, three commune groups,
/// group-specific and year-specific threshold rows, indicators that do not apply at the higher level
/// and a few unknown (null) thresholds there. Stored through the real CriteriaSetService.
/// </summary>
public static class BenchSets
{
    private static readonly string[] Departments = ["SXD", "SNNMT", "SKHCN", "SNV", "SVHTTDL", "SYT", "SGDDT", "SCT", "STC"];

    public const string Before = "BENCH-2021-2025",
        After = "BENCH-2026-2030";
    public static readonly string[] Groups = ["G1", "G2", "G3"];

    public static string For(int year) => year <= 2025 ? Before : After;

    private static readonly string[] CriteriaBefore =
    [
        "Quy hoạch",
        "Giao thông",
        "Thủy lợi và phòng, chống thiên tai",
        "Điện",
        "Trường học",
        "Cơ sở vật chất văn hóa",
        "Cơ sở hạ tầng thương mại nông thôn",
        "Thông tin và Truyền thông",
        "Nhà ở dân cư",
        "Thu nhập",
        "Nghèo đa chiều",
        "Lao động",
        "Tổ chức sản xuất và phát triển kinh tế nông thôn",
        "Giáo dục và Đào tạo",
        "Y tế",
        "Văn hóa",
        "Môi trường và an toàn thực phẩm",
        "Hệ thống chính trị và tiếp cận pháp luật",
        "Quốc phòng và An ninh",
    ];
    private static readonly int[] IndicatorsBefore = [3, 4, 3, 3, 3, 3, 2, 4, 3, 3, 3, 3, 3, 4, 4, 3, 4, 3, 2];

    private static readonly string[] CriteriaAfter =
    [
        "Quy hoạch và hạ tầng",
        "Kinh tế và thu nhập",
        "Giảm nghèo và an sinh",
        "Giáo dục",
        "Y tế",
        "Văn hóa",
        "Môi trường và cảnh quan",
        "Chuyển đổi số",
        "An ninh, trật tự",
        "Hệ thống chính trị",
    ];

    public static CriteriaSetDocument Document(string code) =>
        code == Before
            ? Build(
                Before,
                "Bộ tiêu chí đo hiệu năng 2021–2025 (không phải số liệu chính thức)",
                2021,
                2025,
                CriteriaBefore,
                IndicatorsBefore,
                yearRows: false,
                [("Đạt chuẩn", 19), ("15–18 tiêu chí", 15), ("10–14 tiêu chí", 10), ("5–9 tiêu chí", 5), ("Dưới 5 tiêu chí", 0)]
            )
            : Build(
                After,
                "Bộ tiêu chí đo hiệu năng 2026–2030 (không phải số liệu chính thức)",
                2026,
                2030,
                CriteriaAfter,
                [.. CriteriaAfter.Select(_ => 6)],
                yearRows: true,
                [("Đạt chuẩn", 10), ("7–9 tiêu chí", 7), ("4–6 tiêu chí", 4), ("Dưới 4 tiêu chí", 0)]
            );

    private static CriteriaSetDocument Build(
        string code,
        string name,
        int from,
        int to,
        string[] criteria,
        int[] counts,
        bool yearRows,
        (string Name, int Min)[] bands
    )
    {
        var k = 0;
        return new CriteriaSetDocument
        {
            Code = code,
            Name = name,
            LegalBasis = "Không có: bộ tiêu chí sinh ra để đo hiệu năng",
            ValidFrom = from,
            ValidTo = to,
            Status = "published",
            IsDemo = false,
            Notes = "Tạo bởi bench/Mtqg.Bench; mọi ngưỡng là số giả định.",
            Levels =
            [
                new LevelDocument("NTM", "Đạt chuẩn nông thôn mới", 1),
                new LevelDocument("NTMNC", "Đạt chuẩn nông thôn mới nâng cao", 2),
            ],
            Groups = [.. Groups.Select((g, i) => new GroupDocument(g, $"Nhóm {i + 1}"))],
            Bands = [.. bands.Select(b => new BandDocument(b.Name, b.Min))],
            Criteria =
            [
                .. criteria.Select(
                    (criterion, c) =>
                        new CriterionDocument
                        {
                            Number = c + 1,
                            Code = $"TC{c + 1:00}",
                            Name = criterion,
                            ResponsibleSector = Departments[c % Departments.Length], // codes of the registry (decision 0020)
                            Indicators =
                            [
                                .. Enumerable
                                    .Range(1, counts[c])
                                    .Select(i => Indicator($"{c + 1}.{i}", $"{criterion}: chỉ tiêu {i}", k++, from, yearRows)),
                            ],
                        }
                ),
            ],
        };
    }

    /// <summary>The k-th indicator of a set: its kind cycles so every rule and type is exercised.</summary>
    private static IndicatorDocument Indicator(string code, string name, int k, int from, bool yearRows)
    {
        var (type, rule, unit, ntm, advanced) = (k % 5) switch
        {
            0 => ("boolean", "achieved", (string?)null, 1m, 1m),
            1 => ("percent", ">=", "%", 80m, 95m),
            2 => ("percent", ">=", "%", 70m + k % 3 * 5, 90m),
            3 => ("number", ">=", "triệu đồng/người/năm", 40m + k % 4 * 5, 60m),
            _ => ("percent", "<=", "%", 10m, 5m),
        };
        ThresholdValue Value(decimal v) => type == "boolean" ? ThresholdValue.Of(true) : ThresholdValue.Of(v);
        var rows = new List<ThresholdDocument>
        {
            new() { Level = "NTM", Value = Value(ntm) },
        };
        // A third of the numeric indicators have a threshold per commune group (the "regions" of 318/QĐ-TTg).
        if (type != "boolean" && k % 3 == 0)
        {
            var step = rule == "<=" ? -2m : 5m;
            rows.Add(
                new()
                {
                    Level = "NTM",
                    Group = "G1",
                    Value = Value(ntm + step),
                }
            );
            rows.Add(
                new()
                {
                    Level = "NTM",
                    Group = "G3",
                    Value = Value(ntm - step),
                }
            );
        }
        // The 2026–2030 set raises some thresholds from 2028 (rows with a year, and with a group and a year).
        if (yearRows && type != "boolean" && k % 4 == 1)
        {
            var raise = rule == "<=" ? -1m : 2m;
            for (var year = from + 2; year <= from + 4; year++)
            {
                rows.Add(
                    new()
                    {
                        Level = "NTM",
                        Year = year,
                        Value = Value(ntm + raise * (year - from - 1)),
                    }
                );
                rows.Add(
                    new()
                    {
                        Level = "NTM",
                        Group = "G2",
                        Year = year,
                        Value = Value(ntm + raise * (year - from)),
                    }
                );
            }
        }
        // At the higher level: one indicator in seven does not apply (no row), one in thirteen has an unknown threshold.
        if (k % 7 != 6)
            rows.Add(new() { Level = "NTMNC", Value = k % 13 == 12 ? null : Value(advanced) });
        return new IndicatorDocument
        {
            Code = code,
            Name = name,
            Type = type,
            Rule = rule,
            Unit = unit,
            Thresholds = rows,
        };
    }
}

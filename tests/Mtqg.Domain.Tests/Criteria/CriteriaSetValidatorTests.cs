using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using static Mtqg.Domain.Tests.Criteria.SampleCriteriaSet;

namespace Mtqg.Domain.Tests.Criteria;

public class CriteriaSetValidatorTests
{
    [Fact]
    public void A_valid_set_has_no_problems() => Assert.Empty(CriteriaSetValidator.Validate(Build()));

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 0, 2)]
    [InlineData(0, 1, 1)]
    [InlineData(1, 1, 0)]
    public void A_threshold_whose_official_value_is_unknown_is_valid(int criterion, int indicator, int row)
    {
        var doc = Build();
        ChangeThreshold(doc, criterion, indicator, row, t => t with { Value = null });

        Assert.Empty(CriteriaSetValidator.Validate(doc));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(0.5)]
    public void A_percent_threshold_from_0_to_100_is_valid(double percent)
    {
        var doc = Build();
        ChangeThreshold(doc, 0, 0, 0, t => t with { Value = ThresholdValue.Of((decimal)percent) });

        Assert.Empty(CriteriaSetValidator.Validate(doc));
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(2030)]
    public void A_threshold_year_at_either_end_of_the_validity_is_valid(int year)
    {
        var doc = Build();
        ChangeThreshold(doc, 0, 0, 2, t => t with { Year = year });

        Assert.Empty(CriteriaSetValidator.Validate(doc));
    }

    // The 2026–2030 national set (QĐ 51/2025/QĐ-TTg) is loaded with its criteria but no indicators yet.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_criterion_without_indicators_is_valid(bool listedAsEmpty)
    {
        var doc = Build();
        doc.Criteria![1] = doc.Criteria[1] with { Indicators = listedAsEmpty ? [] : null };

        Assert.Empty(CriteriaSetValidator.Validate(doc));
    }

    public static TheoryData<string, Action<CriteriaSetDocument>, string, string[]> SingleMistakes =>
        new()
        {
            {
                "duplicate criterion number",
                d => d.Criteria![1] = d.Criteria[1] with { Number = 1 },
                "criteria[1].number",
                ["Số thứ tự tiêu chí 1", "trùng"]
            },
            {
                "duplicate criterion code",
                d => d.Criteria![1] = d.Criteria[1] with { Code = "TC01" },
                "criteria[1].code",
                ["\"TC01\"", "trùng"]
            },
            {
                "criterion code differing only in case",
                d => d.Criteria![1] = d.Criteria[1] with { Code = "tc01" },
                "criteria[1].code",
                ["\"tc01\"", "trùng"]
            },
            {
                "indicator code used by another criterion",
                d => ChangeIndicator(d, 1, 0, i => i with { Code = "1.1" }),
                "criteria[1].indicators[0].code",
                ["\"1.1\"", "trùng", "criteria[0].indicators[0]"]
            },
            {
                "threshold for a level the set does not have",
                d => ChangeThreshold(d, 0, 0, 0, t => t with { Level = "NTX" }),
                "criteria[0].indicators[0].thresholds[0].level",
                ["Chỉ tiêu 1.1", "\"NTX\""]
            },
            {
                "threshold for a group the set does not have",
                d => ChangeThreshold(d, 0, 0, 1, t => t with { Group = "G3" }),
                "criteria[0].indicators[0].thresholds[1].group",
                ["Chỉ tiêu 1.1", "\"G3\""]
            },
            {
                "threshold year after validTo",
                d => ChangeThreshold(d, 0, 0, 2, t => t with { Year = 2031 }),
                "criteria[0].indicators[0].thresholds[2].year",
                ["Chỉ tiêu 1.1", "2031", "2026–2030"]
            },
            {
                "threshold year before validFrom",
                d => ChangeThreshold(d, 0, 0, 2, t => t with { Year = 2025 }),
                "criteria[0].indicators[0].thresholds[2].year",
                ["Chỉ tiêu 1.1", "2025", "2026–2030"]
            },
            {
                "second row for the same level, group and year",
                d =>
                    Indicator(d, 0, 0)
                        .Thresholds!.Add(
                            new()
                            {
                                Level = "NTM",
                                Group = "G2",
                                Year = 2027,
                                Value = ThresholdValue.Of(93m),
                            }
                        ),
                "criteria[0].indicators[0].thresholds[4]",
                ["Chỉ tiêu 1.1", "NTM", "G2", "2027"]
            },
            {
                "second plain row for a level, even with an unknown value",
                d => Indicator(d, 0, 0).Thresholds!.Add(new() { Level = "NTM", Value = null }),
                "criteria[0].indicators[0].thresholds[4]",
                ["Chỉ tiêu 1.1", "NTM"]
            },
            {
                "boolean indicator compared with >=",
                d => ChangeIndicator(d, 0, 1, i => i with { Rule = ">=" }),
                "criteria[0].indicators[1].rule",
                ["Chỉ tiêu 1.2", "achieved"]
            },
            {
                "number indicator judged by achieved",
                d => ChangeIndicator(d, 1, 1, i => i with { Rule = "achieved" }),
                "criteria[1].indicators[1].rule",
                ["Chỉ tiêu 2.2", "achieved"]
            },
            {
                "boolean threshold that is a number",
                d => ChangeThreshold(d, 0, 1, 0, t => t with { Value = ThresholdValue.Of(1m) }),
                "criteria[0].indicators[1].thresholds[0].value",
                ["Chỉ tiêu 1.2", "true"]
            },
            {
                "boolean threshold that is false",
                d => ChangeThreshold(d, 0, 1, 0, t => t with { Value = ThresholdValue.Of(false) }),
                "criteria[0].indicators[1].thresholds[0].value",
                ["Chỉ tiêu 1.2", "true"]
            },
            {
                "number threshold that is true",
                d => ChangeThreshold(d, 1, 1, 0, t => t with { Value = ThresholdValue.Of(true) }),
                "criteria[1].indicators[1].thresholds[0].value",
                ["Chỉ tiêu 2.2", "số"]
            },
            {
                "percent threshold that is true",
                d => ChangeThreshold(d, 0, 0, 0, t => t with { Value = ThresholdValue.Of(true) }),
                "criteria[0].indicators[0].thresholds[0].value",
                ["Chỉ tiêu 1.1", "số"]
            },
            {
                "percent threshold of 120",
                d => ChangeThreshold(d, 0, 0, 0, t => t with { Value = ThresholdValue.Of(120m) }),
                "criteria[0].indicators[0].thresholds[0].value",
                ["Chỉ tiêu 1.1", "120", "0–100"]
            },
            {
                "negative percent threshold",
                d => ChangeThreshold(d, 0, 0, 0, t => t with { Value = ThresholdValue.Of(-1m) }),
                "criteria[0].indicators[0].thresholds[0].value",
                ["Chỉ tiêu 1.1", "-1", "0–100"]
            },
            {
                "threshold that was a string in the JSON",
                d => ChangeThreshold(d, 0, 0, 0, t => t with { Value = ThresholdValue.Bad("abc") }),
                "criteria[0].indicators[0].thresholds[0].value",
                ["Chỉ tiêu 1.1", "\"abc\""]
            },
            {
                "criterion without a code",
                d => d.Criteria![1] = d.Criteria[1] with { Code = null },
                "criteria[1].code",
                ["Tiêu chí 2", "mã"]
            },
            {
                "criterion without a name",
                d => d.Criteria![1] = d.Criteria[1] with { Name = "" },
                "criteria[1].name",
                ["Tiêu chí 2", "tên"]
            },
            {
                "indicator without a code",
                d => ChangeIndicator(d, 1, 0, i => i with { Code = " " }),
                "criteria[1].indicators[0].code",
                ["Tiêu chí 2", "mã"]
            },
            {
                "indicator without a name",
                d => ChangeIndicator(d, 1, 0, i => i with { Name = null }),
                "criteria[1].indicators[0].name",
                ["Chỉ tiêu 2.1", "tên"]
            },
            {
                "two levels with the same rank",
                d => d.Levels![1] = d.Levels[1] with { Rank = 1 },
                "levels[1].rank",
                ["Thứ bậc 1", "trùng"]
            },
            {
                "band needing more criteria than the set has",
                d => d.Bands!.Add(new("Vượt chuẩn", 3)),
                "bands[3].minCriteriaMet",
                ["\"Vượt chuẩn\"", "3", "(2)"]
            },
            {
                "indicator of type text",
                d => ChangeIndicator(d, 0, 0, i => i with { Type = "text" }),
                "criteria[0].indicators[0].type",
                ["Chỉ tiêu 1.1", "\"text\""]
            },
            {
                "indicator with rule ~",
                d => ChangeIndicator(d, 0, 0, i => i with { Rule = "~" }),
                "criteria[0].indicators[0].rule",
                ["Chỉ tiêu 1.1", "\"~\""]
            },
        };

    [Theory]
    [MemberData(nameof(SingleMistakes))]
    public void One_mistake_yields_one_problem_on_its_field_naming_the_item(
        string mistake,
        Action<CriteriaSetDocument> make,
        string field,
        string[] messageNames
    )
    {
        var doc = Build();
        make(doc);

        var problems = CriteriaSetValidator.Validate(doc);

        Assert.True(problems.Count == 1, $"{mistake}: expected one problem, got {Describe(problems)}");
        Assert.Equal(field, problems[0].Field);
        Assert.All(messageNames, name => Assert.Contains(name, problems[0].Message));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_set_without_code_and_name_is_reported_on_both_fields(string? blank)
    {
        var doc = Build() with { Code = blank, Name = blank };

        var problems = CriteriaSetValidator.Validate(doc).OrderBy(p => p.Field).ToList();

        Assert.Equal(["code", "name"], problems.Select(p => p.Field));
        Assert.Contains("mã bộ tiêu chí", problems[0].Message);
        Assert.Contains("tên bộ tiêu chí", problems[1].Message);
    }

    [Fact]
    public void ValidTo_before_validFrom_is_reported_on_validTo_with_both_years()
    {
        var doc = Build() with { ValidFrom = 2030, ValidTo = 2026 };

        var problem = Assert.Single(CriteriaSetValidator.Validate(doc), p => p.Field == "validTo");
        Assert.Contains("2026", problem.Message);
        Assert.Contains("2030", problem.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_set_without_levels_is_reported_on_levels(bool listedAsEmpty)
    {
        var doc = Build() with { Levels = listedAsEmpty ? [] : null };

        var problem = Assert.Single(CriteriaSetValidator.Validate(doc), p => p.Field == "levels");
        Assert.Contains("mức", problem.Message);
    }

    [Fact]
    public void Every_mistake_in_a_set_is_reported_not_only_the_first()
    {
        var doc = Build() with { Code = null };
        doc.Criteria![1] = doc.Criteria[1] with { Number = 1 };
        ChangeIndicator(doc, 0, 0, i => i with { Rule = "~" });

        var fields = CriteriaSetValidator.Validate(doc).Select(p => p.Field).Order();

        Assert.Equal(["code", "criteria[0].indicators[0].rule", "criteria[1].number"], fields);
    }

    private static string Describe(IReadOnlyList<Problem> problems) =>
        problems.Count == 0 ? "none" : string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}"));
}

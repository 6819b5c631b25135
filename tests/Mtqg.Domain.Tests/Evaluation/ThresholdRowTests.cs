using Mtqg.Domain.Evaluation;
using static Mtqg.Domain.Tests.Evaluation.SetBuilder;

namespace Mtqg.Domain.Tests.Evaluation;

/// <summary>The rule itself, as the engine, the demo seeder and the benchmark's generator call it (DESIGN §6).</summary>
public class ThresholdRowTests
{
    private static readonly EvaluationThreshold[] Rows =
    [
        Row("NTM", 70),
        Row("NTM", 75, year: 2027),
        Row("NTM", 80, "G1"),
        Row("NTM", 85, "G1", 2027),
        Row("NTM", 60, "G2", 2028),
        Row("NTMNC", 95),
    ];

    public static TheoryData<string?, int, decimal?> Cases =>
        new()
        {
            { "G1", 2027, 85 }, // group and year
            { "G1", 2026, 80 }, // group
            { "G2", 2027, 75 }, // year: beats the row with neither, and is what the demo seeder's copy skipped
            { "G3", 2027, 75 },
            { null, 2027, 75 },
            { "G2", 2026, 70 }, // neither
            { null, 2026, 70 },
            { "G2", 2028, 60 },
            { "g1", 2027, 75 }, // group codes compare exactly
        };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_most_specific_matching_row_of_the_level_applies(string? group, int year, decimal? expected)
    {
        Assert.Equal(expected, ThresholdRow.Select(Rows, "NTM", group, year)?.Value);
        Assert.Equal(expected, ThresholdRow.Select(Rows.Where(r => r.Level == "NTM").ToArray(), group, year)?.Value);
    }

    [Fact]
    public void Rows_of_another_level_are_not_considered() => Assert.Equal(95m, ThresholdRow.Select(Rows, "NTMNC", "G1", 2027)?.Value);

    [Fact]
    public void No_row_matches_when_every_row_names_another_group_or_year() =>
        Assert.Null(ThresholdRow.Select([Row("NTM", 80, "G1"), Row("NTM", 75, year: 2027)], "NTM", "G2", 2026));

    [Fact]
    public void An_unknown_threshold_is_chosen_and_never_falls_back_to_a_less_specific_row()
    {
        var row = ThresholdRow.Select([Row("NTM", 70), Row("NTM", null, "G1")], "NTM", "G1", 2026);

        Assert.NotNull(row);
        Assert.Null(row.Value);
    }

    [Fact]
    public void Among_equally_specific_rows_the_first_applies() =>
        Assert.Equal(80m, ThresholdRow.Select([Row("NTM", 80, "G1"), Row("NTM", 81, "G1")], "NTM", "G1", 2026)?.Value);

    [Fact]
    public void An_indicator_without_rows_has_no_threshold() => Assert.Null(ThresholdRow.Select([], "NTM", "G1", 2026));
}

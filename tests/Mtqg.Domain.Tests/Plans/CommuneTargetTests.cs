using Mtqg.Domain.Plans;

namespace Mtqg.Domain.Tests.Plans;

public class CommuneTargetTests
{
    private static RecognitionFact Rec(string commune, string date, string level = "NTM") => new(commune, level, DateOnly.Parse(date));

    [Fact]
    public void A_count_target_counts_distinct_communes_recognised_at_its_level_in_its_year_up_to_the_date()
    {
        var target = new CommuneCountTarget("NTM", 2024, 4);
        RecognitionFact[] recognitions =
        [
            Rec("001", "2024-03-10"),
            Rec("001", "2024-09-01"), // counted once
            Rec("002", "2024-06-30"),
            Rec("003", "2023-12-31"), // another year
            Rec("004", "2024-05-05", "NC"), // another level
            Rec("005", "2024-11-20"), // after the date asked
        ];

        var result = target.ProgressAt(recognitions, [], new(2024, 7, 1));

        Assert.Equal(["001", "002"], result.RecognisedCommunes);
        Assert.Equal(2m, result.Progress.Achieved);
        Assert.Equal(TargetState.OnTrack, result.Progress.State); // 50% done, 49.6% of the year elapsed
    }

    [Fact]
    public void A_count_target_is_missed_after_its_year_and_done_once_the_goal_is_reached()
    {
        var target = new CommuneCountTarget("NTM", 2024, 2);
        RecognitionFact[] one = [Rec("001", "2024-03-10")];

        Assert.Equal(TargetState.Missed, target.ProgressAt(one, [], new(2025, 1, 1)).Progress.State);
        Assert.Equal(TargetState.Done, target.ProgressAt([.. one, Rec("002", "2024-12-31")], [], new(2025, 1, 1)).Progress.State);
    }

    [Fact]
    public void The_pipeline_lists_unrecognised_communes_missing_one_or_two_criteria_fewest_first()
    {
        var target = new CommuneCountTarget("NTM", 2024, 18);
        PipelineCommune[] candidates =
        [
            new("010", ["TC13", "TC17"]),
            new("011", ["TC17"]),
            new("012", ["TC02", "TC13", "TC17"]), // three short: not in the pipeline
            new("001", ["TC17"]), // already recognised
            new("013", []), // nothing missing is a recognition waiting, not a pipeline entry
        ];

        var result = target.ProgressAt([Rec("001", "2024-02-01")], candidates, new(2024, 6, 1));

        Assert.Equal(["011", "010"], result.Pipeline.Select(p => p.CommuneCode));
        Assert.StartsWith("1/18 xã (5,5%) — chậm tiến độ", result.Progress.Summary);
    }

    [Theory]
    [InlineData("2025-06-01", null, TargetState.NotYet)]
    [InlineData("2025-12-31", null, TargetState.NotYet)]
    [InlineData("2026-01-01", null, TargetState.Missed)]
    [InlineData("2025-12-31", "2025-12-31", TargetState.Done)]
    [InlineData("2025-10-01", "2025-12-31", TargetState.NotYet)] // a decision later than the date asked is not known yet
    [InlineData("2026-03-01", "2026-02-15", TargetState.Missed)] // reached late
    public void A_named_commune_is_done_when_recognised_by_the_end_of_its_year_and_missed_after(
        string asOf,
        string? recognisedOn,
        TargetState expected
    )
    {
        var target = new NamedCommuneTarget("25252", "NTM", 2025);
        RecognitionFact[] recognitions = recognisedOn is null
            ? [Rec("99999", "2025-05-05")]
            : [Rec("25252", recognisedOn), Rec("99999", "2025-05-05")];

        Assert.Equal(expected, target.ProgressAt(recognitions, DateOnly.Parse(asOf)).State);
    }

    [Fact]
    public void A_named_commune_reached_late_is_reported_as_late()
    {
        var result = new NamedCommuneTarget("25252", "NTM", 2025).ProgressAt([Rec("25252", "2026-02-15")], new(2026, 3, 1));

        Assert.Equal("Không đạt chuẩn NTM đúng hạn 31/12/2025 (đạt muộn ngày 15/02/2026)", result.Summary);
    }
}

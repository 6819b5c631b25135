using Mtqg.Domain.Plans;

namespace Mtqg.Domain.Tests.Plans;

public class TargetProgressTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly DateOnly End = new(2026, 12, 31);

    [Theory]
    [InlineData("2025-12-15", 0, TargetState.OnTrack)] // before the period nothing is expected yet
    [InlineData("2026-01-01", 0, TargetState.OnTrack)] // first day: 0% expected
    [InlineData("2026-07-02", 5, TargetState.OnTrack)] // 182/364 days = 50% expected, 5/10 done
    [InlineData("2026-07-03", 5, TargetState.Behind)] // one day later the line has passed 50%
    [InlineData("2026-12-31", 9, TargetState.Behind)] // on the deadline an unfinished target is behind, not missed
    [InlineData("2027-01-01", 9, TargetState.Missed)] // the day after, it is missed
    [InlineData("2026-12-31", 10, TargetState.Done)]
    [InlineData("2027-03-01", 12, TargetState.Done)]
    public void The_state_compares_the_share_done_with_the_share_of_the_period_elapsed(string asOf, int achieved, TargetState expected)
    {
        Assert.Equal(expected, TargetProgress.Judge(achieved, 10, Start, End, DateOnly.Parse(asOf), "xã").State);
    }

    [Fact]
    public void The_summary_says_how_far_behind_the_plan_the_target_is()
    {
        var progress = TargetProgress.Judge(8, 10, new(2026, 1, 1), new(2026, 12, 31), new(2026, 11, 26), "xã");

        Assert.Equal("8/10 xã (80%) — chậm tiến độ so với kế hoạch (dự kiến 90,3% vào 26/11/2026)", progress.Summary);
    }

    [Fact]
    public void The_percentage_is_truncated_so_an_unfinished_target_never_shows_100_percent()
    {
        var progress = TargetProgress.Judge(9999, 10000, Start, End, End, "hộ");

        Assert.Equal((99.9m, TargetState.Behind), (progress.Percent, progress.State));
        Assert.StartsWith("9.999/10.000 hộ (99,9%)", progress.Summary);
    }

    [Fact]
    public void Done_and_missed_summaries_name_the_outcome()
    {
        Assert.EndsWith("— đã hoàn thành", TargetProgress.Judge(10, 10, Start, End, End, "xã").Summary);
        Assert.EndsWith("— không hoàn thành (hết hạn 31/12/2026)", TargetProgress.Judge(3, 10, Start, End, new(2027, 1, 5), "xã").Summary);
    }
}

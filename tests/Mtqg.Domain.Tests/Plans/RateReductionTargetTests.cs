using Mtqg.Domain.Plans;

namespace Mtqg.Domain.Tests.Plans;

public class RateReductionTargetTests
{
    [Fact]
    public void The_average_reduction_counts_only_units_with_both_rates_and_is_judged_against_the_period()
    {
        var target = new RateReductionTarget(2024, 2026, 10.77m, each: false);
        UnitRates[] units =
        [
            new("001", 40m, 28m, 2026), // −12
            new("002", 30.5m, 21m, 2026), // −9.5
            new("003", 25m, null, null), // no approved result after the baseline: not counted
        ];

        var result = target.ProgressAt(units, new(2026, 12, 31));

        Assert.Equal(10.75m, result.Progress.Achieved);
        Assert.Equal(2, result.Known);
        Assert.Equal(TargetState.Behind, result.Progress.State); // 10.75 < 10.77 on the deadline itself
        Assert.StartsWith("Bình quân giảm 10,75/10,77 điểm %", result.Progress.Summary);
        Assert.Contains("2/3 đơn vị", result.Progress.Summary);
        Assert.Equal(TargetState.Missed, target.ProgressAt(units, new(2027, 1, 1)).Progress.State);
        Assert.Equal(TargetState.Done, target.ProgressAt([.. units[..2], new("003", 25m, 14m, 2026)], new(2026, 6, 1)).Progress.State);
    }

    [Fact]
    public void A_rate_that_rose_is_said_and_counts_as_no_progress()
    {
        var target = new RateReductionTarget(2024, 2026, 5m, each: false);

        var result = target.ProgressAt([new("001", 10m, 12.5m, 2025)], new(2025, 12, 31));

        Assert.Equal(-2.5m, result.Progress.Achieved);
        Assert.Equal(0m, result.Progress.Percent);
        Assert.Equal(TargetState.Behind, result.Progress.State);
        Assert.StartsWith("Tỷ lệ tăng 2,5 điểm % (mục tiêu giảm 5)", result.Progress.Summary); // one unit: no average
        Assert.EndsWith("(tỷ lệ đã phê duyệt năm 2024: 10%, năm 2025: 12,5%)", result.Progress.Summary);
    }

    [Fact]
    public void Each_counts_the_units_that_fell_by_the_points_and_a_unit_without_data_is_not_reached()
    {
        var target = new RateReductionTarget(2023, 2025, 3m, each: true);
        UnitRates[] units = [new("001", 20m, 16m, 2025), new("002", 20m, 18m, 2025), new("003", null, 5m, 2025)];

        var result = target.ProgressAt(units, new(2026, 1, 1));

        Assert.Equal(1m, result.Progress.Achieved);
        Assert.Equal(3m, result.Progress.Goal);
        Assert.Equal(TargetState.Missed, result.Progress.State);
        Assert.Contains("mỗi đơn vị giảm ít nhất 3 điểm %", result.Progress.Summary);
    }

    [Theory]
    [InlineData(2024, 2024, 1)]
    [InlineData(2024, 2026, 0)]
    [InlineData(2024, 2026, 100.5)]
    public void A_target_without_a_later_year_or_with_points_outside_0_to_100_cannot_be_made(int baseline, int year, double points) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateReductionTarget(baseline, year, (decimal)points, false));
}

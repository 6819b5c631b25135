using Mtqg.Domain.Units;

namespace Mtqg.Domain.Tests.Units;

public class ReformTests
{
    [Fact]
    public void The_old_units_end_on_30_June_2025_and_the_new_begin_on_1_July_2025()
    {
        Assert.Equal(new DateOnly(2025, 6, 30), Reform.LastDayBefore);
        Assert.Equal(new DateOnly(2025, 7, 1), Reform.Day);
        Assert.Equal(Reform.Day, Reform.LastDayBefore.AddDays(1));
    }

    [Theory]
    [InlineData(2021, true)]
    [InlineData(2024, true)]
    [InlineData(2025, false)]
    [InlineData(2026, false)]
    public void A_year_precedes_the_reform_only_when_it_ended_before_it(int year, bool before) =>
        Assert.Equal(before, Reform.IsYearBefore(year));

    [Theory]
    [InlineData(2025, 6, 30, true)]
    [InlineData(2025, 7, 1, false)]
    [InlineData(2025, 1, 1, true)]
    [InlineData(2026, 4, 30, false)]
    public void A_date_belongs_to_the_old_units_up_to_30_June_2025(int year, int month, int day, bool old) =>
        Assert.Equal(old, new DateOnly(year, month, day) < Reform.Day);
}

using Mtqg.Domain.Common;

namespace Mtqg.Domain.Tests.Common;

public class VietnamTimeTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static TheoryData<DateTime, DateOnly> Dates =>
        new()
        {
            { Utc(2026, 3, 9, 0, 0), new(2026, 3, 9) },
            { Utc(2026, 3, 9, 16, 59), new(2026, 3, 9) },
            { Utc(2026, 3, 9, 17, 0), new(2026, 3, 10) },
            { Utc(2026, 3, 9, 23, 59), new(2026, 3, 10) },
            { Utc(2025, 6, 30, 17, 0), new(2025, 7, 1) },
            { Utc(2025, 12, 31, 17, 0), new(2026, 1, 1) },
            { Utc(2028, 2, 28, 17, 30), new(2028, 2, 29) },
            { Utc(2026, 7, 1, 12, 0), new(2026, 7, 1) },
        };

    [Theory]
    [MemberData(nameof(Dates))]
    public void The_date_in_Vietnam_is_seven_hours_ahead_of_UTC_all_year(DateTime utc, DateOnly expected)
    {
        Assert.Equal(expected, VietnamTime.DateOf(utc));
        Assert.Equal(expected, VietnamTime.Today(utc));
        Assert.Equal(expected, VietnamTime.Today(new FixedClock(new DateTimeOffset(utc))));
    }

    [Fact]
    public void A_minute_before_midnight_UTC_is_already_the_next_morning_in_Vietnam()
    {
        var local = VietnamTime.ToLocal(Utc(2026, 12, 31, 23, 59));

        Assert.Equal(new DateTime(2027, 1, 1, 6, 59, 0), local);
        Assert.Equal("07/01/2027 06:59", local.AddDays(6).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(2026, 3, 10, "2026-03-09T17:00:00Z")]
    [InlineData(2025, 7, 1, "2025-06-30T17:00:00Z")]
    [InlineData(2026, 1, 1, "2025-12-31T17:00:00Z")]
    public void A_Vietnamese_day_starts_at_17_00_UTC_the_day_before(int year, int month, int day, string expectedUtc)
    {
        var start = VietnamTime.StartUtc(new DateOnly(year, month, day));

        Assert.Equal(DateTimeKind.Utc, start.Kind);
        Assert.Equal(expectedUtc, start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateOnly(year, month, day), VietnamTime.DateOf(start));
        Assert.Equal(new DateOnly(year, month, day).AddDays(-1), VietnamTime.DateOf(start.AddTicks(-1)));
    }

    [Fact]
    public void Dates_are_written_day_first()
    {
        Assert.Equal("30/06/2025", VietnamTime.Format(new DateOnly(2025, 6, 30)));
        Assert.Equal("01/07/2025", VietnamTime.Format(new DateOnly(2025, 7, 1)));
    }

    [Theory]
    [InlineData("07/12/2026", "2026-12-07")] // day first, never month first
    [InlineData("1/7/2025", "2025-07-01")]
    [InlineData(" 30/06/2025 ", "2025-06-30")]
    [InlineData("2025-06-30", "2025-06-30")] // as a browser's date field or a script sends it
    public void A_typed_date_is_read_day_first_or_as_iso(string text, string expected)
    {
        Assert.True(VietnamTime.TryParseDate(text, out var date));
        Assert.Equal(expected, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("12/31/2026")] // month first is not a date here
    [InlineData("31/02/2026")]
    [InlineData("2026-13-01")]
    [InlineData("07.12.2026")]
    [InlineData("")]
    [InlineData(null)]
    public void What_is_not_a_day_first_date_is_not_read(string? text)
    {
        Assert.False(VietnamTime.TryParseDate(text, out _));
        Assert.Null(VietnamTime.ParseDate(text));
    }
}

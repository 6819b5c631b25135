using System.Globalization;

namespace Mtqg.Domain.Common;

/// <summary>
/// Vietnam's civil time: UTC+7 all year (no daylight saving since 1975). Timestamps are stored in UTC;
/// what a user reads — "today", a date, a time of day, a file name — is this.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The wall-clock time in Vietnam of a UTC timestamp.</summary>
    public static DateTime ToLocal(DateTime utc) => utc.Add(Offset);

    /// <summary>The date in Vietnam of a UTC timestamp (23:59 UTC is already the next day there).</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    public static DateOnly Today(DateTime utcNow) => DateOf(utcNow);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>A date as Vietnamese texts write it: 30/06/2025.</summary>
    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// A date typed in a page's form: as Vietnamese write it (30/06/2025, 1/7/2025), or as a browser's date field or an API
    /// sends it (2025-06-30). Never month-first: 07/12/2026 is the seventh of December.
    /// </summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
            return false;
        return DateOnly.TryParseExact(t, TypedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary><see cref="TryParseDate(string?, out DateOnly)"/> as a nullable: null when empty or not a date.</summary>
    public static DateOnly? ParseDate(string? text) => TryParseDate(text, out var date) ? date : null;

    private static readonly string[] TypedFormats = ["dd/MM/yyyy", "d/M/yyyy", "dd/M/yyyy", "d/MM/yyyy", "yyyy-MM-dd"];

    /// <summary>The UTC instant at which a day begins in Vietnam (00:00 there is 17:00 UTC the day before).</summary>
    public static DateTime StartUtc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);
}

namespace Mtqg.Domain.Units;

/// <summary>
/// The 2025 reorganisation of administrative units (Resolution 202/2025/QH15 and the standing committee's
/// resolutions): 63 provinces → 34, districts abolished, 10,035 communes → 3,321, in force on 1 July 2025.
/// </summary>
public static class Reform
{
    /// <summary>The first day of the new units.</summary>
    public static readonly DateOnly Day = new(2025, 7, 1);

    /// <summary>The last day of the old units (their <c>ValidTo</c>).</summary>
    public static readonly DateOnly LastDayBefore = Day.AddDays(-1);

    /// <summary>Whether a year ended before the reform, so its communes (in force on 31 December) are the old ones.</summary>
    public static bool IsYearBefore(int year) => year < Day.Year;
}

namespace Mtqg.Domain.Criteria;

/// <summary>
/// What an indicator value may be, whichever door it comes through (API, page, Excel/CSV upload): a boolean is
/// stored as 1 (achieved) or 0; a percent lies in 0–100; a number is kept to <see cref="MaxDecimals"/> decimals
/// (rounded, not refused) and below <see cref="Limit"/> in size, which both databases store exactly.
/// </summary>
public static class ValueRules
{
    public const int MaxDecimals = 4;

    /// <summary>The first size refused: 10^14.</summary>
    public const decimal Limit = 100_000_000_000_000m;

    public static decimal FromFlag(bool achieved) => achieved ? 1m : 0m;

    public static bool IsAchieved(decimal stored) => stored == 1m;

    /// <summary>
    /// A number entered for the indicator <paramref name="code"/> of <paramref name="type"/>: the value to store,
    /// or why it is refused (in Vietnamese, naming the indicator). A percent is checked before rounding, so
    /// 100.00001 is refused rather than rounded to 100.
    /// </summary>
    public static (decimal? Value, string? Error) Check(IndicatorType type, string code, decimal number)
    {
        if (type == IndicatorType.Percent && number is < 0 or > 100)
            return (null, $"Chỉ tiêu {code} là tỷ lệ phần trăm: {number} phải nằm trong khoảng 0–100.");
        if (Math.Abs(number) >= Limit)
            return (null, $"Chỉ tiêu {code}: {number} quá lớn.");
        return (decimal.Round(number, MaxDecimals), null);
    }
}

using System.Globalization;

namespace Mtqg.Domain.Plans;

/// <summary>Where a target stands at a date. <see cref="NotYet"/> is only for a named commune before its deadline (a yes/no target has no linear expectation).</summary>
public enum TargetState
{
    OnTrack,
    Behind,
    Done,
    Missed,
    NotYet,
}

/// <summary>
/// A target's progress at <see cref="AsOf"/>: achieved out of goal, the percentage (truncated to one decimal so
/// 99.96% never shows as 100%), the percentage expected by now on a straight line through the period, the state and
/// a Vietnamese one-line summary.
/// </summary>
public sealed record TargetProgress(
    decimal Achieved,
    decimal Goal,
    decimal Percent,
    decimal ExpectedPercent,
    TargetState State,
    DateOnly AsOf,
    DateOnly PeriodStart,
    DateOnly Deadline,
    string Summary
)
{
    internal static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// The on-track rule: the share expected at <paramref name="asOf"/> is the share of the period elapsed,
    /// (asOf − start) / (deadline − start) in days, clamped to 0…1 (0 on the first day, 1 on the deadline).
    /// Done when achieved ≥ goal (on any date, even after the deadline if the update is dated inside it);
    /// missed when the day after the deadline comes without it; otherwise on track when achieved/goal ≥ expected
    /// (exact comparison, no tolerance), behind when less. On the deadline itself an unfinished target is behind, not yet missed.
    /// </summary>
    public static TargetProgress Judge(decimal achieved, decimal goal, DateOnly start, DateOnly deadline, DateOnly asOf, string unit)
    {
        if (goal <= 0)
            throw new ArgumentOutOfRangeException(nameof(goal), "Mục tiêu phải lớn hơn 0.");
        var share = Math.Min(achieved / goal, 1m);
        var expected = ExpectedShare(start, deadline, asOf);
        var state =
            share >= 1m ? TargetState.Done
            : asOf > deadline ? TargetState.Missed
            : share >= expected ? TargetState.OnTrack
            : TargetState.Behind;
        var percent = Truncate(share * 100m);
        var expectedPercent = Truncate(expected * 100m);
        var head = $"{Number(achieved)}/{Number(goal)} {unit} ({Number(percent)}%)";
        var tail = state switch
        {
            TargetState.Done => "đã hoàn thành",
            TargetState.Missed => $"không hoàn thành (hết hạn {Date(deadline)})",
            TargetState.OnTrack => $"đúng tiến độ (dự kiến {Number(expectedPercent)}% vào {Date(asOf)})",
            _ => $"chậm tiến độ so với kế hoạch (dự kiến {Number(expectedPercent)}% vào {Date(asOf)})",
        };
        return new(achieved, goal, percent, expectedPercent, state, asOf, start, deadline, $"{head} — {tail}");
    }

    public static decimal ExpectedShare(DateOnly start, DateOnly deadline, DateOnly asOf)
    {
        if (asOf >= deadline)
            return 1m;
        if (asOf <= start)
            return 0m;
        return (decimal)(asOf.DayNumber - start.DayNumber) / (deadline.DayNumber - start.DayNumber);
    }

    private static decimal Truncate(decimal percent) => Math.Floor(percent * 10m) / 10m;

    internal static string Number(decimal value) => value.ToString("#,##0.##", Vi);

    internal static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}

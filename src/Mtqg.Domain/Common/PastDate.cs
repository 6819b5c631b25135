namespace Mtqg.Domain.Common;

/// <summary>
/// The date of something that has already happened — a visit held, a plan or a decision signed, a council met —
/// cannot be after today (Vietnam time, passed in by the caller).
/// </summary>
public static class PastDate
{
    /// <summary>The problem of <paramref name="field"/> when <paramref name="date"/> is after <paramref name="today"/>; null otherwise.</summary>
    public static Problem? Check(string field, string label, DateOnly? date, DateOnly today) =>
        date > today
            ? new(field, $"{label} ({VietnamTime.Format(date.Value)}) không được sau ngày hôm nay ({VietnamTime.Format(today)}).")
            : null;
}

namespace Mtqg.Domain.Plans;

/// <summary>
/// A commune's (or the province's) approved poverty rate in the baseline year and in the latest year with an approved
/// result after it (null: none approved), with a note when the rate was read from another unit or could not be read.
/// </summary>
public sealed record UnitRates(string Code, decimal? Baseline, decimal? Latest, int? LatestYear, string? Note = null)
{
    /// <summary>The reduction in percentage points (positive when the rate fell); null without both rates.</summary>
    public decimal? Reduction => Baseline is { } before && Latest is { } now ? before - now : null;
}

/// <summary>Where a rate-reduction target stands, and each unit's reduction.</summary>
public sealed record RateReductionProgress(TargetProgress Progress, IReadOnlyList<UnitRates> Units, int Known);

/// <summary>
/// "Giảm tỷ lệ hộ nghèo bình quân 10,77 điểm % ở 10 xã có tỷ lệ cao nhất" (DESIGN §12): the approved poverty rate of
/// <see cref="BaselineYear"/> against the latest approved rate up to <see cref="Year"/>, in percentage points.
/// <see cref="Each"/> false: the average reduction over the units with both rates reaches <see cref="Points"/>; true: each
/// unit must fall by <see cref="Points"/> and the progress counts the units that did. The expectation runs from 1 January
/// after the baseline year to 31 December of <see cref="Year"/>. A rate that rose counts as no reduction (never below 0%).
/// </summary>
public sealed record RateReductionTarget
{
    public int BaselineYear { get; }
    public int Year { get; }
    public decimal Points { get; }
    public bool Each { get; }

    public RateReductionTarget(int baselineYear, int year, decimal points, bool each)
    {
        if (year <= baselineYear)
            throw new ArgumentOutOfRangeException(nameof(year), "Năm mục tiêu phải sau năm gốc.");
        if (points <= 0 || points > 100)
            throw new ArgumentOutOfRangeException(nameof(points), "Mức giảm phải lớn hơn 0 và không quá 100 điểm phần trăm.");
        (BaselineYear, Year, Points, Each) = (baselineYear, year, points, each);
    }

    public DateOnly Start => new(BaselineYear + 1, 1, 1);
    public DateOnly Deadline => new(Year, 12, 31);

    public RateReductionProgress ProgressAt(IReadOnlyList<UnitRates> units, DateOnly asOf)
    {
        var known = units.Where(u => u.Reduction is not null).ToList();
        var data = units is [{ Baseline: { } before, Latest: { } now, LatestYear: { } latest }]
            ? $"tỷ lệ đã phê duyệt năm {BaselineYear}: {TargetProgress.Number(before)}%, năm {latest}: {TargetProgress.Number(now)}%"
            : $"{known.Count}/{units.Count} đơn vị có tỷ lệ đã phê duyệt năm {BaselineYear} và năm sau đó";
        var mean = units.Count > 1 ? " bình quân" : "";
        if (Each)
        {
            var reached = known.Count(u => u.Reduction >= Points);
            var judged = TargetProgress.Judge(reached, Math.Max(units.Count, 1), Start, Deadline, asOf, "đơn vị");
            return new(
                judged with
                {
                    Summary = $"{judged.Summary}; mỗi đơn vị giảm ít nhất {TargetProgress.Number(Points)} điểm % ({data})",
                },
                units,
                known.Count
            );
        }
        var average = known.Count == 0 ? 0m : Math.Round(known.Average(u => u.Reduction!.Value), 2, MidpointRounding.AwayFromZero);
        var progress = TargetProgress.Judge(Math.Max(average, 0m), Points, Start, Deadline, asOf, "điểm %");
        var tail = progress.Summary[(progress.Summary.IndexOf(" — ", StringComparison.Ordinal) + 3)..];
        var head =
            average < 0
                ? $"Tỷ lệ{mean} tăng {TargetProgress.Number(-average)} điểm % (mục tiêu giảm {TargetProgress.Number(Points)})"
                : $"{(mean.Length > 0 ? "Bình quân giảm" : "Giảm")} {TargetProgress.Number(average)}/{TargetProgress.Number(Points)} điểm % ({TargetProgress.Number(progress.Percent)}%)";
        return new(progress with { Achieved = average, Summary = $"{head} — {tail} ({data})" }, units, known.Count);
    }
}

using Mtqg.Domain.Common;

namespace Mtqg.Domain.Plans;

/// <summary>A recognition decision as the plans see it: which commune, at which level code, decided on which date.</summary>
public sealed record RecognitionFact(string CommuneCode, string Level, DateOnly DecisionDate);

/// <summary>A commune not yet recognised that could still make it: the criteria it still misses (from its scorecard).</summary>
public sealed record PipelineCommune(string CommuneCode, IReadOnlyList<string> MissingCriteria);

/// <summary>Progress of a count target, with the communes counted and the pipeline listed beside it.</summary>
public sealed record CommuneCountProgress(
    TargetProgress Progress,
    IReadOnlyList<string> RecognisedCommunes,
    IReadOnlyList<PipelineCommune> Pipeline
);

/// <summary>
/// "18 xã đạt chuẩn năm 2024": communes recognised at <see cref="Level"/> by a decision dated in <see cref="Year"/>.
/// The expectation runs over that calendar year (1/1 → 31/12), whatever the plan's wider period.
/// The level is matched by its code exactly; a commune recognised twice counts once.
/// </summary>
public sealed record CommuneCountTarget
{
    public string Level { get; }
    public int Year { get; }
    public int Goal { get; }

    public CommuneCountTarget(string level, int year, int goal)
    {
        if (InputText.IsBlank(level))
            throw new ArgumentException("Phải chọn mức đạt chuẩn.", nameof(level));
        if (goal <= 0)
            throw new ArgumentOutOfRangeException(nameof(goal), "Số xã mục tiêu phải lớn hơn 0.");
        (Level, Year, Goal) = (level, year, goal);
    }

    public DateOnly Start => new(Year, 1, 1);
    public DateOnly Deadline => new(Year, 12, 31);

    /// <summary>Counts recognitions dated in the year and not after <paramref name="asOf"/>; the pipeline keeps
    /// candidates missing 1–2 criteria that are not already counted, fewest missing first, then by code.</summary>
    public CommuneCountProgress ProgressAt(
        IEnumerable<RecognitionFact> recognitions,
        IEnumerable<PipelineCommune> candidates,
        DateOnly asOf
    )
    {
        var counted = recognitions
            .Where(r => r.Level == Level && r.DecisionDate.Year == Year && r.DecisionDate <= asOf)
            .Select(r => r.CommuneCode)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var countedSet = counted.ToHashSet(StringComparer.Ordinal);
        var pipeline = candidates
            .Where(c => c.MissingCriteria.Count is 1 or 2 && !countedSet.Contains(c.CommuneCode))
            .OrderBy(c => c.MissingCriteria.Count)
            .ThenBy(c => c.CommuneCode, StringComparer.Ordinal)
            .ToList();
        return new(TargetProgress.Judge(counted.Count, Goal, Start, Deadline, asOf, "xã"), counted, pipeline);
    }
}

/// <summary>Where a named commune stands against its target.</summary>
public sealed record NamedCommuneProgress(TargetState State, DateOnly Deadline, DateOnly? ReachedOn, string Summary);

/// <summary>
/// "Xã X đạt chuẩn NTM năm 2025": the commune has a recognition at <see cref="Level"/> dated no later than 31/12 of
/// <see cref="ByYear"/> (Done); otherwise NotYet until that day and Missed after it. A recognition dated after the
/// deadline does not satisfy the target (it is named in the summary as late).
/// </summary>
public sealed record NamedCommuneTarget
{
    public string CommuneCode { get; }
    public string Level { get; }
    public int ByYear { get; }

    public NamedCommuneTarget(string communeCode, string level, int byYear)
    {
        if (InputText.IsBlank(communeCode))
            throw new ArgumentException("Phải chọn xã.", nameof(communeCode));
        if (InputText.IsBlank(level))
            throw new ArgumentException("Phải chọn mức đạt chuẩn.", nameof(level));
        (CommuneCode, Level, ByYear) = (communeCode, level, byYear);
    }

    public DateOnly Deadline => new(ByYear, 12, 31);

    public NamedCommuneProgress ProgressAt(IEnumerable<RecognitionFact> recognitions, DateOnly asOf)
    {
        var first = recognitions
            .Where(r => r.CommuneCode == CommuneCode && r.Level == Level && r.DecisionDate <= asOf)
            .Select(r => (DateOnly?)r.DecisionDate)
            .Min();
        var deadline = TargetProgress.Date(Deadline);
        if (first is { } on && on <= Deadline)
            return new(TargetState.Done, Deadline, on, $"Đã đạt chuẩn {Level} ngày {TargetProgress.Date(on)}");
        if (asOf <= Deadline)
            return new(TargetState.NotYet, Deadline, null, $"Chưa đạt chuẩn {Level} (hạn {deadline})");
        return first is { } late
            ? new(
                TargetState.Missed,
                Deadline,
                late,
                $"Không đạt chuẩn {Level} đúng hạn {deadline} (đạt muộn ngày {TargetProgress.Date(late)})"
            )
            : new(TargetState.Missed, Deadline, null, $"Không đạt chuẩn {Level} đúng hạn {deadline}");
    }
}

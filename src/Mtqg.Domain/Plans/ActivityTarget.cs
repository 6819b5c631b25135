using Mtqg.Domain.Common;

namespace Mtqg.Domain.Plans;

/// <summary>
/// How the amounts of an activity's updates combine, chosen per target.
/// <see cref="Cumulative"/>: each update adds what was done since the last one (lớp tập huấn, hộ được gắn mã) — progress is the sum.
/// <see cref="LatestValue"/>: each update restates the current level (tỷ lệ hộ có mã địa chỉ, mạng LAN xong = 1) —
/// progress is the latest update by date; on the same date the one recorded last wins.
/// </summary>
public enum ProgressMode
{
    Cumulative,
    LatestValue,
}

/// <summary>Whether an activity is measured once for the whole plan or commune by commune.</summary>
public enum ActivityScope
{
    Overall,
    PerCommune,
}

/// <summary>One commune of a per-commune activity and its own goal (e.g. 100 for "100% hộ", 1 for "có mạng LAN").</summary>
public sealed record CommuneGoal(string CommuneCode, decimal Goal);

/// <summary>A recorded progress update: when, how much, by whom, with what evidence; for which commune when the target has a commune list.</summary>
public sealed record ProgressUpdate(DateOnly Date, decimal Amount, string By, string? EvidenceReference = null, string? CommuneCode = null);

/// <summary>One commune's own progress within a per-commune activity.</summary>
public sealed record CommuneActivityProgress(string CommuneCode, decimal Achieved, decimal Goal, bool IsDone);

/// <summary>Progress of an activity target; <see cref="Communes"/> is empty for an overall target without a commune list.</summary>
public sealed record ActivityProgress(TargetProgress Progress, IReadOnlyList<CommuneActivityProgress> Communes);

/// <summary>
/// An activity with a quantity ("mạng LAN: 8/10 xã", "mã địa chỉ bưu chính: 100% hộ ở 10 xã", "tập huấn 5 lớp"),
/// its progress recorded as dated updates. Overall: achieved = the combined amount, against <see cref="Goal"/>.
/// Per commune: a commune is done when its own combined amount reaches its own goal, and progress is
/// communes done / communes in the list (the unit shown is "xã").
/// </summary>
public sealed class ActivityTarget
{
    private readonly List<ProgressUpdate> updates = [];

    public string Name { get; }
    public string Unit { get; }
    public ActivityScope Scope { get; }
    public ProgressMode Mode { get; }
    public PlanPeriod Period { get; }

    /// <summary>The overall goal; for a per-commune target, the number of communes in the list.</summary>
    public decimal Goal { get; }

    /// <summary>The target's commune list (required per commune, optional overall); updates naming a commune must name one of these.</summary>
    public IReadOnlyList<CommuneGoal> Communes { get; }
    public IReadOnlyList<ProgressUpdate> Updates => updates;

    private ActivityTarget(
        string name,
        string unit,
        ActivityScope scope,
        ProgressMode mode,
        PlanPeriod period,
        decimal goal,
        IReadOnlyList<CommuneGoal> communes
    )
    {
        if (InputText.IsBlank(name))
            throw new ArgumentException("Phải nhập tên hoạt động.", nameof(name));
        if (goal <= 0)
            throw new ArgumentOutOfRangeException(nameof(goal), "Mục tiêu phải lớn hơn 0.");
        if (communes.Any(c => c.Goal <= 0))
            throw new ArgumentOutOfRangeException(nameof(communes), "Mục tiêu của từng xã phải lớn hơn 0.");
        if (communes.Select(c => c.CommuneCode).Distinct(StringComparer.Ordinal).Count() != communes.Count)
            throw new ArgumentException("Danh sách xã có mã trùng.", nameof(communes));
        (Name, Unit, Scope, Mode, Period, Goal, Communes) = (name, unit, scope, mode, period, goal, communes);
    }

    public static ActivityTarget Overall(
        string name,
        string unit,
        decimal goal,
        ProgressMode mode,
        PlanPeriod period,
        IReadOnlyList<string>? communeCodes = null
    ) => new(name, unit, ActivityScope.Overall, mode, period, goal, [.. (communeCodes ?? []).Select(c => new CommuneGoal(c, 1m))]);

    public static ActivityTarget PerCommune(
        string name,
        string unit,
        IReadOnlyList<CommuneGoal> communes,
        ProgressMode mode,
        PlanPeriod period
    ) =>
        communes.Count == 0
            ? throw new ArgumentException("Mục tiêu theo xã phải có danh sách xã.", nameof(communes))
            : new(name, unit, ActivityScope.PerCommune, mode, period, communes.Count, communes);

    /// <summary>Rebuilds a stored target with its updates, in the order they were recorded, without re-validating them.</summary>
    public void Restore(IEnumerable<ProgressUpdate> stored) => updates.AddRange(stored);

    /// <summary>Checks an update against this target; every problem is named by field, in Vietnamese.</summary>
    public IReadOnlyList<Problem> Check(ProgressUpdate update, DateOnly today)
    {
        var problems = new List<Problem>();
        if (update.Amount < 0)
            problems.Add(new("amount", "Số lượng không được âm."));
        if (!Period.Contains(update.Date))
            problems.Add(new("date", $"Ngày cập nhật phải nằm trong kỳ kế hoạch ({Period})."));
        if (update.Date > today)
            problems.Add(new("date", $"Ngày cập nhật không được sau ngày hôm nay ({TargetProgress.Date(today)})."));
        if (InputText.IsBlank(update.By))
            problems.Add(new("by", "Phải ghi người cập nhật."));
        if (InputText.IsBlank(update.CommuneCode))
        {
            if (Scope == ActivityScope.PerCommune)
                problems.Add(new("communeCode", "Phải chọn xã cho mục tiêu theo từng xã."));
        }
        else if (!Communes.Any(c => c.CommuneCode == update.CommuneCode))
        {
            problems.Add(new("communeCode", $"Xã {update.CommuneCode} không thuộc danh sách xã của mục tiêu này."));
        }
        return problems;
    }

    /// <summary>Records an update when it passes <see cref="Check"/>; otherwise nothing changes.</summary>
    public Outcome Record(ProgressUpdate update, DateOnly today)
    {
        var problems = Check(update, today);
        if (problems.Count > 0)
            return Outcome.Invalid("Cập nhật tiến độ không hợp lệ.", problems);
        updates.Add(update);
        return Outcome.Done;
    }

    /// <summary>Progress counting only updates dated on or before <paramref name="asOf"/>; the expectation runs over the plan period.</summary>
    public ActivityProgress ProgressAt(DateOnly asOf)
    {
        var known = updates.Where(u => u.Date <= asOf).ToList();
        if (Scope == ActivityScope.Overall)
        {
            var overall = Combine(known);
            return new(TargetProgress.Judge(overall, Goal, Period.From, Period.To, asOf, Unit), []);
        }
        var communes = Communes
            .Select(c =>
            {
                var achieved = Combine(known.Where(u => u.CommuneCode == c.CommuneCode));
                return new CommuneActivityProgress(c.CommuneCode, achieved, c.Goal, achieved >= c.Goal);
            })
            .ToList();
        var done = communes.Count(c => c.IsDone);
        return new(TargetProgress.Judge(done, Goal, Period.From, Period.To, asOf, "xã"), communes);
    }

    private decimal Combine(IEnumerable<ProgressUpdate> items) =>
        Mode switch
        {
            ProgressMode.Cumulative => items.Sum(u => u.Amount),
            // OrderBy is stable: among updates of the same date, the one recorded last stays last.
            _ => items.OrderBy(u => u.Date).LastOrDefault()?.Amount ?? 0m,
        };
}

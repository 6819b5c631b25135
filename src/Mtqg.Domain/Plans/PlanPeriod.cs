namespace Mtqg.Domain.Plans;

/// <summary>The period a plan (kế hoạch) covers, both ends included.</summary>
public sealed record PlanPeriod
{
    public DateOnly From { get; }
    public DateOnly To { get; }

    public PlanPeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
            throw new ArgumentException("Ngày kết thúc kỳ kế hoạch phải sau ngày bắt đầu.", nameof(to));
        (From, To) = (from, to);
    }

    public bool Contains(DateOnly date) => date >= From && date <= To;

    public override string ToString() => $"{TargetProgress.Date(From)}–{TargetProgress.Date(To)}";
}

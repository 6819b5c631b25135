namespace Mtqg.Web.Features.Closing.Pages;

/// <summary>The close and reopen forms of a province-year (bound by the framework): which parts, and a note or a reason.</summary>
public sealed class ClosingForm
{
    public bool Values { get; set; }
    public bool Poverty { get; set; }
    public bool Money { get; set; }
    public string? Text { get; set; }

    public List<string?> Parts() =>
        [
            .. new[] { (Values, ClosedPart.Values), (Poverty, ClosedPart.Poverty), (Money, ClosedPart.Money) }
                .Where(p => p.Item1)
                .Select(p => p.Item2),
        ];
}

/// <summary>The calendar's add form: a report (catalog code), its half for a six-monthly one, the due day and a note.</summary>
public sealed class DeadlineForm
{
    public string? Report { get; set; }
    public int? Half { get; set; }
    public string? DueOn { get; set; }
    public string? Note { get; set; }
}

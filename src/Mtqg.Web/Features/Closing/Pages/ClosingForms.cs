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

namespace Mtqg.Web.Features.Money.Pages;

/// <summary>The administrator's form on the programmes page: a component of a programme and its name as read in a text.</summary>
public sealed class CompleteComponentForm
{
    public string? Programme { get; set; }
    public string? Component { get; set; }
    public string? Name { get; set; }
    public string? Document { get; set; }

    public ComponentInput ToInput() => new(Name, Document);
}

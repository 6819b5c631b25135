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

/// <summary>The people's contributions of a commune-year on the commune page: whole đồng, whole m², workdays.</summary>
public sealed class ContributionsForm
{
    public long? Cash { get; set; }
    public long? LandSquareMetres { get; set; }
    public long? Workdays { get; set; }
    public long? InKind { get; set; }

    public Communes.ContributionsInput ToInput() => new(Cash, LandSquareMetres, Workdays, InKind);
}

/// <summary>The outstanding construction debt of a commune-year on the commune page, in whole đồng.</summary>
public sealed class ConstructionDebtForm
{
    public long? Amount { get; set; }

    public Communes.ConstructionDebtInput ToInput() => new(Amount);
}

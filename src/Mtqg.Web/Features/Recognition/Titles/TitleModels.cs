namespace Mtqg.Web.Features.Recognition.Titles;

/// <summary>A title granted before the system (DESIGN §9): the commune is the unit in force on the decision's date.</summary>
public sealed record BaselineTitleRequest(
    string? CommuneCode,
    string? Level,
    string? SetCode,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    string? Signer,
    string? Note
);

/// <summary>The province's decision that a commune formed by the reform holds a level its predecessors held.</summary>
public sealed record AcknowledgementRequest(
    string? CommuneCode,
    string? Level,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    string? Signer,
    IReadOnlyList<int>? BasedOn,
    string? Note
);

/// <summary>A unit as it was: its code, name and period.</summary>
public sealed record TitleUnit(string Code, string Name, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>One title: how it came (origin: decision, baseline, acknowledgement), the decision, and its end if revoked.</summary>
public sealed record HeldTitle(
    int Id,
    string Level,
    string? Set,
    int Year,
    string Origin,
    string OriginLabel,
    string DecisionNumber,
    DateOnly DecisionDate,
    int DecisionId,
    string? Batch,
    DateOnly Since,
    DateOnly? RevokedOn,
    string? RevokedBy,
    string? RevocationReason,
    IReadOnlyList<int> BasedOn,
    string? Note
);

public sealed record PredecessorTitles(string Code, string Name, DateOnly? ValidTo, string Succession, IReadOnlyList<HeldTitle> Titles);

/// <summary>
/// The titles of the commune a code names on a date: those the unit holds, and — told apart — those of the communes it
/// was formed from, which it does not hold unless the province acknowledged it by decision.
/// </summary>
public sealed record CommuneTitles(TitleUnit Commune, IReadOnlyList<HeldTitle> Held, IReadOnlyList<PredecessorTitles> Predecessors);

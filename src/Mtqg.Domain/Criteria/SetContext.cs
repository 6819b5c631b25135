namespace Mtqg.Domain.Criteria;

/// <summary>What the validator needs to know beyond the document (DESIGN §9): the provinces of today and the set a province set details.</summary>
public sealed record SetContext(IReadOnlySet<string> Provinces, DetailedSet? Details);

/// <summary>A stored set another set details: its years, its province (null = national) and its criterion numbers.</summary>
public sealed record DetailedSet(string Code, string? Province, int ValidFrom, int ValidTo, IReadOnlyCollection<int> CriterionNumbers);

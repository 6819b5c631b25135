namespace Mtqg.Data.Audit;

/// <summary>
/// An entity whose every added, changed or deleted row the audit interceptor records, with the
/// fields it names (decision 0005). Used by the recognition process: dossiers, appraisals, evidence,
/// decisions and titles.
/// </summary>
public interface IAudited
{
    AuditInfo AuditInfo();
}

/// <summary>How a row appears in the trail: its entity name, unit, year, set, readable key and the fields recorded (property, label).</summary>
public sealed record AuditInfo(string Entity, string? UnitCode, int? Year, string? SetCode, string? Key, IReadOnlyList<(string Property, string Label)> Fields);

/// <summary>
/// An entity whose changes the audit interceptor records field by field (plans, targets, assignments, visits,
/// recommendations): the entity name, the unit it concerns and a readable key come from the row itself.
/// </summary>
public interface IAuditedRow
{
    string AuditUnitCode { get; }
    string AuditKey { get; }
}

namespace Mtqg.Data.Audit;

/// <summary>
/// An entity whose changes the audit interceptor records field by field (plans, targets, assignments, visits,
/// recommendations): the entity name, the unit it concerns and a readable key come from the row itself.
/// </summary>
public interface IAudited
{
    string AuditUnitCode { get; }
    string AuditKey { get; }
}

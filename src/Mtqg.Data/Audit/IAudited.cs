using System.Collections.Concurrent;
using System.Reflection;

namespace Mtqg.Data.Audit;

/// <summary>
/// An entity whose every added, changed or deleted row the audit interceptor records (decision 0005), all in one way:
/// the row says where the change is filed (<see cref="AuditInfo"/>: unit, year, criteria set, readable key) and its type
/// declares once which fields are recorded, under which label, and which are deliberately left out
/// (<see cref="AuditFields"/>). A test checks that every stored property is on one side or the other, so a new column
/// cannot silently go unrecorded. Indicator values, group assignments and accounts keep their own rows (a value looked up
/// by code; roles folded into the account), see the interceptor.
/// </summary>
public interface IAudited
{
    /// <summary>The fields recorded for this kind of row, and the properties not recorded.</summary>
    static abstract AuditFields AuditFields { get; }

    /// <summary>Where a change of this row is filed in the trail.</summary>
    AuditInfo AuditInfo();
}

/// <summary>Where a change is filed: the unit it concerns (a commune or province code), a readable key, the year and criteria set.</summary>
public sealed record AuditInfo(string? UnitCode, string? Key, int? Year = null, string? SetCode = null);

/// <summary>
/// The fields of an audited type: <see cref="Recorded"/> (property and label, in the order written to the trail) and
/// <see cref="NotRecorded"/> (keys, stamps, tokens, stored file names, values already in the key). The primary key is
/// never recorded and need not be listed.
/// </summary>
public sealed class AuditFields
{
    private static readonly ConcurrentDictionary<Type, AuditFields> Declared = new();
    private static readonly MethodInfo DeclaredBy = typeof(AuditFields).GetMethod(
        nameof(Read),
        BindingFlags.NonPublic | BindingFlags.Static
    )!;

    public AuditFields(IReadOnlyList<(string Property, string Label)> recorded, params string[] notRecorded) =>
        (Recorded, NotRecorded) = (recorded, notRecorded);

    public IReadOnlyList<(string Property, string Label)> Recorded { get; }
    public IReadOnlyList<string> NotRecorded { get; }

    /// <summary>The declaration of an <see cref="IAudited"/> type, read once per type.</summary>
    public static AuditFields Of(Type type) =>
        Declared.GetOrAdd(type, t => (AuditFields)DeclaredBy.MakeGenericMethod(t).Invoke(null, null)!);

    private static AuditFields Read<T>()
        where T : IAudited => T.AuditFields;
}

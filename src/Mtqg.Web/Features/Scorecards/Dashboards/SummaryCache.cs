using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Mtqg.Data;
using Mtqg.Domain.Evaluation;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Scorecards.Dashboards;

/// <summary>
/// A commune as a summary keeps it: its line of the summary and its criteria's statuses in the set's order — not the whole
/// scorecard (a province of 2024 keeps thousands of these).
/// </summary>
internal readonly record struct EvaluatedCommune(int Id, CommuneResult Line, EvaluationStatus[] Statuses);

/// <summary>
/// Summaries reused while what they were computed from is unchanged (decisions 0008 and 0030). Every entry keeps the
/// <see cref="DatabaseVersion"/> read before computing: while the database has not changed at all, it is served as is.
/// A province entry also keeps each of its communes' evaluation and <see cref="Mtqg.Data.Scorecards.EvaluationStamp"/>:
/// when the version moved, the province's stamps are read (one range read) and only the communes whose stamp moved are
/// evaluated again — a value saved in one commune costs that commune, not the province. A national summary is computed
/// anew after any change. Inside a transaction nothing is reused (its own uncommitted writes are not in any version).
/// One cache per app instance (tied to its singleton set catalogue).
/// </summary>
internal sealed class SummaryCache
{
    private const int MaxEntries = 1024;
    private static readonly ConditionalWeakTable<SetCatalog, SummaryCache> PerApp = new();

    private readonly VersionedCache<(int Set, string? Province, int Year), object> entries = new(MaxEntries);
    private readonly ConcurrentDictionary<(int Set, string Province, int Year), ProvinceEntry> provinces = new();

    public static SummaryCache For(SetCatalog catalog) => PerApp.GetValue(catalog, _ => new SummaryCache());

    public async Task<T?> GetAsync<T>(
        AppDbContext db,
        DatabaseVersion versions,
        int setId,
        string? province,
        int year,
        Func<Task<T?>> compute,
        CancellationToken ct
    )
        where T : class => (T?)await entries.GetAsync(db, versions, (setId, province, year), async () => (object?)await compute(), ct);

    /// <summary>
    /// A province summary, kept commune by commune. <paramref name="evaluate"/> evaluates the province's communes in force
    /// (all of them for null, else only those ids) and names the province (null: no such province that year);
    /// <paramref name="summarize"/> builds the summary from every commune's evaluation.
    /// </summary>
    public async Task<TSummary?> ProvinceAsync<TSummary>(
        AppDbContext db,
        DatabaseVersion versions,
        int setId,
        string province,
        int year,
        Func<IReadOnlyCollection<int>?, Task<(UnitRef? Province, EvaluatedCommune[] Communes)>> evaluate,
        Func<UnitRef, EvaluatedCommune[], TSummary> summarize,
        CancellationToken ct
    )
        where TSummary : class
    {
        var version = db.Database.CurrentTransaction is null ? await versions.CurrentAsync(ct) : null;
        if (version is null)
            return await evaluate(null) is ({ } unit, var all) ? summarize(unit, all) : null;
        var key = (setId, province, year);
        provinces.TryGetValue(key, out var entry);
        if (entry?.Version == version)
            return (TSummary)entry.Summary;
        // Read before the values: a change committed after this read moves a stamp the next request will see.
        var stamps = await EvaluationStamps.ReadAsync(db, province, ct);
        ProvinceEntry next;
        if (
            entry is not null
            && entry.Stamps.GetValueOrDefault(EvaluationStamps.UnitsRow) == stamps.GetValueOrDefault(EvaluationStamps.UnitsRow)
        )
        {
            var moved = stamps
                .Where(s =>
                    s.Key != EvaluationStamps.UnitsRow && entry.At.ContainsKey(s.Key) && entry.Stamps.GetValueOrDefault(s.Key) != s.Value
                )
                .Select(s => s.Key)
                .ToList();
            if (moved.Count == 0)
                next = entry with { Version = version, Stamps = stamps };
            else
            {
                var communes = (EvaluatedCommune[])entry.Communes.Clone();
                foreach (var fresh in (await evaluate(moved)).Communes)
                    communes[entry.At[fresh.Id]] = fresh;
                next = entry with
                {
                    Version = version,
                    Stamps = stamps,
                    Communes = communes,
                    Summary = summarize(entry.Province, communes),
                };
            }
        }
        else
        {
            var (unit, communes) = await evaluate(null);
            if (unit is null)
                return null;
            var at = new Dictionary<int, int>(communes.Length);
            for (var i = 0; i < communes.Length; i++)
                at[communes[i].Id] = i;
            next = new ProvinceEntry(version, stamps, unit, communes, at, summarize(unit, communes));
        }
        if (provinces.Count >= MaxEntries)
            provinces.Clear();
        provinces[key] = next;
        return (TSummary)next.Summary;
    }

    private sealed record ProvinceEntry(
        string Version,
        Dictionary<int, long> Stamps,
        UnitRef Province,
        EvaluatedCommune[] Communes,
        Dictionary<int, int> At,
        object Summary
    );
}

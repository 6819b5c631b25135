using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Mtqg.Data;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Scorecards.Dashboards;

/// <summary>
/// Summaries reused while the database is exactly as it was when they were computed: the
/// <see cref="DatabaseVersion"/> is read before computing and changes with every commit by any
/// connection, process or node, so a saved value shows on the very next request and a summary is
/// computed at most once per change. Inside a transaction nothing is reused (its own uncommitted
/// writes are not in any version). One cache per app instance (tied to its singleton set catalogue).
/// </summary>
internal sealed class SummaryCache
{
    private const int MaxEntries = 1024;
    private static readonly ConditionalWeakTable<SetCatalog, SummaryCache> PerApp = new();

    private readonly ConcurrentDictionary<(int Set, string? Province, int Year), (string Version, object Summary)> entries = new();

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
        where T : class
    {
        if (db.Database.CurrentTransaction is not null)
            return await compute();
        var version = await versions.CurrentAsync(ct);
        if (version is null)
            return await compute();
        var key = (setId, province, year);
        if (entries.TryGetValue(key, out var hit) && hit.Version == version)
            return (T)hit.Summary;
        var summary = await compute();
        if (summary is not null)
        {
            if (entries.Count >= MaxEntries)
                entries.Clear();
            entries[key] = (version, summary);
        }
        return summary;
    }
}

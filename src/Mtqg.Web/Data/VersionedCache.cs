using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Mtqg.Web.Data;

/// <summary>
/// What was computed from the database, reused while the database's <see cref="DatabaseVersion"/> is unchanged (decision
/// 0008): the version is read before computing and kept with the value, so a commit made meanwhile makes the next request
/// compute again. Inside a transaction nothing is reused (its own uncommitted writes are in no version); where no version can
/// be read (an in-memory database) every call computes. A null result is not kept. At most <paramref name="maxEntries"/> keys:
/// past that the cache starts afresh.
/// </summary>
public sealed class VersionedCache<TKey, TValue>(int maxEntries = 1024)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, (string Version, TValue Value)> entries = new();

    public async Task<TValue?> GetAsync(DbContext db, DatabaseVersion versions, TKey key, Func<Task<TValue?>> compute, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
            return await compute();
        var version = await versions.CurrentAsync(ct);
        if (version is null)
            return await compute();
        if (entries.TryGetValue(key, out var hit) && hit.Version == version)
            return hit.Value;
        var value = await compute();
        if (value is not null)
        {
            if (entries.Count >= maxEntries)
                entries.Clear();
            entries[key] = (version, value);
        }
        return value;
    }
}

using System.Collections.Concurrent;
using Mtqg.Domain.Common;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>
/// The public workbooks (a province's results, the national matrix, the list of decisions) built once per database version,
/// exactly like the summaries (decision 0008): the version is read before building, so a saved value shows in the very next
/// file, and the file is built at most once per change. Requests for the same file while it is being built wait for that one
/// build. At most <see cref="MaxBuilds"/> different files are built at once, each in its own scope with the app's lifetime as
/// its cancellation (a client leaving does not stop a build others wait for; shutting down does), so anonymous clients
/// asking for many files cannot take every core (issue 18).
/// </summary>
public sealed class ExportCache(IServiceScopeFactory scopes, DatabaseVersion versions, IHostApplicationLifetime lifetime)
{
    public const int MaxBuilds = 2;
    private const int MaxEntries = 64;

    private readonly SemaphoreSlim builds = new(MaxBuilds);
    private readonly ConcurrentDictionary<string, (string? Version, Task<(ExcelFile? File, Outcome Outcome)> Build)> entries = new();

    /// <summary>Number of files built since the start (what the tests and the benchmark read).</summary>
    public int Built => built;
    private int built;

    public async Task<(ExcelFile? File, Outcome Outcome)> GetAsync(
        string key,
        Func<IServiceProvider, CancellationToken, Task<(ExcelFile? File, Outcome Outcome)>> build,
        CancellationToken ct
    )
    {
        var version = await versions.CurrentAsync(ct);
        if (version is null)
            return await StartBuild(build).WaitAsync(ct);
        var entry = entries.AddOrUpdate(
            key,
            _ => (version, StartBuild(build)),
            (_, old) => old.Version == version && !old.Build.IsFaulted && !old.Build.IsCanceled ? old : (version, StartBuild(build))
        );
        if (entries.Count > MaxEntries)
            foreach (var other in entries.Keys.Where(k => k != key).ToList())
                entries.TryRemove(other, out _);
        return await entry.Build.WaitAsync(ct);
    }

    private Task<(ExcelFile? File, Outcome Outcome)> StartBuild(
        Func<IServiceProvider, CancellationToken, Task<(ExcelFile? File, Outcome Outcome)>> build
    )
    {
        // The build must not see the request that started it (its user, its HttpContext): it serves everyone.
        using (ExecutionContext.SuppressFlow())
            return Task.Run(async () =>
            {
                var ct = lifetime.ApplicationStopping;
                await builds.WaitAsync(ct);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    Interlocked.Increment(ref built);
                    return await build(scope.ServiceProvider, ct);
                }
                finally
                {
                    builds.Release();
                }
            });
    }
}

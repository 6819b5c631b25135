using System.Collections.Concurrent;
using System.Security.Claims;
using Mtqg.Domain.Common;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Access;

namespace Mtqg.Web.Features.Home;

/// <summary>
/// The number of waiting things the navigation shows on every page, kept per account while nothing has been committed since
/// and the day has not changed (decision 0008's rule: the database's version is read after the call began) — a page view
/// costs one version read, not the home page's dozen queries. Computed in a scope of its own, as the signed-in account.
/// </summary>
public sealed class MyWorkCounts(IServiceScopeFactory scopes, DatabaseVersion versions, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (string Version, DateOnly Day, int Count, int Urgent)> known = new();

    public async Task<(int Count, int Urgent)> OfAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
            return (0, 0);
        var version = await versions.CurrentAsync(ct);
        var today = VietnamTime.Today(clock);
        if (version is not null && known.TryGetValue(id, out var k) && k.Version == version && k.Day == today)
            return (k.Count, k.Urgent);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(user);
        var work = await scope.ServiceProvider.GetRequiredService<MyWorkService>().ForMeAsync(ct);
        if (version is not null)
            known[id] = (version, today, work.Count, work.Urgent);
        return (work.Count, work.Urgent);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Data;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Platform;

/// <summary>
/// The version that decides whether a cached summary or account status may be reused: concurrent callers
/// share reads, but a caller never gets a version read before it asked (else a commit just made could be
/// missed by the next request).
/// </summary>
public sealed class DatabaseVersionTests
{
    [Fact]
    public async Task Callers_who_ask_after_a_commit_never_get_the_version_from_before_it_even_while_others_share_reads()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var versions = app.Services.GetRequiredService<DatabaseVersion>();
        var admin = await app.ClientAsAsync("demo.admin");
        for (var round = 0; round < 15; round++)
        {
            var before = await versions.CurrentAsync(CancellationToken.None);
            var inFlight = Enumerable.Range(0, 8).Select(_ => versions.CurrentAsync(CancellationToken.None)).ToList();
            await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["1.2"] = 80 + round });
            var afterCommit = Enumerable.Range(0, 8).Select(_ => versions.CurrentAsync(CancellationToken.None)).ToList();

            await Task.WhenAll(inFlight);
            var seen = await Task.WhenAll(afterCommit);
            Assert.NotNull(before);
            Assert.All(seen, version => Assert.NotEqual(before, version));
        }
    }
}

using System.Net;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Recognition.Recognition;

namespace Mtqg.Web.Tests.Recognition;

public sealed class DossierConcurrencyTests
{
    [Fact]
    public async Task Departments_appraising_the_same_dossier_at_the_same_moment_both_succeed_and_neither_step_is_lost()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var id = await SubmittedAsync(app);
        var clients = new Dictionary<int, HttpClient>();
        foreach (var criterion in AppraiserOf.Keys)
            clients[criterion] = await app.ClientAsAsync(AppraiserOf[criterion]);

        var answers = await Task.WhenAll(AppraiserOf.Keys.Select(n => AppraiseAsync(clients[n], id, n)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

        var dossier = await GetAsync(clients[1], id);
        Assert.Equal("appraised", dossier.Status());
        Assert.All(dossier.GetProperty("criteria").EnumerateArray(), c => Assert.Single(c.GetProperty("appraisals").EnumerateArray()));
        Assert.Equal(
            10,
            dossier.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "criterion_appraised")
        );
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Features.Recognition;
using Mtqg.Web.Tests.Infrastructure;
using Mtqg.Web.Tests.Scorecards;

namespace Mtqg.Web.Tests.Recognition;

/// <summary>A first start in demo mode shows recognitions already made (two illustrative batches of Lào Cai, counted by the demo plan) and dossiers at each step.</summary>
public sealed class RecognitionDemoTests
{
    [Fact]
    public async Task The_demo_starts_with_two_illustrative_batches_that_the_plan_counts_and_leaves_Bao_Ha_to_the_visitor()
    {
        await using var app = new MtqgApp(
            await TestDatabase.CreateAsync(demo: true),
            settings: new Dictionary<string, string> { ["Mtqg:DemoRecognitions"] = "true" },
            demo: true
        );
        var anonymous = app.CreateClient();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");

        var decisions = (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/decisions?province=15")).EnumerateArray().ToList();

        Assert.Equal(["01/QĐ-UBND", "02/QĐ-UBND"], decisions.Select(d => d.GetProperty("number").GetString()).Order());
        Assert.All(decisions, d => Assert.Contains("minh họa", d.GetProperty("batch").GetString()));
        var communes2026 = decisions
            .Single(d => d.GetProperty("year").GetInt32() == 2026)
            .GetProperty("communes")
            .EnumerateArray()
            .Select(c => c.GetProperty("code").GetString())
            .ToList();
        Assert.NotEmpty(communes2026);
        Assert.Empty(
            (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{DemoSet.BaoHa}/titles")).GetProperty("held").EnumerateArray()
        );

        // Each recognised commune met NTM that year by the demo values; the demo plan's 2026 count target counts the 2026 batch.
        var summary = await coordinator.SummaryAsync("15", 2026);
        var reached = summary.Communes("levels", "code", "NTM");
        var plans = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15");
        var plan = plans.EnumerateArray().Single(p => p.GetProperty("number").GetString() == "239/KH-BCĐ").GetProperty("id").GetInt32();
        var target = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{plan}?asOf=2026-12-31"))
            .GetProperty("targets")
            .EnumerateArray()
            .Single(t => t.GetProperty("kind").GetString() == "communeCount" && t.GetProperty("level").GetString() == "NTM");
        Assert.Equal(communes2026.Count, target.GetProperty("achieved").GetDecimal());
        Assert.Equal(
            communes2026.Order(),
            target.GetProperty("counted").EnumerateArray().Select(c => c.GetProperty("code").GetString()).Order()
        );
        Assert.True(communes2026.Count <= reached);

        // Five dossiers of this year (of last year in its first weeks) at the steps of the process, with the departments' work spread over past weeks.
        var board = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/dossiers?province=15")).EnumerateArray().ToList();
        Assert.Equal(
            ["appraised", "council_held", "draft", "sent_back", "submitted"],
            board.Select(d => d.GetProperty("status").GetString()).Order()
        );
        var today = Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow);
        Assert.All(board, d => Assert.Equal(Math.Max(2026, today.AddDays(-32).Year), d.GetProperty("year").GetInt32()));
        Assert.DoesNotContain(DemoSet.BaoHa, board.Select(d => d.GetProperty("commune").GetProperty("code").GetString()));
        var waiting = board.Single(d => d.GetProperty("status").GetString() == "submitted");
        Assert.InRange(waiting.GetProperty("criteriaAppraised").GetInt32(), 1, waiting.GetProperty("criteria").GetInt32() - 1);
        var appraiser = await app.ClientAsAsync("demo.thamdinh");
        Assert.NotEmpty((await appraiser.GetFromJsonAsync<JsonElement>("/api/v1/dossiers?province=15")).EnumerateArray());

        // Starting again adds nothing.
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RecognitionDemoSeeder>().SeedAsync(CancellationToken.None);
        Assert.Equal(2, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/decisions?province=15")).GetArrayLength());
        Assert.Equal(5, (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/dossiers?province=15")).GetArrayLength());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Visits;

/// <summary>"Việc chờ tôi" on the home page names the recommendations the signed-in account must answer, overdue ones marked.</summary>
public sealed class WaitingForMeTests
{
    private static bool Open(JsonElement r) => r.GetProperty("status").GetString() is "open" or "inProgress";

    [Fact]
    public async Task A_commune_officer_sees_the_recommendations_addressed_to_the_commune_overdue_first()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var officer = await app.ClientAsAsync("demo.xa");
        var all = (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/recommendations?commune=02989"))!;
        var theirs = all.Where(r => Open(r) && r.GetProperty("responsible").GetString() == "commune").ToList();
        Assert.NotEmpty(theirs); // the demo data gives the commune recommendations to answer

        var home = WebUtility.HtmlDecode(await officer.GetStringAsync("/viec-cho-toi"));
        var waiting = home[home.IndexOf("Việc chờ tôi", StringComparison.Ordinal)..];
        foreach (var r in theirs)
            Assert.Contains($"href=\"/kien-nghi/{r.GetProperty("id").GetInt32()}\"", waiting);
        Assert.Equal(theirs.Count, CountOf(waiting, "Trả lời kiến nghị tại"));
        Assert.Equal(theirs.Count(r => r.GetProperty("isOverdue").GetBoolean()), CountOf(waiting, "Quá hạn — Trả lời kiến nghị"));
        // Recommendations addressed to a department are not the commune's to answer.
        foreach (var r in all.Where(r => Open(r) && r.GetProperty("responsible").GetString() != "commune"))
            Assert.DoesNotContain($"href=\"/kien-nghi/{r.GetProperty("id").GetInt32()}\"", waiting);
    }

    [Fact]
    public async Task The_coordination_office_is_told_to_follow_up_the_province_s_overdue_recommendations()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var office = await app.ClientAsAsync("demo.dieuphoi");
        var overdue = (await office.GetFromJsonAsync<JsonElement[]>("/api/v1/recommendations?province=15"))!
            .Where(r => Open(r) && r.GetProperty("isOverdue").GetBoolean())
            .ToList();
        Assert.NotEmpty(overdue);
        var home = WebUtility.HtmlDecode(await office.GetStringAsync("/viec-cho-toi"));
        var waiting = home[home.IndexOf("Việc chờ tôi", StringComparison.Ordinal)..];
        foreach (var r in overdue)
            Assert.Contains($"href=\"/kien-nghi/{r.GetProperty("id").GetInt32()}\"", waiting);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}

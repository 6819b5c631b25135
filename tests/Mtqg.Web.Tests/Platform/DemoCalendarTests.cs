using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Platform;

/// <summary>
/// A newcomer who starts the demo in a later year finds it alive (docs/decisions/0012): the app's clock is set to
/// 10 March 2028 and the demo is seeded on a first start.
/// </summary>
public sealed class DemoCalendarTests
{
    private static readonly DateOnly Today = new(2028, 3, 10);

    /// <summary>The app's clock: that day at 10:00 in Vietnam, then running.</summary>
    private sealed class LaterClock(DateTimeOffset start) : TimeProvider
    {
        private readonly Stopwatch running = Stopwatch.StartNew();

        public override DateTimeOffset GetUtcNow() => start + running.Elapsed;
    }

    [Fact]
    public async Task A_demo_started_in_a_later_year_has_that_year_s_plan_dossiers_values_and_allowed_visits_with_overdue_recommendations()
    {
        await using var app = new MtqgApp(
            await TestDatabase.CreateEmptyAsync(),
            migrate: true,
            new Dictionary<string, string> { ["Mtqg:DemoRecognitions"] = "true" },
            clock: new LaterClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero)),
            demo: true
        );
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var agency = await app.ClientAsAsync("demo.giupdo");
        var iso = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The demo agency is still assigned to Bảo Hà: a visit of today is recorded.
        var visit = await agency.PostAsJsonAsync(
            "/api/v1/visits",
            new
            {
                date = iso,
                communeCode = BaoHa,
                participants = new[] { "Phó Giám đốc Sở Tài chính" },
                content = "Kiểm tra tiến độ năm 2028",
                recommendations = Array.Empty<object>(),
            }
        );
        Assert.True(visit.StatusCode == HttpStatusCode.Created, $"{(int)visit.StatusCode} {await visit.Content.ReadAsStringAsync()}");

        // Recommendations raised months ago: some overdue, the commune's still due.
        var open = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/recommendations?province=15")).EnumerateArray().ToList();
        Assert.Contains(open, r => r.GetProperty("isOverdue").GetBoolean());
        Assert.Contains(open, r =>
            r.GetProperty("dueDate").GetString() is { } due
            && string.CompareOrdinal(due, iso) > 0
            && !r.GetProperty("isOverdue").GetBoolean()
        );
        Assert.All(open, r => Assert.InRange(r.GetProperty("raisedOn").GetString()!, "2027-01-01", iso));

        // The 2026 plan stays; 2028 has its own, with progress recorded in the part of the year gone by.
        var plans = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/plans?province=15")).EnumerateArray().ToList();
        Assert.Contains(plans, p => p.GetProperty("number").GetString() == "239/KH-BCĐ");
        var current = await coordinator.GetFromJsonAsync<JsonElement>(
            $"/api/v1/plans/{plans.Single(p => p.GetProperty("title").GetString()!.Contains("năm 2028")).GetProperty("id").GetInt32()}"
        );
        Assert.Equal(
            ("2028-01-01", "2028-12-31"),
            (current.GetProperty("periodFrom").GetString(), current.GetProperty("periodTo").GetString())
        );
        var updates = current
            .GetProperty("targets")
            .EnumerateArray()
            .SelectMany(t => t.GetProperty("updates").EnumerateArray())
            .Select(u => u.GetProperty("date").GetString()!)
            .ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, d => Assert.InRange(d, "2028-01-01", iso));
        Assert.Contains(current.GetProperty("targets").EnumerateArray(), t =>
            t.GetProperty("kind").GetString() == "communeCount" && t.GetProperty("year").GetInt32() == 2028
        );

        // Five dossiers of 2028 at the steps of the process, from values of 2028; the dashboard opens on 2028.
        var dossiers = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/dossiers?province=15")).EnumerateArray().ToList();
        Assert.Equal(5, dossiers.Count);
        Assert.All(dossiers, d => Assert.Equal(2028, d.GetProperty("year").GetInt32()));
        Assert.True((await coordinator.SummaryAsync("15", 2028)).GetProperty("communesWithData").GetInt32() > 0);
        var dashboard = await coordinator.GetStringAsync("/tinh/15/tong-hop");
        Assert.Contains("năm 2028", dashboard);
    }
}

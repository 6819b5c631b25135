using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using Mtqg.Web.Tests.Recognition;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Plans;

/// <summary>Plans and their targets through the API: progress computed from the evaluation (communes reaching a level)
/// or recorded by the responsible agency (activities), on track or behind against the period, and who may write.</summary>
public sealed partial class PlanApiTests
{
    private static async Task<int> IdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>A plan of province 15 for the year (2026 unless said), signed on its first day.</summary>
    private static async Task<int> PlanAsync(HttpClient coordinator, string number = "12/KH-BCĐ", int year = 2026) =>
        await IdAsync(
            await coordinator.PostAsJsonAsync(
                "/api/v1/plans",
                new
                {
                    provinceCode = "15",
                    number,
                    issuer = "Ban Chỉ đạo tỉnh",
                    issuedOn = $"{year}-01-01",
                    periodFrom = $"{year}-01-01",
                    periodTo = $"{year}-12-31",
                    title = $"Kế hoạch năm {year}",
                }
            )
        );

    private static async Task<int> TargetAsync(HttpClient coordinator, int plan, object target) =>
        await IdAsync(await coordinator.PostAsJsonAsync($"/api/v1/plans/{plan}/targets", target));

    private static async Task<JsonElement> TargetOfAsync(HttpClient client, int plan, int target, string asOf = "2026-12-31")
    {
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{plan}?asOf={asOf}");
        return view.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == target);
    }

    [Fact]
    public async Task A_count_target_counts_the_communes_recognised_by_decision_that_year_with_the_pipeline_beside_it()
    {
        // The current year's plan: a decision can be signed no earlier than its dossier's submission, which is today.
        var year = Recognition.Recognition.ThisYear;
        var yearEnd = $"{year}-12-31";
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var plan = await PlanAsync(coordinator, year: year);
        var target = await TargetAsync(
            coordinator,
            plan,
            new
            {
                kind = "communeCount",
                name = $"Xã đạt chuẩn NTM năm {year}",
                level = "NTM",
                year,
                goal = 400,
            }
        );

        var before = await TargetOfAsync(coordinator, plan, target, yearEnd);

        // No decision yet: nothing counts, whatever the evaluation says; the pipeline comes from the evaluation.
        Assert.Equal((0m, 0), (before.GetProperty("achieved").GetDecimal(), before.GetProperty("counted").GetArrayLength()));
        Assert.Equal("đạt theo quyết định công nhận", before.GetProperty("source").GetString());
        Assert.Equal("behind", before.GetProperty("state").GetString());
        var pipeline = before.GetProperty("pipeline").EnumerateArray().ToList();
        Assert.NotEmpty(pipeline);
        Assert.All(pipeline, p => Assert.InRange(p.GetProperty("missingCriteria").GetArrayLength(), 1, 2));

        // Bảo Hà goes through the whole process: the decision, signed today, counts it (from that day on).
        var dossier = await Recognition.Recognition.SubmittedAsync(app, year);
        await Recognition.Recognition.AppraiseAllAsync(app, dossier);
        await Recognition.Recognition.OkAsync(await Recognition.Recognition.CouncilAsync(coordinator, dossier));
        await Recognition.Recognition.OkAsync(
            await Recognition.Recognition.DecisionAsync(coordinator, "1234/QĐ-UBND", dossier),
            HttpStatusCode.Created
        );
        var after = await TargetOfAsync(coordinator, plan, target, yearEnd);
        var dayBefore = await TargetOfAsync(coordinator, plan, target, Recognition.Recognition.Today.AddDays(-1).Iso());

        Assert.Equal(1m, after.GetProperty("achieved").GetDecimal());
        Assert.Equal([BaoHa], after.GetProperty("counted").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.DoesNotContain(after.GetProperty("pipeline").EnumerateArray(), c => c.GetProperty("code").GetString() == BaoHa);
        Assert.Equal(0m, dayBefore.GetProperty("achieved").GetDecimal());
    }

    [Fact]
    public async Task A_named_commune_target_is_done_once_the_commune_is_recognised_and_missed_when_the_year_ends_without_it()
    {
        var year = Recognition.Recognition.ThisYear;
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var plan = await PlanAsync(coordinator, year: year);
        var target = await TargetAsync(
            coordinator,
            plan,
            new
            {
                kind = "namedCommune",
                name = "Xã Bảo Hà đạt chuẩn NTM",
                level = "NTM",
                year,
                communeCode = BaoHa,
            }
        );

        var notYet = await TargetOfAsync(coordinator, plan, target, Recognition.Recognition.Today.Iso());
        var missed = await TargetOfAsync(coordinator, plan, target, $"{year + 1}-01-05");

        Assert.Equal(("notYet", 0m), (notYet.GetProperty("state").GetString(), notYet.GetProperty("achieved").GetDecimal()));
        Assert.Equal("missed", missed.GetProperty("state").GetString());
        Assert.Contains("Xã Bảo Hà", notYet.GetProperty("communeName").GetString());

        var dossier = await Recognition.Recognition.SubmittedAsync(app, year);
        await Recognition.Recognition.AppraiseAllAsync(app, dossier);
        await Recognition.Recognition.OkAsync(await Recognition.Recognition.CouncilAsync(coordinator, dossier));
        await Recognition.Recognition.OkAsync(
            await Recognition.Recognition.DecisionAsync(coordinator, "1234/QĐ-UBND", dossier),
            HttpStatusCode.Created
        );
        var done = await TargetOfAsync(coordinator, plan, target, $"{year}-12-31");

        Assert.Equal(("done", 1m), (done.GetProperty("state").GetString(), done.GetProperty("achieved").GetDecimal()));
        Assert.Contains(
            Recognition.Recognition.Today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
            done.GetProperty("summary").GetString()
        );
    }

    [Fact]
    public async Task An_activity_is_recorded_by_its_agency_with_a_history_and_judged_against_the_period()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var agency = await app.ClientAsAsync("demo.giupdo");
        var plan = await PlanAsync(coordinator);
        var target = await TargetAsync(
            coordinator,
            plan,
            new
            {
                kind = "activity",
                name = "Tập huấn tổ công nghệ số",
                unit = "lớp",
                goal = 10,
                agency = "Sở Tài chính",
            }
        );

        Assert.Equal(
            HttpStatusCode.Created,
            (
                await agency.PostAsJsonAsync(
                    $"/api/v1/plans/{plan}/targets/{target}/progress",
                    new
                    {
                        date = "2026-02-01",
                        amount = 3,
                        evidence = "Biên bản lớp 1–3",
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await agency.PostAsJsonAsync($"/api/v1/plans/{plan}/targets/{target}/progress", new { date = "2026-03-01", amount = 2 })
            ).StatusCode
        );

        var march = await TargetOfAsync(agency, plan, target, "2026-03-15");
        var december = await TargetOfAsync(agency, plan, target, "2026-12-31");

        Assert.Equal(
            (5m, 50m, "onTrack"),
            (march.GetProperty("achieved").GetDecimal(), march.GetProperty("percent").GetDecimal(), march.GetProperty("state").GetString())
        );
        Assert.Equal(("behind", 100m), (december.GetProperty("state").GetString(), december.GetProperty("expectedPercent").GetDecimal()));
        var updates = march.GetProperty("updates").EnumerateArray().ToList();
        Assert.Equal(["2026-03-01", "2026-02-01"], updates.Select(u => u.GetProperty("date").GetString()));
        Assert.All(updates, u => Assert.Contains("Sở Tài chính", u.GetProperty("by").GetString()));
        Assert.Equal("Biên bản lớp 1–3", updates[1].GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task A_per_commune_activity_counts_the_communes_whose_latest_value_reaches_their_goal()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var plan = await PlanAsync(coordinator);
        var target = await TargetAsync(
            coordinator,
            plan,
            new
            {
                kind = "activity",
                name = "Mã địa chỉ bưu chính 100% hộ",
                unit = "%",
                scope = "perCommune",
                mode = "latestValue",
                communes = new[] { new { code = BaoHa, goal = 100 }, new { code = BaoNhai, goal = 100 } },
            }
        );
        async Task Record(string date, decimal amount, string commune) =>
            Assert.Equal(
                HttpStatusCode.Created,
                (
                    await coordinator.PostAsJsonAsync(
                        $"/api/v1/plans/{plan}/targets/{target}/progress",
                        new
                        {
                            date,
                            amount,
                            communeCode = commune,
                        }
                    )
                ).StatusCode
            );
        await Record("2026-03-01", 60, BaoHa);
        await Record("2026-05-01", 100, BaoHa);
        await Record("2026-05-01", 70, BaoNhai);

        var view = await TargetOfAsync(coordinator, plan, target, "2026-06-01");

        Assert.Equal((1m, 2m), (view.GetProperty("achieved").GetDecimal(), view.GetProperty("goal").GetDecimal()));
        var communes = view.GetProperty("communes")
            .EnumerateArray()
            .ToDictionary(
                c => c.GetProperty("code").GetString()!,
                c => (c.GetProperty("achieved").GetDecimal(), c.GetProperty("done").GetBoolean())
            );
        Assert.Equal((100m, true), communes[BaoHa]);
        Assert.Equal((70m, false), communes[BaoNhai]);
    }
}

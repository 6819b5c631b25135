using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Scorecards;

public sealed class ProvinceSummaryApiTests
{
    private const string Infrastructure = "TC02",
        Politics = "TC09";

    [Fact]
    public async Task A_saved_value_that_costs_a_commune_its_recognition_shows_in_the_very_next_summary()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var dashboard = app.CreateClient();
        await admin.AssignGroupAsync(BaoHa, "G1");
        await admin.PutValuesOkAsync(BaoHa, 2026, MeetingNtmInG1());
        var before = await dashboard.SummaryAsync("15", 2026);
        Assert.Equal(["NTM"], before.Commune("communes", BaoHa)!.Value.Reached());

        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 90 });
        var after = await dashboard.SummaryAsync("15", 2026);

        Assert.Equal(before.Communes("levels", "code", "NTM") - 1, after.Communes("levels", "code", "NTM"));
        Assert.Equal(before.Communes("levels", "code", "NTMNC"), after.Communes("levels", "code", "NTMNC"));
        Assert.Equal(before.CommunesMet(Infrastructure) - 1, after.CommunesMet(Infrastructure));
        foreach (
            var other in before
                .GetProperty("criteria")
                .EnumerateArray()
                .Select(c => c.GetProperty("code").GetString()!)
                .Where(c => c != Infrastructure)
        )
            Assert.Equal(before.CommunesMet(other), after.CommunesMet(other));
        Assert.Equal(before.Communes("bands", "name", "Đạt chuẩn") - 1, after.Communes("bands", "name", "Đạt chuẩn"));
        Assert.Equal(before.Communes("bands", "name", "8–9 tiêu chí") + 1, after.Communes("bands", "name", "8–9 tiêu chí"));
        Assert.Equal(before.GetProperty("communesEvaluated").GetInt32(), after.GetProperty("communesEvaluated").GetInt32());
        var baoHa = after.Commune("communes", BaoHa)!.Value;
        Assert.Equal((9, 10), (baoHa.GetProperty("criteriaMet").GetInt32(), baoHa.GetProperty("criteriaTotal").GetInt32()));
        Assert.Empty(baoHa.Reached());

        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 100 });
        var back = await dashboard.SummaryAsync("15", 2026);
        Assert.Equal(before.Communes("levels", "code", "NTM"), back.Communes("levels", "code", "NTM"));
        Assert.Equal(before.CommunesMet(Infrastructure), back.CommunesMet(Infrastructure));
    }

    [Fact]
    public async Task A_value_saved_through_one_web_node_shows_in_the_next_summary_of_another_that_had_it_cached()
    {
        await using var first = await MtqgApp.StartDemoAsync();
        await using var second = new MtqgApp(first.ConnectionString, ownsDatabase: false, demo: first.IsDemo);
        var admin = await first.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1");
        await admin.PutValuesOkAsync(BaoHa, 2026, MeetingNtmInG1());
        var dashboard = second.CreateClient();
        var before = await dashboard.SummaryAsync("15", 2026);
        Assert.Equal(before.GetRawText(), (await dashboard.SummaryAsync("15", 2026)).GetRawText());

        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 90 });
        var after = await dashboard.SummaryAsync("15", 2026);

        Assert.Equal(before.Communes("levels", "code", "NTM") - 1, after.Communes("levels", "code", "NTM"));
        Assert.Equal(before.CommunesMet(Infrastructure) - 1, after.CommunesMet(Infrastructure));
    }

    [Fact]
    public async Task Communes_one_or_two_criteria_short_are_listed_as_closest_with_the_criteria_they_miss()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var dashboard = app.CreateClient();
        await admin.AssignGroupAsync(BaoHa, "G1");
        await admin.PutValuesOkAsync(BaoHa, 2026, MeetingNtmInG1());
        Assert.Null((await dashboard.SummaryAsync("15", 2026)).Commune("closest", BaoHa));

        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 90 });
        var oneShortSummary = await dashboard.SummaryAsync("15", 2026);
        var oneShort = oneShortSummary.Commune("closest", BaoHa);
        Assert.NotNull(oneShort);
        Assert.Equal(["2. Hạ tầng kinh tế - xã hội"], NotMet(oneShort.Value));
        Assert.Equal(9, oneShort.Value.GetProperty("criteriaMet").GetInt32());

        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["9.2"] = false });
        var twoShort = await dashboard.SummaryAsync("15", 2026);
        Assert.Equal(
            ["2. Hạ tầng kinh tế - xã hội", "9. Xây dựng hệ thống chính trị và hành chính công"],
            NotMet(twoShort.Commune("closest", BaoHa)!.Value)
        );
        Assert.Equal(oneShortSummary.CommunesMet(Politics) - 1, twoShort.CommunesMet(Politics));

        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["10.2"] = 1 });
        var threeShort = await dashboard.SummaryAsync("15", 2026);
        Assert.Null(threeShort.Commune("closest", BaoHa));
        Assert.Equal(3, NotMet(threeShort.Commune("communes", BaoHa)!.Value).Length);
    }

    [Fact]
    public async Task The_closest_list_holds_only_communes_one_or_two_criteria_short_one_short_first()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.AssignGroupAsync(BaoHa, "G1");
        var values = MeetingNtmInG1();
        values["2.1"] = 90;
        values["9.2"] = false;
        await admin.PutValuesOkAsync(BaoHa, 2026, values);

        var summary = await app.CreateClient().SummaryAsync("15", 2026);

        var closest = summary.GetProperty("closest").EnumerateArray().ToList();
        Assert.Contains(closest, c => c.GetProperty("code").GetString() == BaoHa);
        var shortBy = closest.Select(c => c.GetProperty("criteriaTotal").GetInt32() - c.GetProperty("criteriaMet").GetInt32()).ToList();
        Assert.All(shortBy, s => Assert.InRange(s, 1, 2));
        Assert.Equal(shortBy.Order(), shortBy);
        Assert.All(closest, c =>
            Assert.Equal(c.GetProperty("criteriaTotal").GetInt32() - c.GetProperty("criteriaMet").GetInt32(), NotMet(c).Length)
        );
        var everyShortCommune = summary
            .GetProperty("communes")
            .EnumerateArray()
            .Where(c =>
                c.GetProperty("valuesEntered").GetInt32() > 0
                && c.GetProperty("criteriaTotal").GetInt32() - c.GetProperty("criteriaMet").GetInt32() is 1 or 2
            )
            .Select(c => c.GetProperty("code").GetString())
            .Order();
        Assert.Equal(everyShortCommune, closest.Select(c => c.GetProperty("code").GetString()).Order());
    }

    [Fact]
    public async Task The_national_summary_lists_34_provinces_and_Lao_Cai_agrees_with_its_province_summary()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        var dashboard = app.CreateClient();
        await admin.AssignGroupAsync(BaoHa, "G1");
        await admin.PutValuesOkAsync(BaoHa, 2026, MeetingNtmInG1());
        var nationalBefore = LaoCai(await dashboard.GetFromJsonAsync<JsonElement>($"/api/v1/years/2026/summary?set={Code}"));

        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["2.1"] = 90 });
        var national = await dashboard.GetFromJsonAsync<JsonElement>($"/api/v1/years/2026/summary?set={Code}");
        var province = await dashboard.SummaryAsync("15", 2026);

        Assert.Equal((2026, Code), (national.GetProperty("year").GetInt32(), national.GetProperty("set").GetString()));
        var provinces = national.GetProperty("provinces").EnumerateArray().ToList();
        Assert.Equal(34, provinces.Count);
        Assert.Equal(34, provinces.Select(p => p.GetProperty("code").GetString()).Distinct().Count());
        var line = LaoCai(national);
        Assert.Equal("Tỉnh Lào Cai", line.GetProperty("name").GetString());
        Assert.Equal(province.GetProperty("communesEvaluated").GetInt32(), line.GetProperty("communesEvaluated").GetInt32());
        Assert.Equal(province.GetProperty("communesWithData").GetInt32(), line.GetProperty("communesWithData").GetInt32());
        Assert.True(
            JsonElement.DeepEquals(province.GetProperty("levels"), line.GetProperty("levels")),
            $"{province.GetProperty("levels")} vs {line.GetProperty("levels")}"
        );
        Assert.True(
            JsonElement.DeepEquals(province.GetProperty("bands"), line.GetProperty("bands")),
            $"{province.GetProperty("bands")} vs {line.GetProperty("bands")}"
        );
        var average = Math.Round(
            province.GetProperty("communes").EnumerateArray().Average(c => c.GetProperty("criteriaMet").GetInt32()),
            1
        );
        Assert.Equal(average, line.GetProperty("averageCriteriaMet").GetDouble(), 3);
        Assert.Equal(nationalBefore.Communes("levels", "code", "NTM") - 1, line.Communes("levels", "code", "NTM"));
    }

    [Fact]
    public async Task An_unknown_province_is_a_404()
    {
        await using var app = await MtqgApp.StartDemoAsync();

        var problem = await ProblemAssert.IsProblemAsync(
            await app.CreateClient().GetAsync(SummaryUrl("99", 2026)),
            HttpStatusCode.NotFound
        );

        Assert.Contains("99", problem.GetProperty("detail").GetString());
    }

    private static JsonElement LaoCai(JsonElement national) =>
        national.GetProperty("provinces").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "15");

    private static string[] NotMet(JsonElement commune) =>
        commune.GetProperty("criteriaNotMet").EnumerateArray().Select(c => c.GetString()!).ToArray();
}

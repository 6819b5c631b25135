using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Scorecards;

/// <summary>
/// Indicators that follow (DESIGN §12, issue 15 item 4): a set whose indicator 6.1 declares <c>"source": "poverty.rate"</c>
/// takes its value from the commune-year's approved poverty result, says so, and refuses a typed value. The set is the
/// test's own (the illustrative set with 6.1 marked and one common threshold, 5%); the national data does not say which
/// indicator is the poverty rate, so no seeded set is marked.
/// </summary>
public sealed class SourcedIndicatorTests
{
    /// <summary>The test's set (also imported by the browser journey).</summary>
    public const string Set = "TEST-NGHEO";
    private const string LaoCai = "15",
        BaoHa = "02989";
    private const int Year = 2025;

    private static string Poverty => $"/api/v1/communes/{BaoHa}/years/{Year}/poverty";
    private static string Card => $"/api/v1/communes/{BaoHa}/years/{Year}/scorecard?set={Set}";
    private static string Values => $"/api/v1/communes/{BaoHa}/years/{Year}/values?set={Set}";

    /// <summary>The illustrative set as a new draft <see cref="Set"/>, its indicator 6.1 with <paramref name="source"/>.</summary>
    public static async Task<StringContent> SetJsonAsync(MtqgApp app, string? source, string indicator = "6.1")
    {
        var file = app.Services.GetRequiredService<SeedFiles>().PathOf("demo", "criteria-set-demo.json");
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        doc["code"] = Set;
        doc["name"] = "Bộ tiêu chí thử: chỉ tiêu theo kết quả rà soát hộ nghèo";
        var target = doc["criteria"]!.AsArray().SelectMany(c => c!["indicators"]!.AsArray()).Single(i => (string)i!["code"]! == indicator)!;
        target["source"] = source;
        if (indicator == "6.1")
            target["thresholds"] = new JsonArray(new JsonObject { ["level"] = "NTM", ["value"] = 5 });
        return new StringContent(doc.ToJsonString(), Encoding.UTF8, "application/json");
    }

    private static async Task<(HttpClient Office, HttpClient Officer)> StartWithSetAsync(MtqgApp app)
    {
        var admin = await app.Given().Administrator();
        var police = await admin.PostAsJsonAsync("/api/v1/provinces/15/departments", new { code = "CAT", name = "Công an tỉnh" });
        Assert.True(police.IsSuccessStatusCode || police.StatusCode == HttpStatusCode.BadRequest);
        var created = await admin.PostAsync("/api/v1/criteria-sets", await SetJsonAsync(app, "poverty.rate"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var office = (await app.Given().Account(Roles.Coordinator, unit: LaoCai)).Client;
        var officer = (await app.Given().Account(Roles.Commune, unit: BaoHa)).Client;
        return (office, officer);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement Indicator(JsonElement card, string code) =>
        card.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == code);

    [Fact]
    public async Task A_set_declares_a_source_which_is_kept_and_an_unknown_source_or_one_on_a_pass_fail_indicator_is_refused()
    {
        await using var app = await MtqgApp.StartAsync();
        await StartWithSetAsync(app);
        var admin = await app.Given().Administrator();
        var stored = await JsonAsync(await admin.GetAsync($"/api/v1/criteria-sets/{Set}"));
        var sixOne = stored
            .GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == "6.1");
        Assert.Equal("poverty.rate", sixOne.GetProperty("source").GetString());
        var page = WebUtility.HtmlDecode(await (await admin.GetAsync($"/bo-tieu-chi/{Set}")).Content.ReadAsStringAsync());
        Assert.Contains("Nguồn giá trị: Tỷ lệ hộ nghèo (kết quả rà soát đã phê duyệt) — không nhập tay", page);

        var bad = await SetJsonAsync(app, "poverty.income");
        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PutAsync($"/api/v1/criteria-sets/{Set}", bad),
            HttpStatusCode.BadRequest
        );
        var text = problem.GetRawText();
        Assert.Contains("6.1", text);
        Assert.Contains("poverty.income", text);
        Assert.Contains("poverty.nearRate", text);

        // A pass/fail indicator (the illustrative 1.1 is "achieved") cannot follow a rate.
        var boolean = await ProblemAssert.IsProblemAsync(
            await admin.PutAsync($"/api/v1/criteria-sets/{Set}", await SetJsonAsync(app, "poverty.rate", indicator: "1.1")),
            HttpStatusCode.BadRequest
        );
        Assert.Contains("chỉ dùng cho chỉ tiêu kiểu number hoặc percent", boolean.GetRawText());
        // Nothing was written: the draft still says what it said.
        Assert.Equal(stored.GetRawText(), (await JsonAsync(await admin.GetAsync($"/api/v1/criteria-sets/{Set}"))).GetRawText());
    }

    [Fact]
    public async Task The_criterion_editor_offers_the_source_and_keeps_what_is_chosen()
    {
        await using var app = await MtqgApp.StartAsync();
        await StartWithSetAsync(app);
        var admin = await app.Given().Administrator();
        var editor = WebUtility.HtmlDecode(await admin.GetStringAsync($"/bo-tieu-chi/{Set}/tieu-chi/6"));
        Assert.Contains("Nguồn giá trị", editor);
        Assert.Contains("name=\"Edit.Indicators[1].Source\"><option value selected>Xã nhập</option>", editor); // 6.2: typed by the commune
        Assert.Matches(
            new Regex("<option value=\"poverty.rate\" selected[^>]*>Tỷ lệ hộ nghèo \\(kết quả rà soát đã phê duyệt\\)</option>"),
            editor
        );
        Assert.Contains("Tỷ lệ hộ cận nghèo (kết quả rà soát đã phê duyệt)", editor);

        // What the editor posts becomes the criterion's document: 6.2 now follows the near-poverty rate, 6.1 typed again.
        var stored = await admin.GetFromJsonAsync<Mtqg.Domain.Criteria.CriteriaSetDocument>(
            $"/api/v1/criteria-sets/{Set}",
            new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                Converters = { new Mtqg.Web.Features.CriteriaSets.ThresholdValueJsonConverter() },
            }
        );
        var criterion = stored!.Criteria!.Single(c => c.Number == 6);
        var form = Mtqg.Web.Features.CriteriaSets.Pages.CriterionForm.Of(criterion, null);
        form.Indicators[0].Source = "";
        form.Indicators[1].Source = "poverty.nearRate";
        var (edited, problems) = form.ToDocument(criterion);
        Assert.Empty(problems);
        Assert.Equal([null, "poverty.nearRate"], edited!.Indicators!.Select(i => i.Source));
    }

    [Fact]
    public async Task The_value_follows_the_approved_result_only_missing_while_a_draft_or_reopened_and_the_summary_agrees()
    {
        await using var app = await MtqgApp.StartAsync();
        var (office, officer) = await StartWithSetAsync(app);
        await app.Given().Values(officer, BaoHa, Year, Set, new Dictionary<string, object> { ["6.2"] = 0 });

        var none = Indicator(await JsonAsync(await officer.GetAsync(Card)), "6.1");
        Assert.Equal("missing", none.GetProperty("status").GetString());
        Assert.Equal("poverty.rate", none.GetProperty("source").GetString());
        Assert.Contains($"chưa có kết quả rà soát hộ nghèo được phê duyệt năm {Year}", none.GetProperty("explanation").GetString());

        await JsonAsync(
            await officer.PutAsJsonAsync(
                Poverty,
                new
                {
                    households = 1000,
                    poor = 80,
                    nearPoor = 60,
                }
            )
        );
        Assert.Equal("missing", Indicator(await JsonAsync(await officer.GetAsync(Card)), "6.1").GetProperty("status").GetString()); // a draft is not a value

        await JsonAsync(await office.PostAsJsonAsync($"{Poverty}/approve", new { }));
        var approved = Indicator(await JsonAsync(await officer.GetAsync(Card)), "6.1");
        Assert.Equal(8.00m, approved.GetProperty("value").GetDecimal());
        Assert.Equal("not_met", approved.GetProperty("status").GetString()); // 8% above the 5% ceiling
        Assert.StartsWith("Tỷ lệ hộ nghèo đã phê duyệt ngày ", approved.GetProperty("sourceNote").GetString());

        await JsonAsync(await office.PostAsJsonAsync($"{Poverty}/reopen", new { reason = "Rà soát lại thôn 3" }));
        Assert.Equal("missing", Indicator(await JsonAsync(await officer.GetAsync(Card)), "6.1").GetProperty("status").GetString());

        await JsonAsync(
            await officer.PutAsJsonAsync(
                Poverty,
                new
                {
                    households = 1200,
                    poor = 50,
                    nearPoor = 60,
                }
            )
        );
        await JsonAsync(await office.PostAsJsonAsync($"{Poverty}/approve", new { }));
        var card = await JsonAsync(await officer.GetAsync(Card));
        var met = Indicator(card, "6.1");
        Assert.Equal(4.17m, met.GetProperty("value").GetDecimal()); // 100 × 50 / 1200, two decimals
        Assert.Equal("met", met.GetProperty("status").GetString());
        Assert.Equal(
            "met",
            card.GetProperty("criteria")
                .EnumerateArray()
                .Single(c => c.GetProperty("number").GetInt32() == 6)
                .GetProperty("status")
                .GetString()
        );

        // The province summary (the evaluation of many communes) reads the same value.
        var summary = await JsonAsync(await office.GetAsync($"/api/v1/provinces/{LaoCai}/years/{Year}/summary?set={Set}"));
        Assert.Equal(
            1,
            summary
                .GetProperty("criteria")
                .EnumerateArray()
                .Single(c => c.GetProperty("number").GetInt32() == 6)
                .GetProperty("communesMet")
                .GetInt32()
        );
    }

    [Fact]
    public async Task Typing_a_sourced_value_through_the_api_or_a_workbook_is_refused_whole_and_nothing_is_written()
    {
        await using var app = await MtqgApp.StartAsync();
        var (_, officer) = await StartWithSetAsync(app);
        await app.Given().Values(officer, BaoHa, Year, Set, new Dictionary<string, object> { ["6.2"] = 0 });

        var refused = await ProblemAssert.IsProblemAsync(
            await officer.PutAsJsonAsync(Values, new { values = new Dictionary<string, object> { ["6.1"] = 3, ["6.2"] = 7 } }),
            HttpStatusCode.Conflict
        );
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains("6.1", detail);
        Assert.Contains("poverty.rate", detail);
        var card = await JsonAsync(await officer.GetAsync(Card));
        Assert.Equal("missing", Indicator(card, "6.1").GetProperty("status").GetString());
        Assert.Equal(0m, Indicator(card, "6.2").GetProperty("value").GetDecimal());

        var csv = $"Mã xã;Tên xã;6.1;6.2\r\n{BaoHa};Xã Bảo Hà;3;9\r\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var upload = await ProblemAssert.IsProblemAsync(
            await officer.PostAsync(
                $"/api/v1/provinces/{LaoCai}/years/{Year}/workbook?set={Set}",
                new MultipartFormDataContent { { content, "file", "bao-ha.csv" } }
            ),
            HttpStatusCode.Conflict
        );
        Assert.Contains("6.1", upload.GetProperty("detail").GetString());
        Assert.Contains("poverty.rate", upload.GetProperty("detail").GetString());
        card = await JsonAsync(await officer.GetAsync(Card));
        Assert.Equal("missing", Indicator(card, "6.1").GetProperty("status").GetString());
        Assert.Equal(0m, Indicator(card, "6.2").GetProperty("value").GetDecimal());

        // The template's empty 6.1 column is left out, not refused: the other values are written.
        var template = $"Mã xã;Tên xã;6.1;6.2\r\n{BaoHa};Xã Bảo Hà;;1\r\n";
        var plain = new ByteArrayContent(Encoding.UTF8.GetBytes(template));
        plain.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await JsonAsync(
            await officer.PostAsync(
                $"/api/v1/provinces/{LaoCai}/years/{Year}/workbook?set={Set}",
                new MultipartFormDataContent { { plain, "file", "bao-ha.csv" } }
            )
        );
        Assert.Equal(1m, Indicator(await JsonAsync(await officer.GetAsync(Card)), "6.2").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task The_scorecard_page_shows_the_sourced_value_read_only_with_where_it_came_from()
    {
        await using var app = await MtqgApp.StartAsync();
        var (office, _) = await StartWithSetAsync(app);
        var account = await app.Given().Account(Roles.Commune, unit: BaoHa, userName: "xa.baoha.trang");
        var officer = await app.ClientAsAsync(account.UserName, account.Password, followRedirects: false);
        await JsonAsync(
            await officer.PutAsJsonAsync(
                Poverty,
                new
                {
                    households = 1000,
                    poor = 80,
                    nearPoor = 60,
                }
            )
        );
        await JsonAsync(await office.PostAsJsonAsync($"{Poverty}/approve", new { }));

        var response = await officer.GetAsync($"/xa/{BaoHa}?nam={Year}&set={Set}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Theo kết quả rà soát hộ nghèo (đã phê duyệt)", html);
        Assert.Contains($"href=\"/xa/{BaoHa}/ngheo?nam={Year}\"", html);
        Assert.Contains("8%", html);
        Assert.Contains("Tỷ lệ hộ nghèo đã phê duyệt ngày", html);
        Assert.DoesNotMatch(new Regex("<input[^>]*Giá trị chỉ tiêu 6\\.1\""), html); // read-only: no input
        Assert.Matches(new Regex("<input[^>]*Giá trị chỉ tiêu 6\\.2\""), html); // the typed ones still are
    }
}

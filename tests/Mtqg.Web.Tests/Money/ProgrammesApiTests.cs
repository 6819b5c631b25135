using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Money;

/// <summary>
/// The programme catalogue (DESIGN §11, issue 14 item 1): served from data/reference/programmes.json, nothing invented; a
/// component not read is shown as not checked; administrators complete it, nobody else.
/// </summary>
public sealed class ProgrammesApiTests
{
    /// <summary>The reference file as shipped with the app (the test reads it itself, so nothing is hard-coded).</summary>
    public static JsonNode Reference() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "reference", "programmes.json")))!;

    private static async Task<Dictionary<string, JsonElement>> ProgrammesAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/programmes{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone().EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!);
    }

    [Fact]
    public async Task The_catalogue_holds_the_programmes_of_the_file_with_their_components_and_marks_the_names_not_read()
    {
        await using var app = await MtqgApp.StartAsync();
        var anyone = app.CreateClient();
        var file = Reference();
        var ntmItems = file["period_2021_2025"]!["ntm"]!["component_contents"]!["items"]!.AsArray();

        var all = await ProgrammesAsync(anyone);
        var ntm = all["ntm-2021-2025"];
        Assert.Equal((string)file["period_2021_2025"]!["ntm"]!["name"]!, ntm.GetProperty("name").GetString());
        Assert.Equal("2021-01-01", ntm.GetProperty("validFrom").GetString());
        Assert.Equal("2025-12-31", ntm.GetProperty("validTo").GetString());
        var components = ntm.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(ntmItems.Count, components.Count);
        // Every name is the file's, or null where the file has none.
        foreach (var item in ntmItems.Select(i => i!))
        {
            var no = ((int)item["no"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var served = components.Single(c => c.GetProperty("code").GetString() == no);
            Assert.Equal((string?)item["name"], served.GetProperty("name").GetString());
        }
        Assert.Equal(
            file["period_2021_2025"]!["gnbv"]!["projects"]!.AsArray().Count,
            all["gnbv-2021-2025"].GetProperty("components").GetArrayLength()
        );
        // Thematic programmes: every one of the file, by name.
        var thematic = file["thematic_programmes_ntm_2021_2025"]!["items"]!.AsArray().Select(i => (string)i!["name"]!).ToList();
        Assert.All(thematic, name => Assert.Contains(all.Values, p => p.GetProperty("name").GetString() == name));
        Assert.Equal((string)file["period_2026_2035"]!["name"]!, all["mtqg-2026-2035"].GetProperty("name").GetString());
        Assert.All(all["mtqg-2026-2035"].GetProperty("components").EnumerateArray(), c =>
            Assert.Equal(JsonValueKind.Null, c.GetProperty("name").ValueKind)
        );

        // A year: only what is in force then.
        var in2026 = await ProgrammesAsync(anyone, "?year=2026");
        Assert.Equal(["mtqg-2026-2035"], in2026.Keys);
        Assert.DoesNotContain("mtqg-2026-2035", (await ProgrammesAsync(anyone, "?year=2024")).Keys);

        // The page says which names are not checked against the text.
        var page = System.Net.WebUtility.HtmlDecode(await anyone.GetStringAsync("/chuong-trinh"));
        Assert.Contains((string)ntmItems[0]!["name"]!, page);
        Assert.Contains("chưa đối chiếu văn bản", page);
    }

    [Fact]
    public async Task An_administrator_completes_a_component_and_nobody_else_may()
    {
        await using var app = await MtqgApp.StartAsync();
        var admin = await app.Given().Administrator();
        var office = await app.Given().Account(Roles.Coordinator, unit: "15");
        var unread = (await ProgrammesAsync(admin))["ntm-2021-2025"]
            .GetProperty("components")
            .EnumerateArray()
            .First(c => c.GetProperty("name").ValueKind == JsonValueKind.Null)
            .GetProperty("code")
            .GetString()!;
        var url = $"/api/v1/programmes/ntm-2021-2025/components/{unread}";

        await ProblemAssert.IsProblemAsync(
            await office.Client.PutAsJsonAsync(url, new { name = "Tên thử", document = "Quyết định 263/QĐ-TTg" }),
            HttpStatusCode.Forbidden
        );
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsJsonAsync(url, new { name = "Tên thử" })).StatusCode);
        var blank = await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync(url, new { name = " " }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.Errors(blank, "name"));
        await ProblemAssert.IsProblemAsync(
            await admin.PutAsJsonAsync("/api/v1/programmes/khong-co/components/1", new { name = "X" }),
            HttpStatusCode.NotFound
        );

        var done = await admin.PutAsJsonAsync(url, new { name = "Nội dung đã đối chiếu", document = "Quyết định 263/QĐ-TTg" });
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        var completed = (await ProgrammesAsync(app.CreateClient()))["ntm-2021-2025"]
            .GetProperty("components")
            .EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == unread);
        Assert.Equal("Nội dung đã đối chiếu", completed.GetProperty("name").GetString());
        Assert.Equal("Quyết định 263/QĐ-TTg", completed.GetProperty("document").GetString());

        // In the audit trail, as every change of the catalogue.
        var trail = await admin.GetStringAsync("/api/v1/audit?entity=ProgrammeComponent");
        Assert.Contains("Nội dung đã đối chiếu", trail);
    }
}

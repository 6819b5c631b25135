using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Domain.Units;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Map;

/// <summary>The public map /ban-do (issue 20 item 2): drawn from the boundary file, coloured from the titles and values in the database.</summary>
public sealed class PublicMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly int Year = Mtqg.Domain.Common.VietnamTime.Today(TimeProvider.System).Year;

    private static JsonElement BoundaryFile() =>
        JsonDocument
            .Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "admin-units", "provinces-2025.geojson")))
            .RootElement;

    private sealed record Page(string Html, XElement Map)
    {
        public IReadOnlyDictionary<string, XElement> Paths =>
            Map.Descendants(Svg + "path")
                .Where(p => p.Attribute("data-code") is not null)
                .ToDictionary(p => (string)p.Attribute("data-code")!);

        public string Tooltip(string code) => (string)Paths[code].Element(Svg + "title")!;
    }

    private static async Task<Page> MapPageAsync(HttpClient client, string query, string path = "/ban-do")
    {
        var html = await client.GetStringAsync(path + query);
        var marker = html.IndexOf("class=\"mtqg-map-svg\"", StringComparison.Ordinal);
        Assert.True(marker > 0, "the page has no map");
        var start = html.LastIndexOf("<svg", marker, StringComparison.Ordinal);
        var end = html.IndexOf("</svg>", marker, StringComparison.Ordinal) + "</svg>".Length;
        return new Page(WebUtility.HtmlDecode(html), XElement.Parse(html[start..end]));
    }

    private static async Task<JsonElement> MapApiAsync(HttpClient client, int year) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/years/{year}/map");

    private static JsonElement Province(JsonElement map, string code) =>
        map.GetProperty("provinces").EnumerateArray().Single(p => p.GetProperty("code").GetString() == code);

    /// <summary>The class whose lower bound is the highest not above the share, from the bounds the API publishes.</summary>
    private static JsonElement ClassOf(JsonElement map, decimal share) =>
        map.GetProperty("classes").EnumerateArray().Last(c => share >= c.GetProperty("from").GetDecimal());

    /// <summary>Per province (code as of 31/12 of the year): communes in force and communes holding a title then, read from the database.</summary>
    private static async Task<Dictionary<string, (int Communes, int Held, bool AnyTitle)>> RecognisedInDatabaseAsync(MtqgApp app, int year)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var end = new DateOnly(year, 12, 31);
        var communes = await db
            .Units.Where(u =>
                u.Level == UnitLevel.Commune && (u.ValidFrom == null || u.ValidFrom <= end) && (u.ValidTo == null || u.ValidTo >= end)
            )
            .Select(u => new { u.Id, u.ProvinceCode })
            .ToListAsync();
        var titles = await db
            .CommuneTitles.Select(t => new
            {
                t.UnitId,
                t.Since,
                t.RevokedOn,
                t.Unit.ProvinceCode,
            })
            .ToListAsync();
        var inForce = communes.Select(c => c.Id).ToHashSet();
        var held = titles
            .Where(t => inForce.Contains(t.UnitId) && t.Since <= end && (t.RevokedOn is null || t.RevokedOn > end))
            .Select(t => (t.UnitId, t.ProvinceCode))
            .Distinct()
            .ToList();
        return communes
            .GroupBy(c => c.ProvinceCode)
            .ToDictionary(g => g.Key, g => (g.Count(), held.Count(h => h.ProvinceCode == g.Key), titles.Any(t => t.ProvinceCode == g.Key)));
    }

    [Fact]
    public async Task The_map_draws_every_province_of_the_boundary_file_once_each_linking_to_its_province_page_in_a_light_page()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var features = BoundaryFile().GetProperty("features").EnumerateArray().ToList();
        var visitor = app.CreateClient();

        var response = await visitor.GetAsync($"/ban-do?nam={Year}");
        var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        var page = await MapPageAsync(visitor, $"?nam={Year}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(bytes < 300_000, $"the map page weighs {bytes:N0} bytes");
        Assert.Equal(features.Count, page.Paths.Count);
        Assert.Equal(features.Select(f => f.GetProperty("id").GetString()).Order(), page.Paths.Keys.Order());
        foreach (var feature in features)
        {
            var code = feature.GetProperty("id").GetString()!;
            var path = page.Paths[code];
            Assert.Equal($"/tinh/{code}/tong-hop?nam={Year}", (string?)path.Parent!.Attribute("href"));
            Assert.False(string.IsNullOrWhiteSpace((string?)path.Attribute("d")));
            // The islands of the file are drawn: as many closed outlines as the file has polygons, or nearly (a rock under 300 m may vanish).
            var polygons = feature.GetProperty("geometry").GetProperty("coordinates").GetArrayLength();
            var drawn = ((string)path.Attribute("d")!).Count(c => c == 'M');
            Assert.InRange(drawn, Math.Max(1, polygons * 9 / 10), polygons);
        }
        // Screen readers: the drawing is named by the visible heading and described by the legend; a table holds the same figures.
        var heading = (string)page.Map.Attribute("aria-labelledby")!;
        Assert.Contains($"id=\"{heading}\"", page.Html);
        Assert.Equal("group", (string?)page.Map.Attribute("role"));
        Assert.Equal(features.Count, page.Html.Split("<tr data-code=").Length - 1);
    }

    [Fact]
    public async Task A_province_with_communes_recognised_by_decision_gets_the_colour_class_its_share_implies()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var visitor = app.CreateClient();
        var admin = await app.ClientAsAsync("demo.admin");
        // Decisions recorded for two communes in three of the smallest province (the test's demo template has no decision).
        var decided = new DateOnly(Year, 1, 15);
        List<string> chosen;
        using (var scope = app.Services.CreateScope())
        {
            var communes = await app.Db(scope)
                .Units.Where(u => u.Level == UnitLevel.Commune && u.ValidFrom <= decided && (u.ValidTo == null || u.ValidTo >= decided))
                .Select(u => new { u.Code, u.ProvinceCode })
                .ToListAsync();
            var smallest = communes.GroupBy(c => c.ProvinceCode).OrderBy(g => g.Count()).First();
            chosen = [.. smallest.Select(c => c.Code).Order().Where((_, i) => i % 3 != 2)];
        }
        foreach (var code in chosen)
        {
            var created = await admin.PostAsJsonAsync(
                "/api/v1/titles",
                new
                {
                    communeCode = code,
                    level = "NTM",
                    decisionNumber = "12/QĐ-UBND",
                    decisionDate = decided.ToString("yyyy-MM-dd"),
                    signer = "Chủ tịch UBND tỉnh",
                }
            );
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var database = await RecognisedInDatabaseAsync(app, Year);
        var map = await MapApiAsync(visitor, Year);
        var page = await MapPageAsync(visitor, $"?nam={Year}");

        var recognised = database.Where(p => p.Value.Held > 0).ToList();
        Assert.Equal(chosen.Count, Assert.Single(recognised).Value.Held);
        foreach (var (code, (communes, held, _)) in recognised)
        {
            var share = Math.Round(100m * held / communes, 1);
            var line = Province(map, code);
            Assert.Equal(
                (communes, held, share),
                (
                    line.GetProperty("communes").GetInt32(),
                    line.GetProperty("recognised").GetInt32(),
                    line.GetProperty("recognisedShare").GetDecimal()
                )
            );
            var expected = ClassOf(map, share);
            Assert.Equal(expected.GetProperty("index").GetInt32().ToString(), (string?)page.Paths[code].Attribute("data-class"));
            Assert.Equal(expected.GetProperty("colour").GetString(), (string?)page.Paths[code].Attribute("fill"));
            Assert.Contains($"{held}/{communes} xã", page.Tooltip(code));
            Assert.Contains("được công nhận", page.Tooltip(code));
        }

        // The national dashboard draws the same map (recognised layer), each province as coloured as on /ban-do.
        var national = await MapPageAsync(visitor, $"?nam={Year}", "/toan-quoc");
        Assert.Contains("Bản đồ: tỷ lệ xã được công nhận theo quyết định", national.Html);
        Assert.Equal(page.Paths.Count, national.Paths.Count);
        foreach (var (code, path) in page.Paths)
            Assert.Equal((string?)path.Attribute("data-class"), (string?)national.Paths[code].Attribute("data-class"));
    }

    [Fact]
    public async Task The_self_assessed_layer_is_labelled_self_assessed_everywhere_it_speaks()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var visitor = app.CreateClient();
        var map = await MapApiAsync(visitor, Year);

        var page = await MapPageAsync(visitor, $"?nam={Year}&lop=tu-danh-gia");

        var heading = Regex.Match(page.Html, "<h2 id=\"map-heading\"[^>]*>(.*?)</h2>").Groups[1].Value;
        Assert.Contains("tự đánh giá", heading);
        Assert.Contains("Chú giải: tỷ lệ xã đạt (tự đánh giá)", page.Html);
        Assert.All(page.Paths.Keys, code => Assert.Contains("tự đánh giá", page.Tooltip(code)));
        var withData = map.GetProperty("provinces")
            .EnumerateArray()
            .Where(p => p.GetProperty("selfAssessedShare").ValueKind == JsonValueKind.Number)
            .ToList();
        Assert.NotEmpty(withData);
        foreach (var line in withData)
        {
            var code = line.GetProperty("code").GetString()!;
            var share = line.GetProperty("selfAssessedShare").GetDecimal();
            Assert.Equal(ClassOf(map, share).GetProperty("index").GetInt32().ToString(), (string?)page.Paths[code].Attribute("data-class"));
        }
        // The recognised layer never borrows the self-assessed words.
        var recognisedLayer = await MapPageAsync(visitor, $"?nam={Year}");
        Assert.All(recognisedLayer.Paths.Keys, code => Assert.DoesNotContain("tự đánh giá", recognisedLayer.Tooltip(code)));
    }

    [Fact]
    public async Task A_province_without_any_decision_recorded_is_shown_as_unknown_never_as_zero_until_one_is_recorded()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var visitor = app.CreateClient();
        var database = await RecognisedInDatabaseAsync(app, Year);
        var unknown = database.Where(p => !p.Value.AnyTitle).Select(p => p.Key).ToList();
        Assert.NotEmpty(unknown);
        var map = await MapApiAsync(visitor, Year);
        var page = await MapPageAsync(visitor, $"?nam={Year}");

        foreach (var code in unknown)
        {
            Assert.Equal(JsonValueKind.Null, Province(map, code).GetProperty("recognisedShare").ValueKind);
            Assert.Equal("khong-du-lieu", (string?)page.Paths[code].Attribute("data-class"));
            Assert.Equal("url(#map-heading-no-data)", (string?)page.Paths[code].Attribute("fill")); // hatched: the legend's "chưa có dữ liệu"
            Assert.Contains("chưa có dữ liệu", page.Tooltip(code));
        }
        Assert.Contains("<li data-class=\"khong-du-lieu\">", page.Html);

        // A decision recorded for one of them shows on the very next map (the cache follows the database version).
        var hanoi = Assert.Single(unknown, c => c == "01");
        var admin = await app.ClientAsAsync("demo.admin");
        var created = await admin.PostAsJsonAsync(
            "/api/v1/titles",
            new
            {
                communeCode = "00376",
                level = "NTM",
                decisionNumber = "25/QĐ-UBND",
                decisionDate = $"{Year}-01-15",
                signer = "Chủ tịch UBND thành phố",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var after = Province(await MapApiAsync(visitor, Year), hanoi);
        var communes = database[hanoi].Communes;
        Assert.Equal(
            (1, Math.Round(100m / communes, 1)),
            (after.GetProperty("recognised").GetInt32(), after.GetProperty("recognisedShare").GetDecimal())
        );
        Assert.Equal("0", (string?)(await MapPageAsync(visitor, $"?nam={Year}")).Paths[hanoi].Attribute("data-class"));
    }

    [Fact]
    public async Task A_year_before_the_boundaries_existed_is_refused_naming_the_year()
    {
        await using var app = await MtqgApp.StartAsync();
        var visitor = app.CreateClient();

        var response = await visitor.GetAsync("/api/v1/years/2024/map");
        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync("/ban-do?nam=2024"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("2025", problem.GetProperty("errors").GetProperty("year")[0].GetString());
        Assert.Contains("chọn năm từ 2025", page);
        Assert.DoesNotContain("mtqg-map-svg", page);
    }
}

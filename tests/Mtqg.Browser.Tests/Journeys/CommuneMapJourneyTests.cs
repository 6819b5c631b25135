using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>
/// Decision 0029: the coordination office of Lào Cai loads its communes' boundaries on the province's dashboard, and the
/// dashboard draws them coloured by status, each commune linking to its scorecard.
/// </summary>
public sealed class CommuneMapJourneyTests
{
    [Fact]
    public async Task The_office_loads_the_commune_boundaries_and_the_dashboard_draws_every_commune_with_a_link_to_its_scorecard()
    {
        await using var session = await BrowserSession.StartAsync(
            settings: new Dictionary<string, string> { ["Mtqg:DemoRecognitions"] = "true" }
        );
        var page = session.Page;
        var year = VietnamTime.Today(DateTime.UtcNow).Year;
        List<string> codes;
        using (var scope = session.App.Services.CreateScope())
            codes = await session
                .App.Db(scope)
                .Units.Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.ProvinceCode == "15")
                .Select(u => u.Code)
                .OrderBy(c => c)
                .ToListAsync();
        var file = Path.Combine(Path.GetTempPath(), $"mtqg-ranh-gioi-{Guid.NewGuid():N}.geojson");
        await File.WriteAllTextAsync(file, SyntheticBoundaries("15", codes));

        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync($"/tinh/15/tong-hop?nam={year}");
        await Expect(page.GetByTestId("commune-map-empty")).ToContainTextAsync("chưa nạp ranh giới các xã");
        await page.Locator("#ban-do-xa").ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("tong-hop-tinh-ban-do-xa-chua-nap", fullPage: false);
        await page.GetByLabel("Tệp GeoJSON").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Expect(page.GetByText($"Đã nạp ranh giới của {codes.Count} xã")).ToBeVisibleAsync();
        File.Delete(file);

        var map = page.Locator("svg.mtqg-commune-map");
        await Expect(map.Locator("path[data-code]")).ToHaveCountAsync(codes.Count);
        await Expect(map.Locator("path[data-status='khong-danh-gia']").First).ToBeVisibleAsync(); // the wards
        await Expect(page.Locator("#commune-map-legend")).ToContainTextAsync("Chưa có ranh giới, không vẽ (0 xã)");
        await map.ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("tong-hop-tinh-ban-do-xa", fullPage: false);

        await map.Locator("a[href^='/xa/02989?']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/xa/02989\\?nam={year}&set="));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bảo Hà");
    }

    /// <summary>
    /// Made-up boundaries (no commune boundaries of the 2025 communes are public in this repository): the province's outline
    /// from the 34 provinces' file cut into cells of about 1.6 km, each cell given to the nearest of one seed per commune,
    /// each commune's cells traced into rings. Enough to draw a realistic file (every commune, ~20,000 positions).
    /// </summary>
    private static string SyntheticBoundaries(string province, IReadOnlyList<string> codes)
    {
        using var provinces = JsonDocument.Parse(
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "admin-units", "provinces-2025.geojson"))
        );
        var feature = provinces
            .RootElement.GetProperty("features")
            .EnumerateArray()
            .Single(f => f.GetProperty("properties").GetProperty("code").GetString() == province);
        var outlines = feature
            .GetProperty("geometry")
            .GetProperty("coordinates")
            .EnumerateArray()
            .Select(p => p[0].EnumerateArray().Select(q => (X: q[0].GetDouble(), Y: q[1].GetDouble())).ToArray())
            .ToList();
        var box = feature.GetProperty("bbox");
        var (west, south, east, north) = (box[0].GetDouble(), box[1].GetDouble(), box[2].GetDouble(), box[3].GetDouble());
        const double d = 0.015;
        var (columns, rows) = ((int)Math.Ceiling((east - west) / d), (int)Math.Ceiling((north - south) / d));
        var inside = new List<(int I, int J)>();
        for (var i = 0; i < columns; i++)
        for (var j = 0; j < rows; j++)
            if (outlines.Any(o => Inside(o, west + (i + 0.5) * d, south + (j + 0.5) * d)))
                inside.Add((i, j));
        var random = new Random(15);
        var seeds = inside.OrderBy(_ => random.Next()).Take(codes.Count).ToList();
        var owner = inside.ToDictionary(
            c => c,
            c => seeds.Select((s, k) => (k, (s.I - c.I) * (s.I - c.I) + (s.J - c.J) * (s.J - c.J))).MinBy(x => x.Item2).k
        );
        var json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (var k = 0; k < codes.Count; k++)
        {
            var cells = owner.Where(o => o.Value == k).Select(o => o.Key).ToHashSet();
            var rings = Trace(cells)
                .Select(r => "[[" + string.Join(",", r.Select(p => $"[{N(west + p.I * d)},{N(south + p.J * d)}]")) + "]]");
            json.Append(k == 0 ? "" : ",")
                .Append(
                    $"{{\"type\":\"Feature\",\"properties\":{{\"ma_xa\":\"{codes[k]}\"}},\"geometry\":{{\"type\":\"MultiPolygon\",\"coordinates\":["
                )
                .Append(string.Join(",", rings))
                .Append("]}}");
        }
        return json.Append("]}").ToString();
    }

    private static string N(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    private static bool Inside((double X, double Y)[] ring, double x, double y)
    {
        var inside = false;
        for (int a = 0, b = ring.Length - 1; a < ring.Length; b = a++)
            if ((ring[a].Y > y) != (ring[b].Y > y) && x < (ring[b].X - ring[a].X) * (y - ring[a].Y) / (ring[b].Y - ring[a].Y) + ring[a].X)
                inside = !inside;
        return inside;
    }

    /// <summary>The closed rings around a set of grid cells: the cells' anticlockwise edges not shared with another cell of the set, chained.</summary>
    private static List<List<(int I, int J)>> Trace(HashSet<(int I, int J)> cells)
    {
        var next = new Dictionary<(int, int), Queue<(int, int)>>();
        void Edge((int, int) from, (int, int) to) => (next.TryGetValue(from, out var q) ? q : next[from] = new()).Enqueue(to);
        foreach (var (i, j) in cells)
        {
            if (!cells.Contains((i, j - 1)))
                Edge((i, j), (i + 1, j));
            if (!cells.Contains((i + 1, j)))
                Edge((i + 1, j), (i + 1, j + 1));
            if (!cells.Contains((i, j + 1)))
                Edge((i + 1, j + 1), (i, j + 1));
            if (!cells.Contains((i - 1, j)))
                Edge((i, j + 1), (i, j));
        }
        var rings = new List<List<(int, int)>>();
        while (next.FirstOrDefault(n => n.Value.Count > 0) is { Value: not null } start)
        {
            var ring = new List<(int, int)> { start.Key };
            var at = start.Key;
            do
            {
                at = next[at].Dequeue();
                ring.Add(at);
            } while (at != start.Key);
            rings.Add(ring);
        }
        return rings;
    }
}

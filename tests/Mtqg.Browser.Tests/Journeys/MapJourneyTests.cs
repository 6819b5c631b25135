using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>A visitor, without signing in, reads the public map on a phone: picks a year and a layer, then opens a province.</summary>
public sealed class MapJourneyTests
{
    [Fact]
    public async Task On_a_phone_a_visitor_picks_a_year_and_the_self_assessed_layer_then_follows_a_province_to_its_page()
    {
        await using var session = await BrowserSession.StartAsync(
            390,
            844,
            settings: new Dictionary<string, string> { ["Mtqg:DemoRecognitions"] = "true" }
        );
        var page = session.Page;
        await session.GoToAsync("/");
        await page.Locator("details.mtqg-menu > summary").ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" })
            .Locator("details.mtqg-group > summary", new() { HasText = "Số liệu" })
            .ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Bản đồ", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bản đồ nông thôn mới");
        await session.CheckAccessibilityAsync();
        // The demo's decisions of Lào Cai colour it; the provinces without any decision are hatched as unknown.
        await Expect(page.Locator("svg.mtqg-map-svg path[data-code='15']")).Not.ToHaveAttributeAsync("data-class", "khong-du-lieu");
        await Expect(page.Locator("svg.mtqg-map-svg path[data-class='khong-du-lieu']").First).ToBeVisibleAsync();
        Assert.True(
            await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390,
            "the map page scrolls sideways on a phone"
        );

        var years = page.Locator("select[name=nam] option");
        var first = await years.First.GetAttributeAsync("value");
        await page.Locator("select[name=nam]").SelectOptionAsync(first!);
        await page.Locator("select[name=lop]").SelectOptionAsync("tu-danh-gia");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"năm {first}");
        await Expect(page.Locator("#map-heading")).ToContainTextAsync("tự đánh giá");
        await session.ScreenshotAsync("ban-do-dien-thoai");

        await page.Locator("svg.mtqg-map-svg a[href^='/tinh/15/']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/tinh/15/tong-hop\\?nam={first}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Lào Cai");
        await session.CheckAccessibilityAsync();
    }
}

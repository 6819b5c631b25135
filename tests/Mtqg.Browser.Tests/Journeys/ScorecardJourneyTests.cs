using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class ScorecardJourneyTests
{
    private const string Dashboard = "/tinh/15/tong-hop?nam=2026&set=DEMO-MINH-HOA";
    private const string BaoHa = "/xa/02989?nam=2026&set=DEMO-MINH-HOA";

    private static async Task<int> RecognisedAsync(BrowserSession session)
    {
        await session.GoToAsync(Dashboard);
        var tile = session
            .Page.Locator(".mtqg-stat")
            .Filter(
                new() { Has = session.Page.GetByText("Xã đạt chuẩn nông thôn mới (theo số liệu tự đánh giá)", new() { Exact = true }) }
            );
        return int.Parse((await tile.Locator(".value").InnerTextAsync()).Replace(".", ""), CultureInfo.InvariantCulture);
    }

    private static async Task SaveAsync(BrowserSession session, string indicator, string value)
    {
        await session.GoToAsync(BaoHa);
        await session.Page.GetByLabel($"Giá trị chỉ tiêu {indicator}").FillAsync(value);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu");
    }

    [Fact]
    public async Task A_commune_officer_enters_a_value_and_the_province_dashboard_moves_at_once()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.xa");

        // Every indicator of Xã Bảo Hà meets its threshold except 8.3 (green space), which falls short.
        await session.GoToAsync(BaoHa);
        foreach (var input in await page.Locator("input.mtqg-value-input").AllAsync())
            await input.FillAsync("100");
        foreach (var select in await page.Locator("select.mtqg-value-input").AllAsync())
            await select.SelectOptionAsync("true");
        await page.GetByLabel("Giá trị chỉ tiêu 6.1").FillAsync("0");
        await page.GetByLabel("Giá trị chỉ tiêu 6.2").FillAsync("0");
        await page.GetByLabel("Giá trị chỉ tiêu 10.2").FillAsync("0");
        await page.GetByLabel("Giá trị chỉ tiêu 8.3").FillAsync("1,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu");
        await Expect(page.Locator(".mtqg-stat").First).ToContainTextAsync("9/10");
        await Expect(page.GetByText("Chỉ tiêu 8.3: 1,5 m²/người < ngưỡng 2 m²/người")).ToHaveCountAsync(2);
        var criterion8 = page.Locator(".mtqg-criterion").Filter(new() { HasText = "Tiêu chí 8." });
        await Expect(criterion8.Locator(".mtqg-status").First).ToHaveTextAsync("Chưa đạt");
        var before = await RecognisedAsync(session);

        await SaveAsync(session, "8.3", "2,5");
        await Expect(page.Locator(".mtqg-stat").First).ToContainTextAsync("10/10");
        await Expect(page.Locator(".mtqg-criterion").Filter(new() { HasText = "Tiêu chí 8." }).Locator(".mtqg-status").First)
            .ToHaveTextAsync("Đạt");
        await session.ScreenshotAsync("xa-bao-ha-2026");

        Assert.Equal(before + 1, await RecognisedAsync(session));
        await session.ScreenshotAsync("tong-hop-lao-cai-2026");
    }

    [Fact]
    public async Task A_viewer_reads_without_inputs_and_a_wrong_number_is_refused_whole()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.xem");
        await session.GoToAsync("/xa/02869?nam=2026&set=DEMO-MINH-HOA");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Xã Bản Liền — năm 2026" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" })).ToHaveCountAsync(0);

        await session.Page.Context.ClearCookiesAsync();
        await session.SignInAsync("demo.xa");
        await session.GoToAsync(BaoHa);
        var before = await page.GetByLabel("Giá trị chỉ tiêu 1.2").InputValueAsync();
        await page.GetByLabel("Giá trị chỉ tiêu 1.2").FillAsync("55");
        await page.GetByLabel("Giá trị chỉ tiêu 2.1").FillAsync("nhiều");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Chỉ tiêu 2.1: \"nhiều\" không phải là số.");
        await session.GoToAsync(BaoHa);
        Assert.Equal(before, await page.GetByLabel("Giá trị chỉ tiêu 1.2").InputValueAsync());
    }
}

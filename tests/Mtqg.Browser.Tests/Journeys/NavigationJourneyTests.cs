using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class NavigationJourneyTests
{
    private static ILocator Group(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" })
            .Locator("details.mtqg-group > summary", new() { HasText = name });

    [Fact]
    public async Task On_a_desk_the_coordinator_s_menu_fits_one_row_and_works_with_the_keyboard()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");

        var bar = await page.Locator(".mtqg-appbar").BoundingBoxAsync();
        Assert.True(bar!.Height <= 72, $"the app bar wraps ({bar.Height}px high)");
        foreach (var name in new[] { "Số liệu", "Công nhận", "Kế hoạch & hỗ trợ", "Quản trị" })
            await Expect(Group(page, name)).ToBeVisibleAsync();
        var accounts = page.GetByRole(AriaRole.Link, new() { Name = "Tài khoản", Exact = true });
        await Expect(accounts).ToBeHiddenAsync();

        // Keyboard only: focus the group, open it, Tab to its first link, follow it.
        await Group(page, "Quản trị").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(accounts).ToBeVisibleAsync();
        await session.ScreenshotAsync("menu-ban-lam-viec", fullPage: false);
        await page.Keyboard.PressAsync("Escape");
        await Expect(accounts).ToBeHiddenAsync();
        await Expect(Group(page, "Quản trị")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Expect(accounts).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tài khoản", Exact = true })).ToBeVisibleAsync();
        await Expect(accounts).ToBeHiddenAsync(); // the group closed with the new page
        await Expect(Group(page, "Quản trị")).ToHaveClassAsync("active");

        // One group open at a time, and a click elsewhere closes it.
        await Group(page, "Số liệu").ClickAsync();
        await Group(page, "Công nhận").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Quyết định", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Bộ tiêu chí", Exact = true })).ToBeHiddenAsync();
        await page.Locator(".mtqg-footer").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Quyết định", Exact = true })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task On_a_phone_the_menu_sits_behind_one_button_and_the_page_does_not_scroll_sideways()
    {
        await using var session = await BrowserSession.StartAsync(390, 844);
        var page = session.Page;
        await session.SignInAsync("demo.giupdo");

        var menu = page.Locator("details.mtqg-menu > summary");
        await Expect(menu).ToBeVisibleAsync();
        await Expect(Group(page, "Số liệu")).ToBeHiddenAsync();
        var bar = await page.Locator(".mtqg-appbar").BoundingBoxAsync();
        Assert.True(bar!.Height <= 64, $"the app bar wraps on a phone ({bar.Height}px high)");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a phone");

        await menu.ClickAsync();
        await Group(page, "Kế hoạch & hỗ trợ").ClickAsync();
        await Expect(
                page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" })
                    .GetByRole(AriaRole.Link, new() { Name = "Ghi buổi làm việc", Exact = true })
            )
            .ToBeVisibleAsync();
        await Expect(Group(page, "Quản trị")).ToHaveCountAsync(0); // an agency account administers nothing
        await session.ScreenshotAsync("menu-dien-thoai", fullPage: false);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" })
            .GetByRole(AriaRole.Link, new() { Name = "Kiến nghị", Exact = true })
            .ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kiến nghị đang mở" })).ToBeVisibleAsync();
        await Expect(Group(page, "Số liệu")).ToBeHiddenAsync(); // the menu closed with the new page
        await session.ScreenshotAsync("kien-nghi-dien-thoai", fullPage: false);
    }

    [Fact]
    public async Task On_a_phone_no_page_of_the_coordination_office_scrolls_sideways()
    {
        await using var session = await BrowserSession.StartAsync(390, 844);
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync("/tinh/15/ke-hoach");
        await page.GetByRole(AriaRole.Link, new() { Name = "239/KH-BCĐ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kế hoạch số 239/KH-BCĐ" })).ToBeVisibleAsync();
        var wide = new List<string>();
        foreach (
            var url in new[]
            {
                null,
                "/tinh/15/ke-hoach",
                "/tinh/15/phan-cong",
                "/tinh/15/danh-sach-xa",
                "/kien-nghi?tinh=15",
                "/ho-so-de-nghi",
                "/quyet-dinh",
                "/ra-soat-duy-tri",
                "/tai-khoan",
                "/nhat-ky",
                "/nhom-xa",
                "/xa/02989?nam=2026&set=DEMO-MINH-HOA",
                "/tinh/15/nam/2026/excel",
                "/tinh/15/tong-hop?nam=2026&set=DEMO-MINH-HOA",
            }
        )
        {
            if (url is not null)
                await session.GoToAsync(url);
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 390)
                wide.Add($"{page.Url} ({width}px)");
        }
        Assert.True(wide.Count == 0, "scrolls sideways on a phone: " + string.Join(", ", wide));
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class AccessJourneyTests
{
    [Fact]
    public async Task A_commune_officer_cannot_open_another_commune_edits_their_own_value_and_sees_it_in_the_history()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.xa");

        await session.GoToAsync("/xa/02869?nam=2026&set=DEMO-MINH-HOA");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Không có quyền truy cập" })).ToBeVisibleAsync();
        await Expect(page.GetByText("không có quyền xem số liệu của Xã Bản Liền")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Giá trị chỉ tiêu 1.2")).ToHaveCountAsync(0);

        await session.GoToAsync("/xa/02989?nam=2026&set=DEMO-MINH-HOA");
        var before = await page.GetByLabel("Giá trị chỉ tiêu 1.2").InputValueAsync();
        await page.GetByLabel("Giá trị chỉ tiêu 1.2").FillAsync("88,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu");

        var history = page.GetByLabel("Lịch sử thay đổi số liệu của xã trong năm", new() { Exact = true });
        var row = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "1.2" }).First;
        await Expect(row).ToContainTextAsync("demo.xa");
        await Expect(row).ToContainTextAsync("88,5");
        if (before.Length > 0)
            await Expect(row).ToContainTextAsync(before);
        await session.ScreenshotAsync("lich-su-xa-bao-ha");

        // Someone else (the coordination office, through the API) changes a value meanwhile: the officer's stale form is refused.
        await session.GoToAsync("/xa/02989?nam=2026&set=DEMO-MINH-HOA");
        var office = await session.App.ClientAsAsync("demo.dieuphoi");
        var changed = await office.PutAsync(
            "/api/v1/communes/02989/years/2026/values?set=DEMO-MINH-HOA",
            System.Net.Http.Json.JsonContent.Create(new { values = new Dictionary<string, object> { ["2.1"] = 99 } })
        );
        changed.EnsureSuccessStatusCode();
        await page.GetByLabel("Giá trị chỉ tiêu 1.2").FillAsync("70");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("vừa được người khác thay đổi");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Chỉ tiêu 2.1 hiện là 99 (demo.dieuphoi");
        await Expect(page.GetByLabel("Giá trị chỉ tiêu 1.2")).ToHaveValueAsync("88,5");
    }

    [Fact]
    public async Task Two_web_nodes_on_one_database_accept_each_others_sign_in_cookie()
    {
        await using var session = await BrowserSession.StartAsync();
        await using var second = await Mtqg.Web.Tests.Infrastructure.MtqgApp.StartOnKestrelAsync(session.App.ConnectionString);
        await session.SignInAsync("demo.dieuphoi");

        // Cookies are per host, not per port: the same browser now talks to the second node.
        await session.Page.GotoAsync(second.BaseAddress + "ho-so");
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Hồ sơ của tôi" })).ToBeVisibleAsync();
        await Expect(session.Page.GetByText("VP Điều phối NTM tỉnh Lào Cai (demo)")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_coordination_office_manages_its_accounts_reads_the_trail_and_finds_the_Excel_page()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");

        await session.NavigateAsync("Quản trị", "Tài khoản");
        await page.GetByLabel("Tên đăng nhập").FillAsync("canbo.baoha2");
        await page.GetByLabel("Tên hiển thị").FillAsync("Cán bộ xã Bảo Hà (2)");
        await page.GetByLabel("Vai trò").SelectOptionAsync("commune");
        await page.GetByLabel("Mã đơn vị").FillAsync("02989");
        await page.GetByLabel("Mật khẩu ban đầu").FillAsync("Mat-khau-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã tạo tài khoản canbo.baoha2");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "canbo.baoha2" })).ToContainTextAsync("Xã Bảo Hà");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "demo.admin" })).ToHaveCountAsync(0);
        await session.ScreenshotAsync("tai-khoan");

        await session.NavigateAsync("Quản trị", "Nhật ký");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nhật ký thay đổi" })).ToBeVisibleAsync(); // the accounts page also names canbo.baoha2
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "canbo.baoha2" }).First).ToContainTextAsync("Tài khoản");
        await session.ScreenshotAsync("nhat-ky", fullPage: false);

        await session.GoToAsync("/tinh/15/tong-hop?nam=2026&set=DEMO-MINH-HOA");
        await page.GetByRole(AriaRole.Link, new() { Name = "Excel: tải về, nhập số liệu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Excel số liệu chỉ tiêu — Tỉnh Lào Cai, năm 2026" }))
            .ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp số liệu (.xlsx)" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("excel");
    }
}

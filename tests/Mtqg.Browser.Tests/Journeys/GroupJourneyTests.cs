using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class GroupJourneyTests
{
    [Fact]
    public async Task The_coordination_office_applies_the_proposed_318_regions_then_regroups_selected_communes()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync("/nhom-xa?set=VN-NTM-XA-2021-2025&nam=2024");

        // A coordinator sees only their own province; Lào Cai's old communes are proposed the northern-mountain region.
        await Expect(page.GetByLabel("Tỉnh").Locator("option")).ToHaveTextAsync(["Tỉnh Lào Cai", "Tỉnh Yên Bái"]);
        await page.GetByLabel("Tỉnh").SelectOptionAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc", Exact = true }).ClickAsync();
        var laoCaiRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Xã Tân Thượng" });
        await Expect(laoCaiRow).ToContainTextAsync("TDMNPB");

        await page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng đề xuất cho xã chưa xếp nhóm" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã xếp nhóm cho");
        await session.ScreenshotAsync("xep-nhom-xa");

        await page.GetByLabel("Nhóm hiện tại").SelectOptionAsync("chua");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc", Exact = true }).ClickAsync();
        await Expect(page.GetByText("0 xã · 0 chưa xếp nhóm")).ToBeVisibleAsync();

        await session.GoToAsync("/nhom-xa?set=VN-NTM-XA-2021-2025&nam=2024&tinh=10&q=tan%20thuong");
        await page.GetByLabel("Chọn Xã Tân Thượng").CheckAsync();
        await page.GetByLabel("Gán nhóm").SelectOptionAsync("DBSH");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cho các xã đã chọn" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã xếp nhóm cho 1 xã");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Xã Tân Thượng" })).ToContainTextAsync("DBSH");
    }

    [Fact]
    public async Task A_commune_officer_is_told_they_have_no_access_to_group_assignment()
    {
        await using var session = await BrowserSession.StartAsync();
        await session.SignInAsync("demo.xa");
        await session.GoToAsync("/nhom-xa");
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Không có quyền truy cập" })).ToBeVisibleAsync();
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class PlanCorrectionJourneyTests
{
    [Fact]
    public async Task The_coordination_office_adds_a_target_by_mistake_deletes_it_and_corrects_the_plan_title()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync("/tinh/15/ke-hoach");
        await page.GetByRole(AriaRole.Link, new() { Name = "239/KH-BCĐ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kế hoạch số 239/KH-BCĐ" })).ToBeVisibleAsync();

        var add = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Thêm mục tiêu" }) });
        await add.Locator("select[name=kind]").SelectOptionAsync("activity");
        await add.GetByLabel("Tên mục tiêu").FillAsync("Mục tiêu gõ nhầm");
        await add.GetByLabel("Đơn vị tính (hoạt động)").FillAsync("lớp");
        await add.GetByLabel("Số lượng mục tiêu").FillAsync("3");
        await add.GetByRole(AriaRole.Button, new() { Name = "Thêm mục tiêu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thêm mục tiêu «Mục tiêu gõ nhầm»");

        await page.GetByRole(AriaRole.Button, new() { Name = "Xóa mục tiêu thêm nhầm: Mục tiêu gõ nhầm" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã xóa mục tiêu «Mục tiêu gõ nhầm»");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mục tiêu gõ nhầm" })).ToHaveCountAsync(0);
        // A target with progress recorded offers no deletion: it is the record of work done.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Xóa mục tiêu thêm nhầm: Tập huấn tổ công nghệ số cộng đồng" }))
            .ToHaveCountAsync(0);

        await page.GetByText("Sửa hoặc xóa kế hoạch").ClickAsync();
        var edit = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Lưu kế hoạch" }) });
        await edit.GetByLabel("Trích yếu")
            .FillAsync("Kế hoạch thực hiện Chương trình MTQG xây dựng nông thôn mới tỉnh Lào Cai (đã sửa trích yếu)");
        await session.ScreenshotAsync("ke-hoach-sua");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Lưu kế hoạch" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu kế hoạch số 239/KH-BCĐ.");
        await Expect(page.GetByText("(đã sửa trích yếu)").First).ToBeVisibleAsync();
        // Progress has been recorded on this plan: it cannot be deleted, and the page does not offer it.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Xóa kế hoạch lập nhầm" })).ToHaveCountAsync(0);
    }
}

using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>Post/Redirect/Get as a user meets it: a refused form comes back with the errors and what was typed; a saved one shows its message once.</summary>
public sealed class FormJourneyTests
{
    private static DateOnly Today => Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow);

    [Fact]
    public async Task A_plan_dated_tomorrow_is_refused_with_the_input_kept_and_once_saved_a_reload_does_not_create_it_twice()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync("/tinh/15/ke-hoach");

        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch" }) });
        await form.EvaluateAsync("f => f.noValidate = true"); // the date field says max=today; the server refuses on its own too
        await page.GetByLabel("Số, ký hiệu").FillAsync("31/KH-BCĐ");
        await page.GetByLabel("Ngày ban hành").FillAsync(Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Cơ quan ban hành").FillAsync("Ban Chỉ đạo các Chương trình MTQG tỉnh");
        await page.GetByLabel("Trích yếu").FillAsync("Kế hoạch rà soát tiêu chí năm 2027");
        await page.GetByLabel("Kỳ từ ngày").FillAsync("2027-01-01");
        await page.GetByLabel("đến ngày").FillAsync("2027-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert))
            .ToContainTextAsync(
                $"Ngày ban hành ({Today.AddDays(1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}) không được sau ngày hôm nay"
            );
        await Expect(page.GetByLabel("Số, ký hiệu")).ToHaveValueAsync("31/KH-BCĐ");
        await Expect(page.GetByLabel("Trích yếu")).ToHaveValueAsync("Kế hoạch rà soát tiêu chí năm 2027");
        await session.ScreenshotAsync("ke-hoach-loi-ngay-ban-hanh");

        await page.GetByLabel("Ngày ban hành").FillAsync(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập kế hoạch" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lập kế hoạch số 31/KH-BCĐ.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kế hoạch số 31/KH-BCĐ" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("ke-hoach-da-lap", fullPage: false);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await session.GoToAsync("/tinh/15/ke-hoach");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "31/KH-BCĐ" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task On_a_phone_a_commune_list_with_a_wrong_code_comes_back_whole_and_the_corrected_one_is_saved_once()
    {
        await using var session = await BrowserSession.StartAsync(390, 844);
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync("/tinh/15/danh-sach-xa");

        await page.GetByLabel("Tên danh sách").FillAsync("Xã biên giới ưu tiên");
        await page.GetByLabel("Mã các xã").FillAsync("02989, 99999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("mã \"99999\" không phải xã đang có hiệu lực của tỉnh 15");
        await Expect(page.GetByLabel("Tên danh sách")).ToHaveValueAsync("Xã biên giới ưu tiên");
        await Expect(page.GetByLabel("Mã các xã")).ToHaveValueAsync("02989, 99999");
        await page.GetByRole(AriaRole.Alert).ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("danh-sach-xa-loi-dien-thoai", fullPage: false);

        await page.GetByLabel("Mã các xã").FillAsync("02989, 02890");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu danh sách «Xã biên giới ưu tiên».");
        await session.ScreenshotAsync("danh-sach-xa-da-luu-dien-thoai", fullPage: false);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Xã biên giới ưu tiên" })).ToHaveCountAsync(1);

        // Corrected later on the same page: one commune more, then the list is deleted.
        await page.GetByText("Sửa hoặc xóa danh sách").Last.ClickAsync();
        await page.GetByLabel("Các xã của Xã biên giới ưu tiên").FillAsync("02989, 02890, 02680");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu thay đổi" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu danh sách «Xã biên giới ưu tiên».");
        await Expect(page.GetByText("3 xã:").Last).ToBeVisibleAsync();
        await page.GetByText("Sửa hoặc xóa danh sách").Last.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Xóa danh sách Xã biên giới ưu tiên" }).ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("danh-sach-xa-sua-dien-thoai", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Xóa danh sách Xã biên giới ưu tiên" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã xóa danh sách «Xã biên giới ưu tiên».");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Xã biên giới ưu tiên" })).ToHaveCountAsync(0);
    }
}

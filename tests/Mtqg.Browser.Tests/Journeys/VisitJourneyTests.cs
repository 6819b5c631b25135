using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class VisitJourneyTests
{
    private const string Text = "Đề nghị Sở Xây dựng hướng dẫn thiết kế mẫu nhà văn hóa thôn";

    [Fact]
    public async Task An_agency_records_a_visit_with_a_recommendation_the_department_answers_and_closes_it_and_it_leaves_the_open_list()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.giupdo");

        await session.NavigateAsync("Kế hoạch & hỗ trợ", "Đơn vị của tôi");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sở Tài chính", Exact = true })).ToBeVisibleAsync();
        await session.ScreenshotAsync("co-quan-so-tai-chinh");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi buổi làm việc" }).ClickAsync();
        await page.GetByLabel("Xã làm việc").SelectOptionAsync("02989");
        await page.GetByLabel("Thành phần tham dự (mỗi dòng một người)").FillAsync("Phó Giám đốc Sở Tài chính\nChủ tịch UBND xã Bảo Hà");
        await page.GetByLabel("Nội dung làm việc").FillAsync("Kiểm tra tiến độ tiêu chí văn hóa");
        await page.GetByLabel("Loại hỗ trợ 1").SelectOptionAsync("Vật tư");
        await page.GetByLabel("Nội dung hỗ trợ 1").FillAsync("Sách cho tủ sách thôn");
        await page.GetByLabel("Số lượng hỗ trợ 1").FillAsync("50");
        await page.GetByLabel("Đơn vị tính hỗ trợ 1").FillAsync("cuốn");
        await page.GetByLabel("Giá trị hỗ trợ 1 (đồng)").FillAsync("5000000");
        await page.GetByLabel("Nội dung kiến nghị 1").FillAsync(Text);
        await page.GetByLabel("Nơi xử lý kiến nghị 1").SelectOptionAsync("department");
        await page.GetByLabel("Sở xử lý kiến nghị 1").SelectOptionAsync("SXD");
        await page.GetByLabel("Hạn xử lý kiến nghị 1").FillAsync("2030-12-31");
        await session.ScreenshotAsync("buoi-lam-viec-moi");
        var api = await session.App.ClientAsAsync("demo.giupdo");
        async Task<int> VisitsAsync() =>
            (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/visits?commune=02989")).GetArrayLength();
        var before = await VisitsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu biên bản" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu biên bản buổi làm việc tại Xã Bảo Hà và 1 kiến nghị.");
        await page.ReloadAsync(); // a GET of the visit page, not the form posted again
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        Assert.Equal(before + 1, await VisitsAsync());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Buổi làm việc ngày" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = Text })).ToBeVisibleAsync();
        await Expect(page.GetByText("Sở Xây dựng · mới nêu")).ToBeVisibleAsync();
        await session.ScreenshotAsync("buoi-lam-viec");

        // The agency completes its record afterwards: findings added on the visit page.
        await page.GetByText("Sửa hoặc xóa biên bản").ClickAsync();
        await page.GetByLabel("Kết quả, nhận xét").FillAsync("Nhà văn hóa thôn đã khởi công (bổ sung sau buổi làm việc).");
        // ... and the support it forgot: the recorded row comes back filled (corrected here), an empty row follows for a new one.
        await Expect(page.GetByLabel("Nội dung hỗ trợ 1")).ToHaveValueAsync("Sách cho tủ sách thôn");
        await page.GetByLabel("Số lượng hỗ trợ 1").FillAsync("60");
        await page.GetByLabel("Giá trị hỗ trợ 1 (đồng)").FillAsync("6000000");
        await page.GetByLabel("Loại hỗ trợ 2").SelectOptionAsync("Tiền");
        await page.GetByLabel("Nội dung hỗ trợ 2").FillAsync("Hỗ trợ sửa nhà văn hóa thôn");
        await page.GetByLabel("Giá trị hỗ trợ 2 (đồng)").FillAsync("2000000");
        await session.ScreenshotAsync("buoi-lam-viec-sua");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu biên bản" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu biên bản buổi làm việc.");
        await Expect(page.GetByText("Nhà văn hóa thôn đã khởi công (bổ sung sau buổi làm việc).").First).ToBeVisibleAsync();
        var support = page.GetByRole(AriaRole.Heading, new() { Name = "Hỗ trợ đã trao" }).Locator("xpath=..").GetByRole(AriaRole.Table);
        await Expect(support.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sách cho tủ sách thôn" })).ToContainTextAsync("60 cuốn");
        await Expect(support.GetByRole(AriaRole.Row).Filter(new() { HasText = "Hỗ trợ sửa nhà văn hóa thôn" })).ToContainTextAsync("Tiền");
        await Expect(support.GetByRole(AriaRole.Row).Filter(new() { HasText = "Tổng giá trị" })).ToContainTextAsync("8.000.000");

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await session.SignInAsync("demo.thamdinh");
        await session.NavigateAsync("Kế hoạch & hỗ trợ", "Kiến nghị");
        var item = page.Locator("[data-recommendation]").Filter(new() { HasText = Text });
        await Expect(item).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-recommendation].mtqg-overdue").First).ToBeVisibleAsync(); // the demo's overdue one, in red
        await session.ScreenshotAsync("kien-nghi-dang-mo");

        await item.GetByPlaceholder("Nội dung trả lời").FillAsync("Sở sẽ gửi thiết kế mẫu trong tuần");
        await item.GetByRole(AriaRole.Button, new() { Name = "Trả lời" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi trả lời");
        item = page.Locator("[data-recommendation]").Filter(new() { HasText = Text });
        await Expect(item).ToContainTextAsync("đang xử lý");
        await item.GetByPlaceholder("Kết quả xử lý").FillAsync("Đã gửi thiết kế mẫu");
        await item.GetByRole(AriaRole.Button, new() { Name = "Đóng kiến nghị" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã đóng kiến nghị");
        await Expect(page.Locator("[data-recommendation]").Filter(new() { HasText = Text })).ToHaveCountAsync(0);

        await session.GoToAsync("/xa/02989?nam=2026&set=DEMO-MINH-HOA");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Buổi làm việc của đơn vị giúp đỡ xã" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Kiểm tra tiến độ tiêu chí văn hóa")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Buổi làm việc của đơn vị giúp đỡ xã" }).ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(
            new() { Path = System.IO.Path.Combine(AppContext.BaseDirectory, "screenshots", "xa-bao-ha-buoi-lam-viec.png") }
        );
    }

    [Fact]
    public async Task The_coordination_office_reads_the_plan_with_its_progress_bars_on_a_phone_and_on_a_desk()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");

        await session.NavigateAsync("Kế hoạch & hỗ trợ", "Kế hoạch");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kế hoạch của Tỉnh Lào Cai" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("ke-hoach-tinh");
        // The demo plan of the current year (239/KH-BCĐ in 2026): progress can be recorded today only within its period.
        await page.GetByRole(
                AriaRole.Link,
                new()
                {
                    Name = Mtqg.Web.Features.Plans.PlanDemoSeeder.PlanNumberOf(Mtqg.Domain.Common.VietnamTime.Today(DateTime.UtcNow).Year),
                }
            )
            .ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tập huấn tổ công nghệ số cộng đồng" })).ToBeVisibleAsync();
        await Expect(page.GetByText("đạt theo quyết định công nhận").First).ToBeVisibleAsync();
        await Expect(page.GetByText("7/12 lớp")).ToBeVisibleAsync();
        await session.ScreenshotAsync("ke-hoach-239");

        await page.GetByLabel("Số lượng (lớp)").FillAsync("2");
        await page.GetByLabel("Minh chứng").First.FillAsync("Biên bản lớp tháng 11");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi tiến độ" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã ghi tiến độ");
        await Expect(page.GetByText("9/12 lớp")).ToBeVisibleAsync();

        // The post answered with a redirect: reloading the page shows it again without recording the progress twice, and the message is gone.
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await Expect(page.GetByText("9/12 lớp")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await session.ScreenshotAsync("ke-hoach-239-dien-thoai");
        await session.GoToAsync("/tinh/15/phan-cong");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sở Tài chính" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("phan-cong");
        await session.GoToAsync("/tinh/15/danh-sach-xa");
        await session.ScreenshotAsync("danh-sach-xa");
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class CriteriaSetJourneyTests
{
    private const string Valid = """
        { "code": "LC-2026", "name": "Bộ tiêu chí xã NTM tỉnh Lào Cai (thử)", "validFrom": 2026, "validTo": 2030,
          "levels": [{"code": "NTM", "name": "Đạt chuẩn nông thôn mới", "rank": 1}],
          "groups": [{"code": "N3", "name": "Nhóm 3"}],
          "criteria": [{ "number": 1, "code": "TC01", "name": "Quy hoạch",
              "indicators": [{ "code": "1.1", "name": "Tỷ lệ thôn có quy hoạch", "type": "percent", "unit": "%", "rule": ">=",
                  "thresholds": [{"level": "NTM", "value": 80}, {"level": "NTM", "group": "N3", "value": null}] }] }] }
        """;

    [Fact]
    public async Task An_administrator_imports_a_set_sees_every_problem_first_then_the_published_catalogue()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;

        await session.GoToAsync("/bo-tieu-chi/nhap");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();

        await session.SignInAsync("demo.admin");
        await session.GoToAsync("/bo-tieu-chi");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập bộ tiêu chí (JSON)" }).ClickAsync();

        var broken = Valid.Replace("\"rule\": \">=\"", "\"rule\": \"achieved\"").Replace("\"group\": \"N3\"", "\"group\": \"N9\"");
        await page.GetByLabel("Nội dung JSON").FillAsync(broken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra và nhập" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("2 lỗi");
        await Expect(alert).ToContainTextAsync("\"achieved\" chỉ dùng cho chỉ tiêu kiểu boolean");
        await Expect(alert).ToContainTextAsync("nhóm/vùng \"N9\"");
        await session.ScreenshotAsync("nhap-bo-tieu-chi-loi");

        await page.GetByLabel("Nội dung JSON").FillAsync(Valid);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra và nhập" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bộ tiêu chí xã NTM tỉnh Lào Cai (thử)" })).ToBeVisibleAsync();
        await Expect(page.GetByText("≥ 80%")).ToBeVisibleAsync();
        await Expect(page.GetByText("chưa có ngưỡng chính thức")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_national_2021_set_marks_unknown_thresholds_and_unverified_names()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.GoToAsync("/bo-tieu-chi");
        await page.GetByRole(AriaRole.Link, new() { Name = "VN-NTM-XA-2021-2025" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tiêu chí 15. Y tế" })).ToBeVisibleAsync();
        Assert.True(await page.GetByText("chưa có ngưỡng chính thức").CountAsync() > 10);
        Assert.True(await page.GetByText("chưa đối chiếu văn bản").CountAsync() > 10);
        await Expect(page.GetByText("DBSH: ≤ 16,5%")).ToBeVisibleAsync();
    }
}

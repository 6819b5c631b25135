using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class AssignmentJourneyTests
{
    [Fact]
    public async Task The_coordination_office_corrects_an_assignment_on_a_phone_a_wrong_period_is_refused_in_place_and_the_correction_shows()
    {
        await using var session = await BrowserSession.StartAsync(390, 844);
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync("/tinh/15/phan-cong");
        var card = page.Locator(".mud-paper")
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Sở Khoa học và Công nghệ" }) });
        await card.GetByText("Sửa hoặc xóa phân công").ClickAsync();
        var leader = card.GetByLabel("Lãnh đạo phụ trách");
        await Expect(leader).ToHaveValueAsync("Giám đốc Sở Khoa học và Công nghệ (minh họa)");

        // A period that ends before it starts: refused with the field named, what was typed kept, nothing saved.
        await leader.FillAsync("Phó Giám đốc Sở Khoa học và Công nghệ");
        await card.GetByLabel("Đến ngày").FillAsync("2025-12-31");
        await card.GetByRole(AriaRole.Button, new() { Name = "Lưu phân công" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ngày kết thúc phải sau ngày bắt đầu.");
        card = page.Locator(".mud-paper")
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Sở Khoa học và Công nghệ" }) });
        await Expect(card.GetByLabel("Lãnh đạo phụ trách")).ToHaveValueAsync("Phó Giám đốc Sở Khoa học và Công nghệ");
        await session.ScreenshotAsync("phan-cong-sua-loi-dien-thoai");

        await card.GetByLabel("Đến ngày").FillAsync("2027-12-31");
        await card.GetByRole(AriaRole.Button, new() { Name = "Lưu phân công" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu phân công Sở Khoa học và Công nghệ");
        card = page.Locator(".mud-paper")
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Sở Khoa học và Công nghệ" }) });
        await Expect(card).ToContainTextAsync("Phó Giám đốc Sở Khoa học và Công nghệ · 01/01/2026–31/12/2027");
        await session.ScreenshotAsync("phan-cong-da-sua-dien-thoai");

        // Someone else saves the same assignment while the form is open: this save is refused, naming them; their change stays.
        card = page.Locator(".mud-paper").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Sở Tài chính" }) });
        await card.GetByText("Sửa hoặc xóa phân công").ClickAsync();
        await card.GetByLabel("Lãnh đạo phụ trách").FillAsync("Phó Giám đốc Sở Tài chính (văn phòng sửa)");
        var admin = await session.App.ClientAsAsync("demo.admin");
        var finance = (
            await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(
                admin,
                "/api/v1/assignments?province=15"
            )
        )
            .EnumerateArray()
            .Single(a => a.GetProperty("agencyName").GetString() == "Sở Tài chính");
        var changed = await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(
            admin,
            $"/api/v1/assignments/{finance.GetProperty("id").GetInt32()}",
            new
            {
                agency = "Sở Tài chính",
                communes = finance.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToArray(),
                from = finance.GetProperty("from").GetString(),
                to = finance.GetProperty("to").GetString(),
                leader = "Giám đốc Sở Tài chính (quản trị sửa)",
            }
        );
        Assert.True(changed.IsSuccessStatusCode);
        await card.GetByRole(AriaRole.Button, new() { Name = "Lưu phân công" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Phân công Sở Tài chính vừa được demo.admin lưu lúc");
        card = page.Locator(".mud-paper").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Sở Tài chính" }) });
        await Expect(card).ToContainTextAsync("Giám đốc Sở Tài chính (quản trị sửa) ·");
        await Expect(card.GetByLabel("Lãnh đạo phụ trách")).ToHaveValueAsync("Giám đốc Sở Tài chính (quản trị sửa)"); // the form shows what was saved meanwhile (decision 0011)
        await session.ScreenshotAsync("phan-cong-xung-dot-dien-thoai");
    }
}

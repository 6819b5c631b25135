using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

public sealed class UnitJourneyTests
{
    [Fact]
    public async Task A_newcomer_finds_Xa_Bao_Ha_from_the_national_page_and_sees_it_came_from_Xa_Tan_Thuong()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.GoToAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Đơn vị hành chính toàn quốc" })).ToBeVisibleAsync();
        // The styles really arrived (MudBlazor's and ours): the app bar is the programme's green.
        Assert.Equal(
            "rgb(27, 94, 32)",
            await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.mud-appbar')).backgroundColor")
        );

        await page.GetByRole(AriaRole.Link, new() { Name = "Tỉnh Lào Cai" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tỉnh Lào Cai" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Searchbox).FillAsync("bao ha");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Expect(page.GetByText("1 đơn vị khớp với \"bao ha\"")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Xã Bảo Hà" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Xã Bảo Hà", Exact = true })).ToBeVisibleAsync();
        var history = page.GetByRole(AriaRole.Table);
        var tanThuong = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Xã Tân Thượng" });
        await Expect(tanThuong).ToContainTextAsync("Huyện Văn Bàn");
        await Expect(tanThuong).ToContainTextAsync("Sáp nhập toàn bộ");
        await session.ScreenshotAsync("xa-bao-ha");

        // Following the old commune shows the other side of the lineage.
        await tanThuong.GetByRole(AriaRole.Link, new() { Name = "Xã Tân Thượng" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Xã Tân Thượng" })).ToBeVisibleAsync();
        await Expect(page.GetByText("không còn hiệu lực từ 01/07/2025")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Đơn vị kế thừa" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_province_list_is_readable_and_searchable()
    {
        await using var session = await BrowserSession.StartAsync(390, 844);
        var page = session.Page;
        await session.GoToAsync("/tinh/15");
        await page.GetByRole(AriaRole.Searchbox).FillAsync("Y TY");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Xã Y Tý" })).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page scrolls sideways on a phone ({width}px)");
        await session.ScreenshotAsync("tinh-lao-cai-dien-thoai");
    }
}

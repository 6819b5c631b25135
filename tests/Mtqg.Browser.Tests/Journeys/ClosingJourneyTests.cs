using Microsoft.Playwright;
using Mtqg.Domain.Common;
using Mtqg.Web.Tests.Reports;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>
/// Issue 16's journey: the coordination office closes this year's values, a commune officer's save is then refused with
/// the message naming who closed it, and the office puts the yearly report in its calendar, downloads it and opens it.
/// </summary>
public sealed class ClosingJourneyTests
{
    [Fact]
    public async Task The_office_closes_the_year_the_officers_save_is_refused_and_the_office_downloads_the_yearly_report()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        var year = VietnamTime.Today(DateTime.UtcNow).Year;

        await session.SignInAsync("demo.dieuphoi");
        await session.NavigateAsync("Quản trị", "Khóa sổ số liệu");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Khóa sổ số liệu năm {year}");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Số liệu tiêu chí" }).CheckAsync();
        await page.GetByLabel("Ghi chú (không bắt buộc)").FillAsync("Đã gửi báo cáo năm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Khóa sổ", Exact = true }).ClickAsync();
        await Expect(page.GetByText($"Đã khóa sổ năm {year}.")).ToBeVisibleAsync();
        var values = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Số liệu tiêu chí" });
        await Expect(values).ToContainTextAsync("Đã khóa sổ");
        await Expect(values).ToContainTextAsync("Đã gửi báo cáo năm");
        await session.ScreenshotAsync("khoa-so");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        // The commune officer's save: refused in place, naming the year, who closed it and when; the value stays.
        await session.SignInAsync("demo.xa");
        var scorecard = $"/xa/02989?nam={year}&set=DEMO-MINH-HOA";
        await session.GoToAsync(scorecard);
        var before = await page.GetByLabel("Giá trị chỉ tiêu 1.2").InputValueAsync();
        await page.GetByLabel("Giá trị chỉ tiêu 1.2").FillAsync("55");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu" }).ClickAsync();
        var refusal = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "đã khóa sổ lúc" });
        await Expect(refusal).ToContainTextAsync($"Số liệu tiêu chí năm {year} của Tỉnh Lào Cai đã khóa sổ lúc");
        await Expect(refusal).ToContainTextAsync("không ghi được");
        await session.ScreenshotAsync("khoa-so-xa-bi-tu-choi", fullPage: false);
        await session.GoToAsync(scorecard);
        Assert.Equal(before, await page.GetByLabel("Giá trị chỉ tiêu 1.2").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        // The office puts the yearly NTM report in its calendar and downloads it from there.
        await session.SignInAsync("demo.dieuphoi");
        await session.NavigateAsync("Quản trị", "Lịch báo cáo");
        await Expect(page.GetByText($"Chưa có báo cáo nào trong lịch năm {year}.")).ToBeVisibleAsync();
        await page.GetByLabel("Báo cáo", new() { Exact = true }).SelectOptionAsync("ntm-results");
        await page.GetByLabel("Hạn gửi").FillAsync($"{year}-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm vào lịch" }).ClickAsync();
        await Expect(page.GetByText("Đã thêm báo cáo vào lịch.")).ToBeVisibleAsync();
        await session.ScreenshotAsync("lich-bao-cao");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kết quả thực hiện Bộ tiêu chí" });
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "Excel" }).ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"mtqg-bao-cao-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        var rows = ReportFiles.Rows(await File.ReadAllBytesAsync(file));
        File.Delete(file);
        var text = rows.SelectMany(r => r.Values).ToList();
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
        Assert.Contains(text, t => t.Contains("BÁO CÁO KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("Bảo Hà", StringComparison.Ordinal));
    }
}

using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using Mtqg.Domain.Common;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>Issue 16 item 2: the coordination office finds the reports in the menu and downloads the NTM report of the year as Excel and Word.</summary>
public sealed class ReportJourneyTests
{
    [Fact]
    public async Task The_office_downloads_the_yearly_ntm_report_from_the_reports_page_and_opens_it()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        var year = VietnamTime.Today(DateTime.UtcNow).Year;
        await session.SignInAsync("demo.dieuphoi");
        await session.NavigateAsync("Số liệu", "Báo cáo");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Báo cáo định kỳ — Tỉnh Lào Cai" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("bao-cao");

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kết quả thực hiện Bộ tiêu chí xã nông thôn mới" });
        await row.GetByLabel("Năm").SelectOptionAsync(year.ToString());
        var download = await page.RunAndWaitForDownloadAsync(() =>
            row.GetByRole(AriaRole.Button, new() { Name = "Tải Excel" }).ClickAsync()
        );
        Assert.Equal($"bao-cao-ntm-results-15-{year}.xlsx", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"mtqg-bao-cao-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        using (var workbook = SpreadsheetDocument.Open(file, false))
        {
            var text = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText;
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text);
            Assert.Contains($"Năm {year}", text);
            Assert.Contains("V. Kết quả từng xã theo tiêu chí", text);
        }
        File.Delete(file);

        var half = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kết quả giúp đỡ xã của các cơ quan" });
        await half.GetByLabel("Kỳ").SelectOptionAsync(new SelectOptionValue { Label = "6 tháng đầu năm" });
        var word = await page.RunAndWaitForDownloadAsync(() => half.GetByRole(AriaRole.Button, new() { Name = "Tải Word" }).ClickAsync());
        Assert.Equal($"bao-cao-agencies-15-{year}-6thang1.docx", word.SuggestedFilename);
        session.AssertNoPolicyViolations();
    }
}

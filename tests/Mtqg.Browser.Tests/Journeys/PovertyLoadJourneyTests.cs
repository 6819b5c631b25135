using Microsoft.Playwright;
using MiniExcelLibs;
using Mtqg.Domain.Common;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>
/// Issue 15 items 2 and 5: the coordination office loads the province's review results from the workbook it downloaded,
/// then gives its plan a "reduce the poverty rate" target and reads where it stands.
/// </summary>
public sealed class PovertyLoadJourneyTests
{
    [Fact]
    public async Task The_office_loads_the_province_results_from_excel_and_adds_a_rate_reduction_target()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        var year = VietnamTime.Today(DateTime.UtcNow).Year;

        // The demo leaves Xã Bảo Hà's review of this year not entered: the office fills in its row and loads the file back.
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync($"/tinh/15/ngheo?nam={year}");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Tải Excel các xã" }).ClickAsync()
        );
        var workbook = Path.Combine(Path.GetTempPath(), $"mtqg-ra-soat-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(workbook);
        List<Dictionary<string, object?>> rows;
        using (var read = File.OpenRead(workbook))
            rows =
            [
                .. MiniExcel
                    .Query(read, useHeaderRow: false, sheetName: "Rà soát hộ nghèo", excelType: ExcelType.XLSX)
                    .Select(r => new Dictionary<string, object?>((IDictionary<string, object?>)r)),
            ];
        var baoHa = rows.Single(r => $"{r["A"]}" == "02989");
        Assert.Equal("Chưa nhập", $"{baoHa["C"]}");
        (baoHa["D"], baoHa["E"], baoHa["F"]) = (2400, 312, 150);
        File.Delete(workbook);
        using (var write = File.Create(workbook))
            MiniExcel.SaveAs(write, rows, printHeader: false, sheetName: "Rà soát hộ nghèo");
        await page.GetByLabel($"Tệp .xlsx năm {year}").SetInputFilesAsync(workbook);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Expect(page.GetByText($"Đã ghi kết quả rà soát hộ nghèo năm {year} của 1 xã (chờ phê duyệt)")).ToBeVisibleAsync();
        File.Delete(workbook);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Xã Bảo Hà" })).ToContainTextAsync("Đã nhập, chưa phê duyệt");
        await session.ScreenshotAsync("ngheo-tinh-nap-excel");

        // The plan of the province gets a target on the province's poverty rate, judged from the approved results.
        await session.GoToAsync("/ke-hoach/1");
        await page.Locator("select[name=kind]").SelectOptionAsync("rateReduction");
        await page.GetByLabel("Tên mục tiêu").FillAsync("Tỷ lệ hộ nghèo toàn tỉnh giảm 1,5 điểm %");
        await page.GetByLabel("Năm", new() { Exact = true }).FillAsync($"{year}");
        await page.GetByLabel("Năm gốc (giảm tỷ lệ hộ nghèo)").FillAsync($"{year - 2}");
        await page.GetByLabel("Số lượng mục tiêu (số điểm % giảm)").FillAsync("1.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm mục tiêu" }).ClickAsync();
        await Expect(page.GetByText("Đã thêm mục tiêu «Tỷ lệ hộ nghèo toàn tỉnh giảm 1,5 điểm %»")).ToBeVisibleAsync();
        var target = page.Locator(".mtqg-target").Filter(new() { HasText = "Tỷ lệ hộ nghèo toàn tỉnh giảm 1,5 điểm %" });
        await Expect(target).ToContainTextAsync("Giảm tỷ lệ hộ nghèo");
        await Expect(target).ToContainTextAsync("kết quả rà soát hộ nghèo đã phê duyệt");
        await Expect(target).ToContainTextAsync($"tỷ lệ đã phê duyệt năm {year - 2}:");
        await target.ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("ke-hoach-muc-tieu-giam-ngheo", fullPage: false);
    }
}

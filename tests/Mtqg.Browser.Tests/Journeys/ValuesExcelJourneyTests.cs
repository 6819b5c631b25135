using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;
using Mtqg.Web.Features.Scorecards.Excel;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>
/// The values workbook in two steps (decision 0028): the coordination office downloads the province's file, clears one
/// stored value, has the file checked — it sees what would change and nothing is written — then writes it.
/// </summary>
public sealed class ValuesExcelJourneyTests
{
    private const int Year = 2026;

    [Fact]
    public async Task The_office_checks_a_changed_workbook_sees_the_change_with_nothing_written_then_writes_it()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");
        await session.GoToAsync($"/tinh/15/nam/{Year}/excel");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp số liệu (.xlsx)" }).ClickAsync()
        );
        var workbook = Path.Combine(Path.GetTempPath(), $"mtqg-so-lieu-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(workbook);

        // The first commune with a stored value: that value is cleared ("xóa"), as the steps on the page say.
        List<Dictionary<string, object?>> rows;
        using (var read = File.OpenRead(workbook))
            rows =
            [
                .. MiniExcel
                    .Query(read, useHeaderRow: true, sheetName: ValuesWorkbook.ValuesSheet)
                    .Cast<IDictionary<string, object?>>()
                    .Select(r => new Dictionary<string, object?>(r)),
            ];
        var row = rows.First(r => r.Keys.Skip(3).Any(h => r[h] is not null));
        var commune = (string)row[ValuesWorkbook.CodeHeader]!;
        row[row.Keys.Skip(3).First(h => row[h] is not null)] = ValuesWorkbook.ClearWord;
        File.Delete(workbook);
        using (var write = File.Create(workbook))
            MiniExcel.SaveAs(write, rows, sheetName: ValuesWorkbook.ValuesSheet);
        var stored = await StoredAsync(session, commune);

        await page.GetByLabel("Tệp số liệu (.xlsx hoặc .csv)").SetInputFilesAsync(workbook);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra" }).ClickAsync();
        await Expect(page.GetByText("Không có lỗi. Nếu ghi:")).ToBeVisibleAsync();
        await Expect(page.GetByText("1 giá trị bị xóa")).ToBeVisibleAsync();
        // The cell that would change: the commune, the stored value and "(trống)" (empty) in the file, in the table a screen
        // reader names "Các ô thay đổi" (the communes' table beside it "Thay đổi theo xã").
        var cells = page.GetByRole(AriaRole.Table, new() { Name = "Các ô thay đổi", Exact = true });
        await Expect(cells.GetByRole(AriaRole.Row).Filter(new() { HasText = $"({commune})" })).ToContainTextAsync("(trống)");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Thay đổi theo xã", Exact = true })).ToContainTextAsync(commune);
        Assert.Equal(stored, await StoredAsync(session, commune)); // checked, not written
        await session.ScreenshotAsync("excel-so-lieu-xem-truoc");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi 1 thay đổi" }).ClickAsync();
        await Expect(page.GetByText($"Đã ghi số liệu từ tệp {Path.GetFileName(workbook)}")).ToBeVisibleAsync();
        Assert.Equal(stored - 1, await StoredAsync(session, commune));
        File.Delete(workbook);
        await session.ScreenshotAsync("excel-so-lieu-da-ghi");
    }

    private static async Task<int> StoredAsync(BrowserSession session, string commune)
    {
        using var scope = session.App.Services.CreateScope();
        var db = session.App.Db(scope);
        return await db.IndicatorValues.CountAsync(v => v.Year == Year && v.Unit.Code == commune && v.Unit.ValidTo == null);
    }
}

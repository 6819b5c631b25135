using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Mtqg.Browser.Tests.Journeys;

/// <summary>
/// Issue 13's journey: Lào Cai's coordination office copies the national 2026–2030 set, fills its thresholds in Excel, uploads
/// the workbook, publishes; a commune officer of the province then sees the province's set on the commune's scorecard.
/// </summary>
public sealed class ProvinceSetJourneyTests
{
    private const string Code = "LCI-NTM-XA-2026-2030";

    [Fact]
    public async Task A_coordination_office_details_the_national_set_in_excel_publishes_it_and_the_commune_scores_against_it()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.SignInAsync("demo.dieuphoi");

        await session.GoToAsync("/bo-tieu-chi");
        var copy = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Sao chép thành dự thảo" }) });
        await copy.GetByLabel("Bộ quốc gia").SelectOptionAsync("NTM-XA-2026-2030");
        await copy.GetByLabel("Mã bộ mới").FillAsync(Code);
        await copy.GetByRole(AriaRole.Button, new() { Name = "Sao chép thành dự thảo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ban hành" })).ToBeVisibleAsync();

        // The copy's thresholds are unknown, as the national text's: the office fills every one in the workbook.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải Excel" }).ClickAsync());
        var downloaded = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(downloaded);
        var filled = Path.Combine(Path.GetTempPath(), $"{Code}-{Guid.NewGuid():N}.xlsx");
        var rows = FillThresholds(downloaded, filled);
        Assert.True(rows > 0, "the workbook has threshold rows to fill");

        await page.Locator("form").Filter(new() { HasText = "Kiểm tra và thay dự thảo" }).GetByLabel("Tệp bộ tiêu chí (.xlsx)").SetInputFilesAsync(filled);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra và thay dự thảo" }).ClickAsync();
        await Expect(page.GetByText($"{rows} / {rows}")).ToBeVisibleAsync(); // every threshold row known
        await session.ScreenshotAsync("bo-tieu-chi-tinh-du-thao");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ban hành bộ tiêu chí" }).ClickAsync();
        await Expect(page.GetByText($"Đã ban hành bộ tiêu chí {Code}")).ToBeVisibleAsync();

        // A commune officer of the province: the scorecard uses the province's set without being asked.
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await session.SignInAsync("demo.xa");
        await session.GoToAsync("/xa/02989?nam=2026");
        await Expect(page.GetByText($"bộ tiêu chí {Code}")).ToBeVisibleAsync();
        await session.ScreenshotAsync("xa-bo-tieu-chi-tinh");
    }

    /// <summary>
    /// Writes <paramref name="target"/>: the downloaded workbook with every empty threshold value filled as an office would (a
    /// percentage 80, a count 1, "đạt" for a yes/no indicator), saved as rows with their header as a spreadsheet program does.
    /// Returns how many threshold rows the workbook has.
    /// </summary>
    private static int FillThresholds(string source, string target)
    {
        var sheets = new Dictionary<string, object>();
        List<Dictionary<string, object?>> Rows(string name) =>
            MiniExcel
                .Query(source, useHeaderRow: false, sheetName: name)
                .Cast<IDictionary<string, object?>>()
                .Select(r => new Dictionary<string, object?>(r))
                .ToList();
        foreach (var name in MiniExcel.GetSheetNames(source))
            sheets[name] = Rows(name);
        var types = ((List<Dictionary<string, object?>>)sheets["Chỉ tiêu"]).Skip(1).ToDictionary(r => (string)r["B"]!, r => (string?)r["D"]);
        var thresholds = ((List<Dictionary<string, object?>>)sheets["Ngưỡng"]).Skip(1).ToList();
        foreach (var row in thresholds.Where(r => r["E"] is null or ""))
            row["E"] = types[(string)row["A"]!] switch
            {
                "boolean" => "đạt",
                "percent" => 80,
                _ => 1,
            };
        MiniExcel.SaveAs(target, sheets, printHeader: false);
        return thresholds.Count;
    }
}

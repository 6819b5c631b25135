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
        await copy.GetByRole(AriaRole.Combobox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Bộ quốc gia") })
            .SelectOptionAsync("NTM-XA-2026-2030");
        await copy.GetByLabel("Mã bộ mới").FillAsync(Code);
        await copy.GetByRole(AriaRole.Button, new() { Name = "Sao chép thành dự thảo" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ban hành" })).ToBeVisibleAsync();

        // The national text's indicators and thresholds were not read: the office details its set in the workbook.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Tải Excel" }).ClickAsync()
        );
        var downloaded = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(downloaded);
        var filled = Path.Combine(Path.GetTempPath(), $"{Code}-{Guid.NewGuid():N}.xlsx");
        var rows = DetailSet(downloaded, filled);
        Assert.True(rows > 0, "the workbook has threshold rows to fill");

        await page.Locator("form")
            .Filter(new() { HasText = "Kiểm tra và thay dự thảo" })
            .GetByLabel("Tệp bộ tiêu chí (.xlsx)")
            .SetInputFilesAsync(filled);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra và thay dự thảo" }).ClickAsync();
        await Expect(page.GetByText($"{rows} / {rows}")).ToBeVisibleAsync(); // every threshold row known
        await session.ScreenshotAsync("bo-tieu-chi-tinh-du-thao");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ban hành bộ tiêu chí" }).ClickAsync();
        await Expect(page.GetByText($"Đã ban hành bộ tiêu chí {Code}")).ToBeVisibleAsync();

        // A commune officer of the province: the scorecard uses the province's set without being asked.
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await session.SignInAsync("demo.xa");
        await session.GoToAsync("/xa/02989?nam=2026");
        await Expect(page.GetByText("Mã 02989 ·")).ToContainTextAsync($"bộ tiêu chí {Code}");
        await Expect(page.GetByText("Tỷ lệ hoàn thành chỉ tiêu 1.1 của tỉnh")).ToBeVisibleAsync();
        await session.ScreenshotAsync("xa-bo-tieu-chi-tinh");
    }

    /// <summary>
    /// Writes <paramref name="target"/>: the downloaded workbook detailed as an office would. The national 2026–2030 text's
    /// indicators were not read, so its criteria come without any: each gets one indicator of the province (a percentage, at least
    /// 80% for NTM); an empty threshold value already there is filled (80 for a percentage, 1 for a count, "đạt" for a yes/no).
    /// Saved as rows with their header, as a spreadsheet program does. Returns how many threshold rows the workbook then has.
    /// </summary>
    private static int DetailSet(string source, string target)
    {
        static string? Text(object? cell) =>
            Convert.ToString(cell, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } t ? t : null;
        var sheets = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var name in MiniExcel.GetSheetNames(source))
            sheets[name] = MiniExcel
                .Query(source, useHeaderRow: false, sheetName: name)
                .Cast<IDictionary<string, object?>>()
                .Select(r => new Dictionary<string, object?>(r))
                .ToList();
        var indicators = sheets["Chỉ tiêu"];
        var thresholds = sheets["Ngưỡng"];
        foreach (var criterion in sheets["Tiêu chí"].Skip(1).Select(r => Text(r.GetValueOrDefault("A"))).OfType<string>())
        {
            if (indicators.Skip(1).Any(r => Text(r.GetValueOrDefault("A")) == criterion))
                continue;
            var code = $"{criterion}.1";
            indicators.Add(
                new()
                {
                    ["A"] = int.Parse(criterion, System.Globalization.CultureInfo.InvariantCulture),
                    ["B"] = code,
                    ["C"] = $"Tỷ lệ hoàn thành chỉ tiêu {code} của tỉnh",
                    ["D"] = "percent",
                    ["E"] = "%",
                    ["F"] = ">=",
                    ["G"] = "có",
                    ["H"] = null,
                    ["I"] = null, // Nguồn giá trị: typed by the commune
                }
            );
            thresholds.Add(
                new()
                {
                    ["A"] = code,
                    ["B"] = "NTM",
                    ["C"] = null,
                    ["D"] = null,
                    ["E"] = 80,
                    ["F"] = "Tỉnh Lào Cai quy định",
                }
            );
        }
        var types = indicators
            .Skip(1)
            .Where(r => Text(r.GetValueOrDefault("B")) is not null)
            .ToDictionary(r => Text(r["B"])!, r => Text(r.GetValueOrDefault("D")));
        var rows = thresholds.Skip(1).Where(r => Text(r.GetValueOrDefault("A")) is not null).ToList();
        foreach (var row in rows.Where(r => Text(r.GetValueOrDefault("E")) is null))
            row["E"] = types[Text(row["A"])!] switch
            {
                "boolean" => "đạt",
                "percent" => 80,
                _ => 1,
            };
        MiniExcel.SaveAs(target, sheets.ToDictionary(s => s.Key, s => (object)s.Value), printHeader: false);
        return rows.Count;
    }
}

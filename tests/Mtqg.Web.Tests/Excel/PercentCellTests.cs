using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Scorecards.Excel;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Excel;

/// <summary>A cell formatted as a percentage (shows 97 %, stores 0.97) is read as the percentage the user sees.</summary>
public sealed class PercentCellTests
{
    [Fact]
    public async Task A_workbook_saved_by_LibreOffice_with_percent_formatted_cells_is_read_as_the_percentages_shown()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var file = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Excel", "Files", "phan-tram-libreoffice.xlsx"));
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(ValuesWorkbook.ContentType);

        var response = await coordinator.PostAsync(
            "/api/v1/provinces/15/years/2026/workbook?set=DEMO-MINH-HOA",
            new MultipartFormDataContent { { content, "file", "phan-tram.xlsx" } }
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/communes/02989/years/2026/scorecard?set=DEMO-MINH-HOA");
        var values = card.GetProperty("criteria")
            .EnumerateArray()
            .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("value"));
        Assert.Equal(97m, values["1.2"].GetDecimal()); // 97 % in the cell
        Assert.Equal(85.5m, values["2.2"].GetDecimal()); // 85,50 %
        Assert.Equal(0.97m, values["2.1"].GetDecimal()); // a plain 0.97 keeps its meaning
        Assert.Equal(0.12m, values["3.1"].GetDecimal()); // not a percent indicator: the number stored
    }

    [Theory]
    [InlineData(9u, 97.0)] // Excel's built-in 0%
    [InlineData(10u, 97.0)] // 0.00%
    [InlineData(0u, 0.97)] // General: a plain number keeps its meaning
    public async Task A_cell_with_Excel_s_built_in_percent_format_is_read_as_the_percentage_shown(uint format, double expected)
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(
            stream,
            new[]
            {
                new Dictionary<string, object?> { ["Mã xã"] = "02989", ["1.2"] = 0.97 },
            },
            sheetName: ValuesWorkbook.ValuesSheet
        );
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var workbook = document.WorkbookPart!;
            var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
            var xfs = stylesheet.CellFormats!;
            xfs.Append(new DocumentFormat.OpenXml.Spreadsheet.CellFormat { NumberFormatId = format, ApplyNumberFormat = true });
            xfs.Count = (uint)xfs.ChildElements.Count;
            stylesheet.Save();
            var sheet = workbook.WorksheetParts.Single().Worksheet;
            sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference == "B2").StyleIndex = xfs.Count - 1;
            sheet.Save();
        }
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(ValuesWorkbook.ContentType);

        var response = await coordinator.PostAsync(
            "/api/v1/provinces/15/years/2026/workbook?set=DEMO-MINH-HOA",
            new MultipartFormDataContent { { content, "file", "excel.xlsx" } }
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/communes/02989/years/2026/scorecard?set=DEMO-MINH-HOA");
        Assert.Equal((decimal)expected, card.GetProperty("criteria")[0].GetProperty("indicators")[1].GetProperty("value").GetDecimal());
    }

    [Theory]
    [InlineData("0%", true)]
    [InlineData("0.00%", true)]
    [InlineData("#,##0.0\" %\";[Red]-0.0%", true)]
    [InlineData("0\\%", false)]
    [InlineData("0\" %\"", false)]
    [InlineData("General", false)]
    [InlineData("#,##0.0", false)]
    public void A_number_format_is_a_percentage_when_a_percent_sign_is_outside_quotes_and_escapes(string code, bool percent) =>
        Assert.Equal(percent, ValuesSheetReader.IsPercentFormat(code));
}

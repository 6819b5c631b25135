using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mtqg.Web.Features.Scorecards.Excel;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Excel;

/// <summary>The downloaded values workbook offers Đạt / Chưa đạt in a drop-down and shows rates as plain numbers (85,5), not as Excel percentages.</summary>
public sealed class WorkbookFormatsTests
{
    [Fact]
    public async Task The_values_workbook_has_a_drop_down_on_every_boolean_column_and_number_formats_on_the_number_columns()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var coordinator = await app.ClientAsAsync("demo.dieuphoi");
        var bytes = await coordinator.GetByteArrayAsync("/api/v1/provinces/15/years/2026/workbook?set=DEMO-MINH-HOA");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == ValuesWorkbook.ValuesSheet);
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var header = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().First();
        string Column(string code) =>
            ValuesWorkbook.ColumnLetter(
                header.Elements<Cell>().ToList().FindIndex(c => Text(workbook, c).StartsWith(code + " ", StringComparison.Ordinal))
            );

        // 89 communes: rows 2 to 90. In the demo set 1.1, 3.2, 5.2, 9.2 and 10.1 are đạt/không đạt.
        var validation = Assert.Single(worksheet.Descendants<DataValidation>());
        Assert.Equal(DataValidationValues.List, validation.Type!.Value);
        Assert.Equal("\"Đạt,Chưa đạt\"", validation.Formula1!.Text);
        Assert.Equal(
            new[] { "1.1", "3.2", "5.2", "9.2", "10.1" }.Select(c => $"{Column(c)}2:{Column(c)}90").Order(),
            validation.SequenceOfReferences!.Items.Select(r => r.Value!).Order()
        );

        var styles = workbook.WorkbookStylesPart!.Stylesheet;
        string FormatOf(string reference)
        {
            var cell = worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
            var xf = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
            return styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == xf.NumberFormatId!).FormatCode!;
        }
        Assert.Equal("0.0###", FormatOf($"{Column("1.2")}2")); // a rate: 85,5 — no % sign, no ×100
        Assert.Equal("0.0###", FormatOf($"{Column("3.1")}2"));
        Assert.DoesNotContain('%', FormatOf($"{Column("1.2")}2"));

        // And the app reads its own formatted workbook back: nothing differs from what is stored.
        var report = await (
            await coordinator.PostAsync(
                "/api/v1/provinces/15/years/2026/workbook?set=DEMO-MINH-HOA&preview=true",
                new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "so-lieu.xlsx" } }
            )
        ).Content.ReadAsStringAsync();
        Assert.Contains("\"valuesChanged\":0,\"valuesCleared\":0", report);
    }

    private static string Text(WorkbookPart workbook, Cell cell) =>
        cell.DataType?.Value == CellValues.SharedString
            ? workbook.SharedStringTablePart!.SharedStringTable.ElementAt(int.Parse(cell.CellValue!.Text)).InnerText
            : cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
}

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Mtqg.Web.Tests.Reports;

/// <summary>A downloaded report read back with the Open XML SDK: the sheet's rows as text, the document's paragraphs and table rows.</summary>
public static class ReportFiles
{
    /// <summary>Each row of the first sheet: column index → the cell's text (numbers in invariant form).</summary>
    public static List<Dictionary<int, string>> Rows(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var part = document.WorkbookPart!.WorksheetParts.Single();
        return
        [
            .. part
                .Worksheet.Descendants<Row>()
                .Select(row =>
                    row.Elements<Cell>()
                        .ToDictionary(c => Column(c.CellReference!.Value!), c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "")
                ),
        ];
    }

    /// <summary>The sheet row whose cell in <paramref name="column"/> is <paramref name="text"/> (the first one after a row containing <paramref name="after"/>).</summary>
    public static Dictionary<int, string> Row(List<Dictionary<int, string>> rows, int column, string text, string? after = null)
    {
        var from = after is null ? 0 : rows.FindIndex(r => r.Values.Any(v => v.StartsWith(after, StringComparison.Ordinal)));
        Assert.True(from >= 0, $"no row \"{after}\"");
        return rows.Skip(from).First(r => r.GetValueOrDefault(column) == text);
    }

    public static XlsxInfo Info(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var setup = sheet.Elements<PageSetup>().Single();
        var font = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().First().FontName!.Val!.Value!;
        var titles = document
            .WorkbookPart.Workbook.DefinedNames?.Elements<DefinedName>()
            .FirstOrDefault(d => d.Name == "_xlnm.Print_Titles");
        return new XlsxInfo(
            setup.PaperSize?.Value ?? 0,
            setup.Orientation?.InnerText ?? "",
            setup.FitToWidth?.Value ?? 0,
            font,
            titles?.Text
        );
    }

    public sealed record XlsxInfo(uint PaperSize, string Orientation, uint FitToWidth, string Font, string? PrintTitles);

    /// <summary>The document's paragraphs outside tables and every table row's cell texts, in order.</summary>
    public static (List<string> Text, List<List<string>> TableRows, W.PageSize Page) Docx(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var text = body.Descendants<W.Paragraph>().Select(p => p.InnerText).ToList();
        var rows = body.Descendants<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(c => c.InnerText).ToList()).ToList();
        return (text, rows, (W.PageSize)body.Descendants<W.PageSize>().Single().CloneNode(true));
    }

    /// <summary>The Open XML SDK's schema check of a package: what Excel or Word would refuse to open ("" when none).</summary>
    public static string SchemaErrors(byte[] file, bool docx)
    {
        using var stream = new MemoryStream(file);
        using OpenXmlPackage package = docx ? WordprocessingDocument.Open(stream, false) : SpreadsheetDocument.Open(stream, false);
        return string.Join(
            "\n",
            new OpenXmlValidator(FileFormatVersions.Office2019).Validate(package).Select(e => $"{e.Path?.XPath}: {e.Description}")
        );
    }

    private static int Column(string reference)
    {
        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
            n = n * 26 + (ch - 'A' + 1);
        return n - 1;
    }
}

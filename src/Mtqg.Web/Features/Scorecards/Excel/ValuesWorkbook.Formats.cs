using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>
/// What MiniExcel does not write, added to the built values sheet with the Open XML SDK: a drop-down (list data
/// validation) of <see cref="ValuesWorkbook.Met"/> / <see cref="ValuesWorkbook.NotMet"/> on every đạt/không đạt column, and
/// number formats on the number columns — a percent indicator is a plain number 0–100 shown "85,5" (not Excel's % format,
/// which would store 0.855); other numbers the same way, without thousands grouping (a sheet saved as CSV would write
/// "1.234", which reads as a decimal).
/// </summary>
public static partial class ValuesWorkbook
{
    /// <summary>Number formats added to the styles part (custom ids start at 164).</summary>
    public const string PercentFormat = "0.0###",
        NumberFormat = "0.0###";

    private static void AddFormats(Stream package, IReadOnlyList<EvaluationIndicator> indicators, int communes)
    {
        using var document = SpreadsheetDocument.Open(package, isEditable: true);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == ValuesSheet);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var (percentStyle, numberStyle) = Styles(workbook);

        // Column letter → style for the number columns; the list validation for the boolean ones.
        var styles = new Dictionary<string, uint>(StringComparer.Ordinal);
        var columnStyles = new Dictionary<uint, uint>();
        var booleans = new List<string>();
        for (var i = 0; i < indicators.Count; i++)
        {
            var letter = ColumnLetter(i + 3);
            switch (indicators[i].Type)
            {
                case IndicatorType.Boolean:
                    booleans.Add(letter);
                    break;
                case IndicatorType.Percent:
                    styles[letter] = percentStyle;
                    columnStyles[(uint)(i + 4)] = percentStyle;
                    break;
                default:
                    styles[letter] = numberStyle;
                    columnStyles[(uint)(i + 4)] = numberStyle;
                    break;
            }
        }
        var worksheet = part.Worksheet;
        // The column's style is what a value typed later into an empty cell takes.
        foreach (var column in worksheet.GetFirstChild<Columns>()?.Elements<Column>() ?? [])
            if (column.Min?.Value == column.Max?.Value && column.Min?.Value is { } index && columnStyles.TryGetValue(index, out var style))
                (column.Style, column.CustomWidth) = (style, column.CustomWidth ?? true);
        foreach (var row in worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Skip(1))
        foreach (var cell in row.Elements<Cell>())
            if (cell.CellReference?.Value is { } reference && styles.TryGetValue(Letters(reference), out var style))
                cell.StyleIndex = style;

        if (booleans.Count > 0)
        {
            var last = Math.Max(communes, 1) + 1;
            var validation = new DataValidation
            {
                Type = DataValidationValues.List,
                AllowBlank = true,
                ShowDropDown = false, // (sic) false shows the in-cell arrow
                ShowErrorMessage = true,
                // A warning, not a stop: the clear word is accepted too (and TRUE/FALSE, 1/0, x).
                ErrorStyle = DataValidationErrorStyleValues.Warning,
                ErrorTitle = "Đạt hoặc Chưa đạt",
                Error = $"Chọn {Met} hoặc {NotMet} trong danh sách (ghi \"{ClearWord}\" để xóa giá trị đang lưu).",
                ShowInputMessage = true,
                PromptTitle = "Chỉ tiêu đạt/không đạt",
                Prompt = $"Chọn {Met} hoặc {NotMet}; để trống: giữ nguyên.",
                SequenceOfReferences = new ListValue<StringValue>(booleans.Select(l => new StringValue($"{l}2:{l}{last}"))),
                Formula1 = new Formula1($"\"{Met},{NotMet}\""),
            };
            var validations = new DataValidations(validation) { Count = 1 };
            var before = worksheet.ChildElements.FirstOrDefault(e => AfterValidations.Contains(e.GetType()));
            if (before is null)
                worksheet.Append(validations);
            else
                worksheet.InsertBefore(validations, before);
        }
        worksheet.Save();
    }

    /// <summary>The worksheet children that come after dataValidations in the schema's order.</summary>
    private static readonly HashSet<Type> AfterValidations =
    [
        typeof(Hyperlinks),
        typeof(PrintOptions),
        typeof(PageMargins),
        typeof(PageSetup),
        typeof(HeaderFooter),
        typeof(RowBreaks),
        typeof(ColumnBreaks),
        typeof(CustomProperties),
        typeof(CellWatches),
        typeof(IgnoredErrors),
        typeof(Drawing),
        typeof(LegacyDrawing),
        typeof(LegacyDrawingHeaderFooter),
        typeof(DrawingHeaderFooter),
        typeof(Picture),
        typeof(OleObjects),
        typeof(Controls),
        typeof(WebPublishItems),
        typeof(TableParts),
        typeof(WorksheetExtensionList),
    ];

    /// <summary>Adds the two number formats and a cell format for each (a copy of the default one); returns their indexes.</summary>
    private static (uint Percent, uint Number) Styles(WorkbookPart workbook)
    {
        var stylesheet = (workbook.WorkbookStylesPart ?? workbook.AddNewPart<WorkbookStylesPart>()).Stylesheet ??= new Stylesheet();
        var formats = stylesheet.NumberingFormats;
        if (formats is null)
        {
            formats = new NumberingFormats();
            // numFmts is the stylesheet's first child.
            stylesheet.InsertAt(formats, 0);
        }
        var next = Math.Max(
            164,
            formats.Elements<NumberingFormat>().Select(f => (int)(f.NumberFormatId?.Value ?? 0) + 1).DefaultIfEmpty(164).Max()
        );
        uint Format(string code)
        {
            var id = (uint)next++;
            formats.Append(new NumberingFormat { NumberFormatId = id, FormatCode = code });
            return id;
        }
        var (percentFormat, numberFormat) = (Format(PercentFormat), Format(NumberFormat));
        formats.Count = (uint)formats.ChildElements.Count;
        var xfs = stylesheet.CellFormats ??= new CellFormats(new CellFormat());
        var template = xfs.Elements<CellFormat>().FirstOrDefault();
        uint Xf(uint format)
        {
            var xf = template is null ? new CellFormat() : (CellFormat)template.CloneNode(true);
            (xf.NumberFormatId, xf.ApplyNumberFormat) = (format, true);
            xfs.Append(xf);
            return (uint)xfs.ChildElements.Count - 1;
        }
        var styles = (Xf(percentFormat), Xf(numberFormat));
        xfs.Count = (uint)xfs.ChildElements.Count;
        stylesheet.Save();
        return styles;
    }

    private static string Letters(string reference) => reference[..reference.AsSpan().IndexOfAnyInRange('0', '9')];
}

using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Reports;

/// <summary>
/// Any <see cref="Report"/> as one .xlsx sheet (Open XML SDK): the header in merged rows, each table bordered with its
/// heading row repeated on every printed page (the largest table's), A4 (paper size 9) fitted to the page width, turned
/// sideways for a wide report, Times New Roman throughout. Table cells are typed: text is written as text, with
/// formula-looking text (what people typed: names, recommendations) made inert by the rule of every export
/// (<see cref="ExportCells"/>); the report's own wording (the "- Lưu: VT." of the signature block) is left as written.
/// </summary>
public static class ReportXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "Báo cáo";

    private enum Style : uint
    {
        Plain,
        BoldCenter,
        Center,
        ItalicCenter,
        Title,
        Heading,
        Text,
        Integer,
        Percent,
        TotalText,
        TotalInteger,
        TotalPercent,
        BoldLeft,
        ItalicRight,
        Wrap,
    }

    public static byte[] Render(Report report)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var sheet = new Sheet(report);
            sheetPart.Worksheet = sheet.Build();
            workbook.Workbook.AppendChild(
                new Sheets(
                    new DocumentFormat.OpenXml.Spreadsheet.Sheet
                    {
                        Id = workbook.GetIdOfPart(sheetPart),
                        SheetId = 1,
                        Name = SheetName,
                    }
                )
            );
            if (sheet.RepeatRow is uint row)
                workbook.Workbook.AppendChild(
                    new DefinedNames(new DefinedName($"'{SheetName}'!${row}:${row}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 })
                );
        }
        return stream.ToArray();
    }

    /// <summary>The rows of the one sheet, written top to bottom.</summary>
    private sealed class Sheet(Report report)
    {
        private readonly SheetData data = new();
        private readonly MergeCells merges = new();
        private readonly int width = Math.Max(6, report.Tables.Max(t => (int?)t.Columns.Count) ?? 0);
        private uint row;

        public uint? RepeatRow { get; private set; }

        public Worksheet Build()
        {
            var h = report.Header;
            var half = width / 2;
            Line([(0, half, h.ParentBody, Style.Center), (half, width, ReportHeader.Nation, Style.BoldCenter)]);
            Line([(0, half, h.Body, Style.BoldCenter), (half, width, ReportHeader.Motto, Style.BoldCenter)]);
            Line([(0, half, h.Number, Style.Center), (half, width, h.PlaceAndDate, Style.ItalicCenter)]);
            row++;
            Line([(0, width, h.Title, Style.Title)]);
            Line([(0, width, h.Period, Style.BoldCenter)]);
            Line([(0, width, h.Form, Style.ItalicCenter)]);
            Line([(0, width, h.Closing, Style.ItalicCenter)]);
            Line([(0, width, $"Đơn vị tính: {h.Unit}", Style.ItalicRight)]);
            var largest = report.Tables.OrderByDescending(t => t.Rows.Count).FirstOrDefault();
            foreach (var table in report.Tables)
            {
                row++;
                Line([(0, width, table.Title, Style.BoldLeft)]);
                if (table.Unit is { } unit)
                    Line([(0, width, $"Đơn vị tính: {unit}", Style.ItalicRight)]);
                var heading = Row();
                if (table == largest)
                    RepeatRow = row;
                for (var i = 0; i < table.Columns.Count; i++)
                    heading.Append(TextCell(i, table.Columns[i].Header, Style.Heading));
                foreach (var line in table.Rows)
                {
                    var r = Row();
                    for (var i = 0; i < line.Cells.Count; i++)
                        r.Append(Cell(i, line.Cells[i], line.Total));
                }
            }
            if (report.Notes.Count > 0)
            {
                row++;
                Line([(0, width, "Ghi chú:", Style.BoldLeft)]);
                foreach (var note in report.Notes)
                    Line([(0, width, note, Style.Wrap)]);
            }
            row++;
            var third = width / 3;
            Line([
                (0, third, Report.RecipientsTitle, Style.BoldLeft),
                (third, 2 * third, Report.Preparer, Style.BoldCenter),
                (2 * third, width, Report.Head, Style.BoldCenter),
            ]);
            for (var i = 0; i < Report.Recipients.Count; i++)
                Line([
                    (0, third, Report.Recipients[i], Style.Plain),
                    (third, 2 * third, i == 0 ? Report.PreparerNote : null, Style.ItalicCenter),
                    (2 * third, width, i == 0 ? Report.HeadNote : null, Style.ItalicCenter),
                ]);

            var sheet = new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetViews(new SheetView { WorkbookViewId = 0, ShowGridLines = false }),
                new SheetFormatProperties { DefaultRowHeight = 16.5 },
                Columns(),
                data
            );
            if (merges.HasChildren)
                sheet.Append(merges);
            sheet.Append(
                new PrintOptions { HorizontalCentered = true },
                // Nghị định 30/2020 Phụ lục I: lề trên, dưới 2 cm; trái 3 cm; phải 1,5 cm (in inches here).
                new PageMargins
                {
                    Top = 0.79,
                    Bottom = 0.79,
                    Left = 1.18,
                    Right = 0.59,
                    Header = 0.3,
                    Footer = 0.3,
                },
                new PageSetup
                {
                    PaperSize = 9,
                    Orientation = report.Wide ? OrientationValues.Landscape : OrientationValues.Portrait,
                    FitToWidth = 1,
                    FitToHeight = 0,
                }
            );
            return sheet;
        }

        private double ColumnWidth(int i) =>
            Math.Max(8, report.Tables.Select(t => i < t.Columns.Count ? t.Columns[i].Width : 0).DefaultIfEmpty(0).Max());

        private Columns Columns()
        {
            var columns = new Columns();
            for (var i = 0; i < width; i++)
            {
                columns.Append(
                    new Column
                    {
                        Min = (uint)i + 1,
                        Max = (uint)i + 1,
                        Width = ColumnWidth(i),
                        CustomWidth = true,
                    }
                );
            }
            return columns;
        }

        private Row Row()
        {
            row++;
            var r = new Row { RowIndex = row };
            data.Append(r);
            return r;
        }

        /// <summary>One line of text blocks, each merged over its columns [from, to).</summary>
        private void Line(IEnumerable<(int From, int To, string? Text, Style Style)> blocks)
        {
            var r = Row();
            foreach (var (from, to, text, style) in blocks)
            {
                // Excel does not grow a merged row to its wrapped text: the height is set from the length.
                if (style is Style.Wrap or Style.Title && text is { Length: > 0 })
                {
                    var perLine = Math.Max(20, Enumerable.Range(from, to - from).Sum(ColumnWidth) * (style == Style.Title ? 0.85 : 1.1));
                    var lines = Math.Ceiling(text.Length / perLine);
                    if (lines > 1)
                        (r.Height, r.CustomHeight) = (lines * (style == Style.Title ? 19.5 : 16.5), true);
                }
                r.Append(TextCell(from, text, style));
                if (to - from > 1)
                    merges.Append(new MergeCell { Reference = $"{Reference(from, row)}:{Reference(to - 1, row)}" });
            }
        }

        private Cell Cell(int column, ReportCell cell, bool total) =>
            cell switch
            {
                { IsNumber: true, Number: { } n } => new Cell
                {
                    CellReference = Reference(column, row),
                    StyleIndex = (uint)(
                        cell.Kind == CellKind.Integer
                            ? total
                                ? Style.TotalInteger
                                : Style.Integer
                            : total
                                ? Style.TotalPercent
                                : Style.Percent
                    ),
                    CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)),
                    DataType = CellValues.Number,
                },
                _ => TextCell(column, (string?)ExportCells.Neutralize(cell.Text), total ? Style.TotalText : Style.Text),
            };

        private Cell TextCell(int column, string? text, Style style)
        {
            var cell = new Cell { CellReference = Reference(column, row), StyleIndex = (uint)style };
            if (!string.IsNullOrEmpty(text))
            {
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
            }
            return cell;
        }
    }

    private static string Reference(int column, uint row)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
            name = (char)('A' + (c - 1) % 26) + name;
        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    private static Stylesheet Styles()
    {
        static Font Font(double size, bool bold = false, bool italic = false)
        {
            var font = new Font();
            if (bold)
                font.Append(new Bold());
            if (italic)
                font.Append(new Italic());
            font.Append(new FontSize { Val = size }, new FontName { Val = "Times New Roman" }, new FontFamilyNumbering { Val = 1 });
            return font;
        }
        static CellFormat Format(
            uint font,
            HorizontalAlignmentValues align,
            bool border = false,
            uint numberFormat = 0,
            bool wrap = true
        ) =>
            new(
                new Alignment
                {
                    Horizontal = align,
                    Vertical = VerticalAlignmentValues.Center,
                    WrapText = wrap,
                }
            )
            {
                FontId = font,
                BorderId = border ? 1u : 0u,
                NumberFormatId = numberFormat,
                FillId = 0,
                ApplyFont = true,
                ApplyAlignment = true,
                ApplyBorder = border,
                ApplyNumberFormat = numberFormat != 0,
            };
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin },
            new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin },
            new BottomBorder { Style = BorderStyleValues.Thin },
            new DiagonalBorder()
        );
        const uint regular = 0,
            bold = 1,
            italic = 2,
            title = 3;
        // Built-in number formats 3 (#,##0) and 4 (#,##0.00): shown with the reader's own separators.
        return new Stylesheet(
            new Fonts(Font(12), Font(12, bold: true), Font(12, italic: true), Font(14, bold: true)),
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 })
            ),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin),
            new CellFormats(
                Format(regular, HorizontalAlignmentValues.Left, wrap: false), // Plain
                Format(bold, HorizontalAlignmentValues.Center), // BoldCenter
                Format(regular, HorizontalAlignmentValues.Center), // Center
                Format(italic, HorizontalAlignmentValues.Center), // ItalicCenter
                Format(title, HorizontalAlignmentValues.Center), // Title
                Format(bold, HorizontalAlignmentValues.Center, border: true), // Heading
                Format(regular, HorizontalAlignmentValues.Left, border: true), // Text
                Format(regular, HorizontalAlignmentValues.Right, border: true, numberFormat: 3), // Integer
                Format(regular, HorizontalAlignmentValues.Right, border: true, numberFormat: 4), // Percent
                Format(bold, HorizontalAlignmentValues.Left, border: true), // TotalText
                Format(bold, HorizontalAlignmentValues.Right, border: true, numberFormat: 3), // TotalInteger
                Format(bold, HorizontalAlignmentValues.Right, border: true, numberFormat: 4), // TotalPercent
                Format(bold, HorizontalAlignmentValues.Left, wrap: false), // BoldLeft
                Format(italic, HorizontalAlignmentValues.Right, wrap: false), // ItalicRight
                Format(regular, HorizontalAlignmentValues.Left) // Wrap
            )
        );
    }
}

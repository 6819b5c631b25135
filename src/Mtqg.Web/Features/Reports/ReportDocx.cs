using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Mtqg.Web.Features.Reports;

/// <summary>
/// Any <see cref="Report"/> as a .docx (Open XML SDK), laid out as an administrative document (Nghị định 30/2020/NĐ-CP,
/// Phụ lục I): the reporting body and number on the left, the national name and motto with place and date on the right,
/// the title, period and unit, the tables (their heading row repeated on each page), notes and the signature block. A4
/// (11906 × 16838 twips), margins 2 / 2 / 3 / 1,5 cm, sideways for a wide report; Times New Roman.
/// </summary>
public static class ReportDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const int A4Short = 11906,
        A4Long = 16838,
        MarginTop = 1134,
        MarginBottom = 1134,
        MarginLeft = 1701,
        MarginRight = 851;

    public static byte[] Render(Report report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();
            var h = report.Header;
            var usable = (report.Wide ? A4Long : A4Short) - MarginLeft - MarginRight;
            body.Append(
                Grid(
                    [usable * 2 / 5, usable - usable * 2 / 5],
                    [
                        [
                            [Para(h.ParentBody, center: true), Para(h.Body, bold: true, center: true), Para(h.Number, center: true)],
                            [
                                Para(ReportHeader.Nation, bold: true, center: true),
                                Para(ReportHeader.Motto, bold: true, center: true),
                                Para(h.PlaceAndDate, italic: true, center: true),
                            ],
                        ],
                    ],
                    borders: false
                ),
                Para(h.Title, bold: true, center: true, size: 28, before: 360),
                Para(h.Period, bold: true, center: true),
                Para(h.Form, italic: true, center: true),
                Para(h.Closing, italic: true, center: true),
                Para($"Đơn vị tính: {h.Unit}", italic: true, right: true)
            );
            var size = report.Wide ? 22 : 24;
            foreach (var table in report.Tables)
            {
                body.Append(Para(table.Title, bold: true, before: 240));
                if (table.Unit is { } unit)
                    body.Append(Para($"Đơn vị tính: {unit}", italic: true, right: true));
                var total = table.Columns.Sum(c => c.Width);
                var widths = table.Columns.Select(c => (int)(usable * c.Width / total)).ToArray();
                var heading = table.Columns.Select(c => new[] { Para(c.Header, bold: true, center: true, size: size) }).ToArray();
                var rows = table.Rows.Select(r =>
                    r.Cells.Select(c => new[] { Para(c.Display, bold: r.Total, right: c.IsNumber, size: size) }).ToArray()
                );
                body.Append(Grid(widths, [heading, .. rows], borders: true, headingRow: true));
            }
            if (report.Notes.Count > 0)
            {
                body.Append(Para("Ghi chú:", bold: true, before: 240));
                foreach (var note in report.Notes)
                    body.Append(Para(note, justify: true));
            }
            body.Append(Para(null));
            var third = usable / 3;
            body.Append(
                Grid(
                    [third, third, usable - 2 * third],
                    [
                        [
                            [
                                Para(Report.RecipientsTitle, bold: true, italic: true, size: 24),
                                .. Report.Recipients.Select(r => Para(r, size: 22)),
                            ],
                            [Para(Report.Preparer, bold: true, center: true), Para(Report.PreparerNote, italic: true, center: true)],
                            [Para(Report.Head, bold: true, center: true), Para(Report.HeadNote, italic: true, center: true)],
                        ],
                    ],
                    borders: false
                )
            );
            body.Append(
                new SectionProperties(
                    report.Wide
                        ? new PageSize
                        {
                            Width = A4Long,
                            Height = A4Short,
                            Orient = PageOrientationValues.Landscape,
                        }
                        : new PageSize { Width = A4Short, Height = A4Long },
                    new PageMargin
                    {
                        Top = MarginTop,
                        Bottom = MarginBottom,
                        Left = MarginLeft,
                        Right = MarginRight,
                        Header = 720,
                        Footer = 720,
                        Gutter = 0,
                    }
                )
            );
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static Paragraph Para(
        string? text,
        bool bold = false,
        bool italic = false,
        bool center = false,
        bool right = false,
        bool justify = false,
        int? size = null,
        int before = 0
    )
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { Before = before.ToString(), After = "0" });
        if (center || right || justify)
            properties.Append(
                new Justification
                {
                    Val =
                        center ? JustificationValues.Center
                        : right ? JustificationValues.Right
                        : JustificationValues.Both,
                }
            );
        var paragraph = new Paragraph(properties);
        if (string.IsNullOrEmpty(text))
            return paragraph;
        var run = new RunProperties();
        if (bold)
            run.Append(new Bold());
        if (italic)
            run.Append(new Italic());
        if (size is { } s)
            run.Append(new FontSize { Val = s.ToString() });
        paragraph.Append(new Run(run, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    /// <summary>A table of fixed column widths (twips); each cell holds paragraphs. The first row repeats on each page when <paramref name="headingRow"/>.</summary>
    private static Table Grid(int[] widths, IEnumerable<Paragraph[][]> rows, bool borders, bool headingRow = false)
    {
        var lines = borders ? BorderValues.Single : BorderValues.None;
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = widths.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = lines, Size = 4 },
                    new LeftBorder { Val = lines, Size = 4 },
                    new BottomBorder { Val = lines, Size = 4 },
                    new RightBorder { Val = lines, Size = 4 },
                    new InsideHorizontalBorder { Val = lines, Size = 4 },
                    new InsideVerticalBorder { Val = lines, Size = 4 }
                ),
                new TableLayout { Type = TableLayoutValues.Fixed }
            ),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() }))
        );
        var first = true;
        foreach (var cells in rows)
        {
            var row = new TableRow();
            if (first && headingRow)
                row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
            first = false;
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = new TableCell(
                    new TableCellProperties(
                        new TableCellWidth { Width = widths[i].ToString(), Type = TableWidthUnitValues.Dxa },
                        new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }
                    )
                );
                cell.Append(i < cells.Length && cells[i].Length > 0 ? cells[i] : [new Paragraph()]);
                row.Append(cell);
            }
            table.Append(row);
        }
        return table;
    }

    private static Styles Styles() =>
        new(
            new DocDefaults(
                new RunPropertiesDefault(
                    new RunPropertiesBaseStyle(
                        new RunFonts
                        {
                            Ascii = "Times New Roman",
                            HighAnsi = "Times New Roman",
                            ComplexScript = "Times New Roman",
                            EastAsia = "Times New Roman",
                        },
                        new FontSize { Val = "26" },
                        new Languages { Val = "vi-VN" }
                    )
                ),
                new ParagraphPropertiesDefault(
                    new ParagraphPropertiesBaseStyle(
                        new SpacingBetweenLines
                        {
                            After = "0",
                            Line = "264",
                            LineRule = LineSpacingRuleValues.Auto,
                        }
                    )
                )
            )
        );
}

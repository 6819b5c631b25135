using System.Globalization;

namespace Mtqg.Web.Features.Reports;

/// <summary>
/// One report as officials file it (DESIGN §13, issue 16): the official header, tables of typed cells, notes and the
/// signature block. Built once by a small builder per report, rendered by <see cref="ReportXlsx"/> and
/// <see cref="ReportDocx"/> alike, so a report is never written twice.
/// </summary>
public sealed record Report(ReportHeader Header, IReadOnlyList<ReportTable> Tables, IReadOnlyList<string> Notes)
{
    /// <summary>Printed across an A4 page turned sideways: a table with many (or wide) columns.</summary>
    public bool Wide => Tables.Any(t => t.Columns.Sum(c => c.Width) > 95);

    /// <summary>Who the report is sent to: left blank to fill in, as the office decides each time.</summary>
    public static readonly IReadOnlyList<string> Recipients = ["- ……………………;", "- ……………………;", "- Lưu: VT."];

    public const string Preparer = "NGƯỜI LẬP BIỂU",
        PreparerNote = "(Ký, ghi rõ họ tên)",
        Head = "THỦ TRƯỞNG ĐƠN VỊ",
        HeadNote = "(Ký, ghi rõ họ tên, đóng dấu)",
        RecipientsTitle = "Nơi nhận:";
}

/// <summary>
/// The header of an administrative report (Nghị định 30/2020/NĐ-CP, Phụ lục I): the reporting body under its parent, the
/// number left blank to fill in, the national name and motto, place and date, title, period and unit of measure.
/// <see cref="ClosedNote"/>: whether the figures come from a closed period ("Số liệu của kỳ đã khóa sổ ngày … bởi …"); null
/// while the period is open, printed as <see cref="OpenNote"/>.
/// </summary>
public sealed record ReportHeader(
    string? ParentBody,
    string Body,
    string NumberSuffix,
    string Place,
    DateOnly Date,
    string Title,
    string Period,
    string Unit,
    string Form,
    string? ClosedNote = null
)
{
    public const string Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        Motto = "Độc lập - Tự do - Hạnh phúc",
        OpenNote = "Số liệu chưa khóa sổ";

    /// <summary>"Số:      /BC-VPĐP": the number is written in by the office's clerk when the report is signed.</summary>
    public string Number => $"Số:        /{NumberSuffix}";

    public string PlaceAndDate =>
        string.Create(CultureInfo.InvariantCulture, $"{Place}, ngày {Date.Day:00} tháng {Date.Month:00} năm {Date.Year}");

    public string Closing => ClosedNote ?? OpenNote;
}

public sealed record ReportColumn(string Header, double Width);

/// <summary>A table with its heading; <see cref="Unit"/> when its unit differs from the report's.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows, string? Unit = null);

/// <summary>A row; <see cref="Total"/> rows (sums) are printed bold.</summary>
public sealed record ReportRow(IReadOnlyList<ReportCell> Cells, bool Total = false)
{
    public ReportRow(params ReportCell[] cells)
        : this(cells, false) { }
}

public enum CellKind
{
    Text,
    Integer,

    /// <summary>A rate in percent with two decimals (12.34 means 12,34 %).</summary>
    Percent,
}

/// <summary>A typed cell: numbers stay numbers in the workbook and are formatted the Vietnamese way in the document.</summary>
public readonly record struct ReportCell(CellKind Kind, string? Text, decimal? Number)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static ReportCell Of(string? text) => new(CellKind.Text, text, null);

    public static ReportCell Of(long? number) => new(CellKind.Integer, null, number);

    public static ReportCell Rate(decimal? percent) => new(CellKind.Percent, null, percent);

    public static implicit operator ReportCell(string? text) => Of(text);

    public static implicit operator ReportCell(long number) => Of(number);

    public static implicit operator ReportCell(int number) => Of(number);

    public bool IsNumber => Kind != CellKind.Text;

    /// <summary>As printed: "1.234.567", "12,34"; empty for no value.</summary>
    public string Display =>
        Kind switch
        {
            CellKind.Text => Text ?? "",
            CellKind.Integer => Number?.ToString("#,##0", Vi) ?? "",
            _ => Number?.ToString("#,##0.00", Vi) ?? "",
        };
}

using System.Globalization;
using MiniExcelLibs;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Units;

namespace Mtqg.Web.Features.Scorecards.Excel;

public enum UploadFormat
{
    Xlsx,
    Csv,
}

/// <summary>One thing wrong in an uploaded file, located as Excel shows it: sheet, row number, column header and cell (D7).</summary>
public sealed record ExcelProblem(string Sheet, int? Row, string? Column, string? Cell, string Message)
{
    /// <summary>The key of the problem in the <c>errors</c> map: the cell reference <c>Số liệu!D7</c>, or the sheet alone.</summary>
    public string Field => Cell is null ? Sheet : $"{Sheet}!{Cell}";
}

/// <summary>A non-empty indicator cell: the value to store, or null when the cell says <c>xóa</c>.</summary>
public sealed record ParsedCell(SetIndicator Indicator, string Column, string Cell, decimal? Value);

public sealed record ParsedRow(int Row, string CommuneCode, string CodeCell, IReadOnlyList<ParsedCell> Cells);

/// <summary>The province, year and set written in the guide sheet of a downloaded workbook (any of them may be absent).</summary>
public sealed record WorkbookStamp(string? ProvinceCode, string? Year, string? SetCode);

public sealed record ParsedFile(string Sheet, IReadOnlyList<ParsedRow> Rows, IReadOnlyList<ExcelProblem> Problems, WorkbookStamp? Stamp);

/// <summary>
/// Reads an uploaded values sheet (.xlsx or .csv) without touching the database: finds the header
/// row ("Mã xã" …), maps each indicator column by the code its header starts with, and checks every
/// cell against its indicator's type. Empty cells mean "leave unchanged"; <c>xóa</c> clears.
/// Communes are checked by the caller, which knows the units in force.
/// </summary>
public static partial class ValuesSheetReader
{
    private const int HeaderSearchRows = 10;

    /// <summary>
    /// Reads a file the upload gate has already measured (rows, columns, text lengths within its bounds), so the cost is
    /// linear in the cells present; <paramref name="ct"/> is checked per row and stops the read.
    /// </summary>
    public static ParsedFile Read(
        Stream stream,
        UploadFormat format,
        string fileName,
        IReadOnlyDictionary<string, SetIndicator> indicators,
        CancellationToken ct = default
    )
    {
        var sheet = format == UploadFormat.Csv ? fileName : ValuesWorkbook.ValuesSheet;
        try
        {
            WorkbookStamp? stamp = null;
            IReadOnlySet<string>? percent = null;
            IEnumerable<IDictionary<string, object?>> rows;
            if (format == UploadFormat.Csv)
            {
                rows = MiniExcel
                    .Query(stream, useHeaderRow: false, excelType: ExcelType.CSV, configuration: CsvConfiguration(stream))
                    .Cast<IDictionary<string, object?>>();
            }
            else
            {
                var names = MiniExcel.GetSheetNames(stream);
                sheet = names.FirstOrDefault(n => Same(n, ValuesWorkbook.ValuesSheet))
                    ?? names.FirstOrDefault(n => !Same(n, ValuesWorkbook.GuideSheet))
                    ?? ValuesWorkbook.ValuesSheet;
                if (names.FirstOrDefault(n => Same(n, ValuesWorkbook.GuideSheet)) is { } guide)
                    stamp = Stamp(
                        MiniExcel
                            .Query(stream, useHeaderRow: false, sheetName: guide, excelType: ExcelType.XLSX)
                            .Cast<IDictionary<string, object?>>()
                    );
                // Only a percent indicator's cell formatted as a percentage is read differently (0.97 shown as 97 % is 97).
                if (indicators.Values.Any(i => i.Type == IndicatorType.Percent))
                {
                    percent = PercentCells(stream, sheet, ct);
                    stream.Position = 0;
                }
                rows = MiniExcel
                    .Query(stream, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX)
                    .Cast<IDictionary<string, object?>>();
            }
            var (parsed, problems) = Parse(sheet, rows, indicators, format == UploadFormat.Csv, percent, ct);
            return new ParsedFile(sheet, parsed, problems, stamp);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A damaged or foreign file is bad input, reported like any other problem; the library's own (English) text is not shown.
            var what = format == UploadFormat.Csv ? "tệp CSV" : "tệp Excel (.xlsx)";
            return new ParsedFile(
                sheet,
                [],
                [
                    new ExcelProblem(
                        sheet,
                        null,
                        null,
                        null,
                        $"Không đọc được {what}: tệp hỏng hoặc không đúng định dạng. Hãy mở tệp bằng Excel và lưu lại, hoặc dùng tệp mẫu tải từ hệ thống."
                    ),
                ],
                null
            );
        }
    }

    private static (List<ParsedRow>, List<ExcelProblem>) Parse(
        string sheet,
        IEnumerable<IDictionary<string, object?>> rows,
        IReadOnlyDictionary<string, SetIndicator> indicators,
        bool csv,
        IReadOnlySet<string>? percent,
        CancellationToken ct
    )
    {
        var problems = new List<ExcelProblem>();
        var parsed = new List<ParsedRow>();
        Columns? columns = null;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var undecodable = false;
        var rowNumber = 0;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            rowNumber++;
            var problemsBefore = problems.Count;
            if (csv && !undecodable && row.Values.Any(v => v is string s && s.Contains('\uFFFD')))
            {
                undecodable = true;
                problems.Add(
                    new ExcelProblem(
                        sheet,
                        rowNumber,
                        null,
                        null,
                        "Tệp CSV không phải mã UTF-8 (chữ tiếng Việt bị lỗi): trong Excel chọn Lưu thành \"CSV UTF-8 (phân cách bằng dấu phẩy)\"."
                    )
                );
            }
            if (columns is null)
            {
                if (row.Any(c => Same(Text(c.Value), ValuesWorkbook.CodeHeader)))
                    columns = Header(sheet, rowNumber, row, indicators, problems);
                else if (rowNumber >= HeaderSearchRows)
                {
                    problems.Add(
                        new ExcelProblem(
                            sheet,
                            null,
                            null,
                            null,
                            $"Không tìm thấy dòng tiêu đề có cột \"{ValuesWorkbook.CodeHeader}\" trong {HeaderSearchRows} dòng đầu của trang \"{sheet}\". Hãy dùng tệp mẫu tải từ hệ thống."
                        )
                    );
                    return (parsed, problems);
                }
                continue;
            }

            var code = CommuneCode(row.TryGetValue(columns.Code, out var raw) ? raw : null);
            var cells = new List<ParsedCell>();
            foreach (var (key, indicator) in columns.Indicators)
            {
                if (!row.TryGetValue(key, out var value))
                    continue;
                var cell = $"{key}{rowNumber}";
                var (present, number, error) = ParseCell(indicator, value, percent?.Contains(cell) == true);
                if (!present)
                    continue;
                if (error is not null)
                    problems.Add(new ExcelProblem(sheet, rowNumber, indicator.Code, cell, error));
                else
                    cells.Add(new ParsedCell(indicator, indicator.Code, cell, number));
            }
            foreach (var key in columns.Untitled)
            {
                if (row.TryGetValue(key, out var value) && !IsBlank(value) && columns.Reported.Add(key))
                    problems.Add(
                        new ExcelProblem(
                            sheet,
                            rowNumber,
                            $"(cột {key})",
                            $"{key}{rowNumber}",
                            $"Cột {key} có dữ liệu nhưng không có tiêu đề: ghi mã chỉ tiêu vào tiêu đề hoặc xóa cột."
                        )
                    );
            }

            var codeCell = $"{columns.Code}{rowNumber}";
            if (code is null)
            {
                if (cells.Count > 0 || problems.Count > problemsBefore)
                    problems.Add(
                        new ExcelProblem(
                            sheet,
                            rowNumber,
                            ValuesWorkbook.CodeHeader,
                            codeCell,
                            "Thiếu mã xã: mỗi dòng có số liệu phải có mã xã."
                        )
                    );
                continue;
            }
            // A code is looked up in the database, and PostgreSQL refuses a NUL in a parameter: a code with a control character is bad input here.
            if (InputText.Refusal(code, multiLine: false) is { } refusal)
            {
                problems.Add(
                    new ExcelProblem(
                        sheet,
                        rowNumber,
                        ValuesWorkbook.CodeHeader,
                        codeCell,
                        InputText.Message($"Mã xã ở ô {codeCell}", refusal)
                    )
                );
                continue;
            }
            if (seen.TryGetValue(code, out var first))
            {
                problems.Add(
                    new ExcelProblem(
                        sheet,
                        rowNumber,
                        ValuesWorkbook.CodeHeader,
                        codeCell,
                        $"Xã {code} lặp lại (đã có ở dòng {first}): mỗi xã chỉ một dòng."
                    )
                );
                continue;
            }
            seen[code] = rowNumber;
            parsed.Add(new ParsedRow(rowNumber, code, codeCell, cells));
        }
        if (columns is null)
            problems.Add(
                new ExcelProblem(
                    sheet,
                    null,
                    null,
                    null,
                    $"Trang \"{sheet}\" không có dòng tiêu đề có cột \"{ValuesWorkbook.CodeHeader}\". Hãy dùng tệp mẫu tải từ hệ thống."
                )
            );
        return (parsed, problems);
    }

    private sealed class Columns(string code)
    {
        public string Code { get; } = code;
        public List<(string Key, SetIndicator Indicator)> Indicators { get; } = [];
        public List<string> Untitled { get; } = [];
        public HashSet<string> Reported { get; } = [];
    }

    private static Columns? Header(
        string sheet,
        int rowNumber,
        IDictionary<string, object?> row,
        IReadOnlyDictionary<string, SetIndicator> indicators,
        List<ExcelProblem> problems
    )
    {
        var codeKey = row.First(c => Same(Text(c.Value), ValuesWorkbook.CodeHeader)).Key;
        var columns = new Columns(codeKey);
        var byCode = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in row)
        {
            if (key == codeKey)
                continue;
            var text = Text(value)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                columns.Untitled.Add(key);
                continue;
            }
            if (Same(text, ValuesWorkbook.CodeHeader))
            {
                problems.Add(
                    new ExcelProblem(
                        sheet,
                        rowNumber,
                        text,
                        $"{key}{rowNumber}",
                        $"Có hai cột \"{ValuesWorkbook.CodeHeader}\" (cột {codeKey} và cột {key})."
                    )
                );
                continue;
            }
            if (Same(text, ValuesWorkbook.NameHeader) || Same(text, ValuesWorkbook.GroupHeader))
                continue;
            var token = text.Split([' ', '\u00a0', '\t', '\n', '(', '—', '–'], 2)[0].Trim();
            if (!indicators.TryGetValue(token, out var indicator))
            {
                problems.Add(
                    new ExcelProblem(
                        sheet,
                        rowNumber,
                        text,
                        $"{key}{rowNumber}",
                        $"Cột \"{Shorten(text)}\" không phải chỉ tiêu của bộ tiêu chí: tiêu đề cột chỉ tiêu phải bắt đầu bằng mã chỉ tiêu (ví dụ {indicators.Keys.Order(StringComparer.Ordinal).FirstOrDefault()})."
                    )
                );
                continue;
            }
            if (byCode.TryGetValue(indicator.Code, out var other))
            {
                problems.Add(
                    new ExcelProblem(
                        sheet,
                        rowNumber,
                        indicator.Code,
                        $"{key}{rowNumber}",
                        $"Chỉ tiêu {indicator.Code} có hai cột (cột {other} và cột {key})."
                    )
                );
                continue;
            }
            byCode[indicator.Code] = key;
            columns.Indicators.Add((key, indicator));
        }
        return columns;
    }

    private static WorkbookStamp Stamp(IEnumerable<IDictionary<string, object?>> rows)
    {
        string? province = null,
            year = null,
            set = null;
        foreach (var row in rows.Take(50))
        {
            var label = row.TryGetValue("A", out var a) ? Text(a) : null;
            var value = row.TryGetValue("B", out var b) ? Text(b)?.Trim() : null;
            if (Same(label, ValuesWorkbook.ProvinceLabel))
                province = value;
            else if (Same(label, ValuesWorkbook.YearLabel))
                year = value;
            else if (Same(label, ValuesWorkbook.SetLabel))
                set = value;
        }
        return new WorkbookStamp(province, year, set);
    }

    private static bool IsBlank(object? raw) => raw is null || raw is string s && string.IsNullOrWhiteSpace(s);

    private static string? Text(object? raw) =>
        raw switch
        {
            null => null,
            string s => s,
            double d => d.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => raw.ToString(),
        };

    private static string Shown(object? raw) =>
        raw switch
        {
            string s => $"\"{Shorten(s.Trim())}\"",
            DateTime d => $"ngày {d:dd/MM/yyyy}",
            bool b => b ? "TRUE" : "FALSE",
            _ => Text(raw) ?? "",
        };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    private static bool Same(string? text, string expected) =>
        text is not null && VietnameseText.Fold(text) == VietnameseText.Fold(expected);
}

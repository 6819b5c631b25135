using System.Globalization;
using MiniExcelLibs;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Features.Recognition.Titles;

/// <summary>
/// Titles granted before the system as a workbook (DESIGN §9): sheet «Danh hiệu», one title per row from row 2, columns
/// Mã xã · Mức · Bộ tiêu chí · Số quyết định · Ngày quyết định · Người ký · Ghi chú. A date is an Excel date or a text
/// dd/MM/yyyy (or yyyy-MM-dd). The file has passed the upload gate (decision 0018) before it is opened here.
/// </summary>
public static class TitleWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Sheet = "Danh hiệu";

    private static readonly string[] Headers = ["Mã xã", "Mức", "Bộ tiêu chí", "Số quyết định", "Ngày quyết định", "Người ký", "Ghi chú"];

    /// <summary>The empty form (its header row) and a sheet of instructions.</summary>
    public static byte[] Template()
    {
        string[] lines =
        [
            "Mỗi dòng của trang «Danh hiệu» (từ dòng 2) là một danh hiệu xã đã được công nhận trước khi dùng hệ thống.",
            "Mã xã: mã của xã vào ngày quyết định (xã trước sắp xếp nếu quyết định trước 01/7/2025).",
            "Mức: mã mức đạt chuẩn (NTM, NTMNC…). Bộ tiêu chí: để trống để dùng bộ áp dụng năm quyết định.",
            "Số quyết định: dạng 1234/QĐ-UBND. Ngày quyết định: ngày (dd/mm/yyyy). Người ký, ghi chú: không bắt buộc.",
            "Tệp có lỗi ở bất kỳ dòng nào thì không dòng nào được ghi; mọi lỗi được liệt kê theo dòng.",
        ];
        var sheets = new Dictionary<string, object>
        {
            [Sheet] = new List<Dictionary<string, object?>>
            {
                Headers.Select((h, i) => (h, i)).ToDictionary(x => Column(x.i), x => (object?)x.h),
            },
            ["Hướng dẫn"] = lines.Select(l => new Dictionary<string, object?> { ["A"] = l }).ToList(),
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets, printHeader: false);
        return stream.ToArray();
    }

    private static string Column(int index) => ((char)('A' + index)).ToString();

    /// <summary>The rows of the sheet, or the problems that keep it from being read at all.</summary>
    public static (IReadOnlyList<(int Row, BaselineTitleRequest Request)> Rows, IReadOnlyList<Problem> Problems) Read(
        Stream file,
        CancellationToken ct = default
    )
    {
        List<IDictionary<string, object?>> cells;
        try
        {
            if (!MiniExcel.GetSheetNames(file).Contains(Sheet))
                return ([], [new("file", $"Tệp không có trang «{Sheet}» (mẫu tải tại /api/v1/titles/workbook).")]);
            file.Position = 0;
            cells =
            [
                .. MiniExcel
                    .Query(file, useHeaderRow: false, sheetName: Sheet, excelType: ExcelType.XLSX)
                    .Cast<IDictionary<string, object?>>()
                    .Select(row =>
                    {
                        ct.ThrowIfCancellationRequested(); // the gate's parse time budget
                        return row;
                    }),
            ];
        }
        catch (Exception e)
            when (e is InvalidDataException or FormatException or ArgumentException or InvalidOperationException or System.Xml.XmlException)
        {
            return ([], [new("file", "Không đọc được tệp: cần tệp Excel .xlsx (mẫu tải tại /api/v1/titles/workbook).")]);
        }
        {
            var problems = new List<Problem>();
            string? Cell(IDictionary<string, object?> row, int column) =>
                row.TryGetValue(Column(column - 1), out var v)
                && Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } t
                    ? t
                    : null;
            var header = cells.FirstOrDefault() ?? new Dictionary<string, object?>();
            for (var c = 0; c < Headers.Length; c++)
            {
                var text = Cell(header, c + 1) ?? "";
                if (!string.Equals(text, Headers[c], StringComparison.OrdinalIgnoreCase))
                    problems.Add(
                        new(
                            "dòng 1",
                            $"Dòng 1, cột {c + 1}: tiêu đề phải là «{Headers[c]}»{(text.Length == 0 ? "" : $", không phải «{text}»")}."
                        )
                    );
            }
            if (problems.Count > 0)
                return ([], problems);
            var rows = new List<(int, BaselineTitleRequest)>();
            for (var index = 1; index < cells.Count; index++)
            {
                var row = cells[index];
                string? Text(int column) => Cell(row, column);
                if (Enumerable.Range(1, Headers.Length).All(c => Text(c) is null))
                    continue;
                var n = index + 1;
                DateOnly? date = null;
                var rawDate = row.TryGetValue("E", out var e) ? e : null;
                if (rawDate is DateTime at)
                    date = DateOnly.FromDateTime(at);
                else if (rawDate is double serial && serial is > 1 and < 2958466)
                    date = DateOnly.FromDateTime(DateTime.FromOADate(serial)); // a date cell read as its serial number
                else if (Text(5) is { } raw)
                {
                    if (
                        DateOnly.TryParseExact(
                            raw,
                            ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"],
                            CultureInfo.InvariantCulture,
                            DateTimeStyles.None,
                            out var parsed
                        )
                    )
                        date = parsed;
                    else
                    {
                        problems.Add(new($"dòng {n}", $"Dòng {n}, cột Ngày quyết định: «{raw}» không phải ngày (dd/mm/yyyy)."));
                        continue;
                    }
                }
                // A spreadsheet program drops the leading zeros of a code typed as a number: 2989 is commune 02989.
                var code = Text(1) is { } typed && typed.All(char.IsAsciiDigit) && typed.Length < 5 ? typed.PadLeft(5, '0') : Text(1);
                rows.Add((n, new BaselineTitleRequest(code, Text(2), Text(3), Text(4), date, Text(6), Text(7))));
            }
            return (rows, problems);
        }
    }
}

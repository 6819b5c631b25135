using System.Globalization;
using MiniExcelLibs;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Money;
using Mtqg.Web.Features.Poverty.Pages;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Features.Poverty;

/// <summary>
/// A province's review results of a year as a workbook, both ways (issue 15 item 2): sheet "Rà soát hộ nghèo" one row
/// per commune in force on 31 December (code, name, status, the counts, the households lacking each indicator of the
/// standard in force), sheet "Hướng dẫn" the standard and the rules. Reading names every bad cell by sheet, row and
/// column; a row whose counts are all empty is a commune not entered and is left alone.
/// </summary>
public static class PovertyWorkbook
{
    public const string Sheet = "Rà soát hộ nghèo",
        GuideSheet = "Hướng dẫn";
    public const string CodeColumn = "Mã xã",
        NameColumn = "Tên xã",
        StatusColumn = "Trạng thái";

    /// <summary>The counts' columns and the input field each fills (the names the checks use).</summary>
    public static readonly (string Column, string Field, bool Required)[] Counts =
    [
        ("Tổng số hộ", "households", true),
        ("Hộ nghèo", "poor", true),
        ("Hộ cận nghèo", "nearPoor", true),
        ("Hộ nghèo DTTS", "poorEthnicMinority", false),
        ("Hộ cận nghèo DTTS", "nearPoorEthnicMinority", false),
        ("Hộ thoát nghèo", "escapedPoverty", false),
        ("Hộ nghèo phát sinh", "newlyPoor", false),
    ];

    public static string DeprivationColumn(string code) => $"Thiếu hụt {code}";

    public static string FileName(string province, int year) => $"MTQG-ra-soat-ho-ngheo-{province}-{year}.xlsx";

    public sealed record Line(string Code, string Name, PovertyResultView? Result);

    public static byte[] Build(string provinceName, int year, PovertyStandardView? standard, IReadOnlyList<Line> lines)
    {
        var indicators = standard?.Indicators.ToList() ?? [];
        var rows = lines
            .Select(l =>
            {
                var r = l.Result;
                var row = new Dictionary<string, object?>
                {
                    [CodeColumn] = l.Code,
                    [NameColumn] = l.Name,
                    [StatusColumn] = PovertyFormat.Status(r?.Status),
                    ["Tổng số hộ"] = r?.Households,
                    ["Hộ nghèo"] = r?.Poor,
                    ["Hộ cận nghèo"] = r?.NearPoor,
                    ["Hộ nghèo DTTS"] = r?.PoorEthnicMinority,
                    ["Hộ cận nghèo DTTS"] = r?.NearPoorEthnicMinority,
                    ["Hộ thoát nghèo"] = r?.EscapedPoverty,
                    ["Hộ nghèo phát sinh"] = r?.NewlyPoor,
                };
                foreach (var i in indicators)
                    row[DeprivationColumn(i.Code)] = r?.Deprivations.TryGetValue(i.Code, out var n) == true ? n : null;
                return row;
            })
            .ToList();
        var guide = new List<Dictionary<string, object?>>
        {
            Guide("Tỉnh, năm", $"{provinceName}, năm {year}"),
            Guide(
                "Chuẩn nghèo áp dụng",
                standard is null ? "Không có chuẩn nghèo áp dụng cho năm này" : $"{standard.Name} ({standard.LegalBasis})"
            ),
            Guide(
                "Cách ghi",
                "Số hộ là số nguyên không âm. Hộ nghèo + hộ cận nghèo không vượt tổng số hộ; hộ DTTS, hộ phát sinh không vượt nhóm của mình. "
                    + "Dòng để trống mọi số: xã chưa nhập, không ghi. Kết quả đã phê duyệt chỉ sửa được sau khi Văn phòng Điều phối mở lại. "
                    + "Cả tệp được kiểm tra; có lỗi thì không ghi gì. Chỉ ghi số hộ, không ghi tên hộ."
            ),
        };
        guide.AddRange(indicators.Select(i => Guide(DeprivationColumn(i.Code), $"Số hộ thiếu hụt chỉ số {i.Code}: {i.Name}")));
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(buffer, ExportCells.Neutralize(new Dictionary<string, object> { [Sheet] = rows, [GuideSheet] = guide }));
        return buffer.ToArray();
    }

    private static Dictionary<string, object?> Guide(string item, string text) => new() { ["Mục"] = item, ["Nội dung"] = text };

    /// <summary>The rows read (Excel row number, commune code, the counts), the empty rows skipped, every problem of reading.</summary>
    public sealed record ReadResult(
        List<(int Row, string Code, PovertyInput Input)> Rows,
        int Empty,
        List<ExcelProblem> Problems,
        string[] Header
    );

    public static ReadResult Read(Stream stream, CancellationToken ct)
    {
        var problems = new List<ExcelProblem>();
        var rows = new List<(int, string, PovertyInput)>();
        List<string> names;
        try
        {
            names = MiniExcel.GetSheetNames(stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add(
                new(
                    Sheet,
                    null,
                    null,
                    null,
                    "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng. Hãy dùng tệp tải về từ trang hộ nghèo của tỉnh."
                )
            );
            return new(rows, 0, problems, []);
        }
        var actual = names.FirstOrDefault(n => string.Equals(n.Trim(), Sheet, StringComparison.OrdinalIgnoreCase));
        if (actual is null)
        {
            problems.Add(new(Sheet, null, null, null, $"Thiếu trang \"{Sheet}\" (tệp tải về từ hệ thống có trang này)."));
            return new(rows, 0, problems, []);
        }
        string[]? header = null;
        var (number, empty) = (0, 0);
        foreach (var raw in MiniExcel.Query(stream, useHeaderRow: false, sheetName: actual, excelType: ExcelType.XLSX))
        {
            ct.ThrowIfCancellationRequested();
            number++;
            var cells = ((IDictionary<string, object?>)raw).Values.ToArray();
            if (header is null)
            {
                header = cells.Select(c => CapitalWorkbook.Text(c) ?? "").ToArray();
                foreach (var expected in Counts.Where(c => c.Required).Select(c => c.Column).Prepend(CodeColumn))
                    if (!header.Contains(expected, StringComparer.OrdinalIgnoreCase))
                        problems.Add(new(Sheet, 1, expected, null, $"Thiếu cột \"{expected}\" ở dòng tiêu đề."));
                if (problems.Count > 0)
                    return new(rows, 0, problems, header);
                continue;
            }
            var row = number;
            object? Cell(int i) => i >= 0 && i < cells.Length ? cells[i] : null;
            int Index(string column) => Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            decimal? Count(string column)
            {
                var cell = Cell(Index(column));
                if (CapitalWorkbook.Text(cell) is not { } text)
                    return null;
                decimal? value = cell switch
                {
                    double d => (decimal)d,
                    long l => l,
                    int n => n,
                    decimal m => m,
                    _ => decimal.TryParse(
                        text.Replace(" ", "", StringComparison.Ordinal),
                        NumberStyles.Number,
                        CultureInfo.InvariantCulture,
                        out var p
                    )
                        ? p
                        : null,
                };
                if (value is null)
                    problems.Add(Problem(header, row, column, $"\"{text}\" không phải số hộ: ghi số nguyên không âm."));
                return value;
            }
            var counts = Counts.ToDictionary(c => c.Field, c => Index(c.Column) >= 0 ? Count(c.Column) : null);
            var deprivations = header
                .Where(h => h.StartsWith("Thiếu hụt ", StringComparison.OrdinalIgnoreCase))
                .Select(h => (Code: h["Thiếu hụt ".Length..].Trim(), Value: Count(h)))
                .Where(d => d.Value is not null)
                .ToDictionary(d => d.Code, d => d.Value);
            var codeCell = Cell(Index(CodeColumn));
            var code = codeCell is double c ? ((long)c).ToString("00000", CultureInfo.InvariantCulture) : CapitalWorkbook.Text(codeCell);
            if (counts.Values.All(v => v is null) && deprivations.Count == 0)
            {
                empty += code is null ? 0 : 1;
                continue;
            }
            if (code is null)
            {
                problems.Add(Problem(header, row, CodeColumn, "Thiếu mã xã."));
                continue;
            }
            rows.Add(
                (
                    row,
                    code,
                    new PovertyInput(
                        counts["households"],
                        counts["poor"],
                        counts["nearPoor"],
                        counts["poorEthnicMinority"],
                        counts["nearPoorEthnicMinority"],
                        counts["escapedPoverty"],
                        counts["newlyPoor"],
                        deprivations.Count == 0 ? null : deprivations
                    )
                )
            );
        }
        if (header is null)
            problems.Add(new(Sheet, null, null, null, $"Trang \"{Sheet}\" trống: cần dòng tiêu đề và một dòng mỗi xã."));
        return new(rows, empty, problems, header ?? []);
    }

    /// <summary>A problem of the checks (field households, deprivations.1.1 …) of the row located in the workbook.</summary>
    public static ExcelProblem Locate(string[] header, int row, Mtqg.Domain.Common.Problem problem)
    {
        var column = problem.Field.StartsWith("deprivations.", StringComparison.Ordinal)
            ? DeprivationColumn(problem.Field["deprivations.".Length..])
            : Counts.FirstOrDefault(c => c.Field == problem.Field).Column ?? CodeColumn;
        return Problem(header, row, column, problem.Message);
    }

    public static ExcelProblem Problem(string[] header, int row, string column, string message)
    {
        var i = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        return new(Sheet, row, column, i is >= 0 and < 26 ? $"{(char)('A' + i)}{row}" : null, message);
    }
}

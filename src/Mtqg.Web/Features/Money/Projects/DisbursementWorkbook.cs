using System.Globalization;
using MiniExcelLibs;
using Mtqg.Domain.Money;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Features.Money.Projects;

/// <summary>One row of the month sheet: a project's source allocated that year, what was reported before and this month.</summary>
public sealed record MonthSheetRow(
    int ProjectId,
    string ProjectName,
    string Investor,
    string Source,
    long Allocated,
    long? Before,
    long? Cumulative
);

/// <summary>A row read back: the project and source, the cumulative entered (null: left blank) and the reason.</summary>
public sealed record MonthSheetEntry(int Row, int? ProjectId, string? Source, long? Cumulative, string? Correction);

/// <summary>
/// The province's disbursement for one month as a workbook, both ways (issue 14 item 4): sheet "Giải ngân" one row per project
/// and source allocated that year, with the cumulative reported before and a cell for the cumulative to the end of the month;
/// sheet "Hướng dẫn" how to fill it in. Reading names every bad cell by sheet, row and column.
/// </summary>
public static class DisbursementWorkbook
{
    public const string Sheet = "Giải ngân",
        GuideSheet = "Hướng dẫn";
    public const string ProjectColumn = "Mã dự án",
        NameColumn = "Tên dự án",
        InvestorColumn = "Chủ đầu tư",
        SourceColumn = "Nguồn vốn",
        AllocatedColumn = "Vốn giao năm (đồng)",
        BeforeColumn = "Lũy kế tháng trước (đồng)",
        CumulativeColumn = "Lũy kế đến hết tháng (đồng)",
        ReasonColumn = "Lý do điều chỉnh";

    public static readonly string[] Columns =
    [
        ProjectColumn,
        NameColumn,
        InvestorColumn,
        SourceColumn,
        AllocatedColumn,
        BeforeColumn,
        CumulativeColumn,
        ReasonColumn,
    ];

    /// <summary>The columns read back; the others are there to help whoever fills the sheet in.</summary>
    private static readonly string[] Required = [ProjectColumn, SourceColumn, CumulativeColumn];

    public static string FileName(string province, int year, int month) => $"MTQG-giai-ngan-{province}-{year}-{month:00}.xlsx";

    public static byte[] Build(string province, string provinceName, int year, int month, IReadOnlyList<MonthSheetRow> rows)
    {
        var lines = rows.Select(r => new Dictionary<string, object?>
            {
                [ProjectColumn] = r.ProjectId,
                [NameColumn] = r.ProjectName,
                [InvestorColumn] = r.Investor,
                [SourceColumn] = CapitalSource.Label(r.Source),
                [AllocatedColumn] = r.Allocated,
                [BeforeColumn] = r.Before,
                [CumulativeColumn] = r.Cumulative,
                [ReasonColumn] = null,
            })
            .ToList();
        if (lines.Count == 0)
            lines.Add(Columns.ToDictionary(c => c, _ => (object?)null));
        string[] guide =
        [
            $"Giải ngân tháng {month:00}/{year} của {provinceName} ({province}): mỗi dòng là một nguồn vốn đã giao năm {year} của một dự án.",
            $"Ghi cột «{CumulativeColumn}»: số đồng giải ngân lũy kế từ 1/1/{year} đến hết tháng {month:00}/{year} (số nguyên, không âm). Để trống: dòng đó không đổi.",
            $"Số lũy kế không vượt «{AllocatedColumn}». Khi số lũy kế thấp hơn đã báo, ghi «{ReasonColumn}» (một lý do cho cả dự án).",
            "Không sửa cột Mã dự án và Nguồn vốn. Cả tệp được kiểm tra; có lỗi ở bất kỳ ô nào thì không ghi gì và mọi lỗi được nêu theo ô.",
            $"Nguồn vốn: {string.Join("; ", CapitalSource.All.Select(s => s.Label))}.",
        ];
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(
            buffer,
            ExportCells.Neutralize(
                new Dictionary<string, object>
                {
                    [Sheet] = lines,
                    [GuideSheet] = guide.Select(g => new Dictionary<string, object?> { ["Hướng dẫn"] = g }).ToList(),
                }
            )
        );
        return buffer.ToArray();
    }

    public sealed record ReadResult(List<MonthSheetEntry> Entries, List<ExcelProblem> Problems, string[] Header);

    public static ReadResult Read(Stream stream, CancellationToken ct)
    {
        var problems = new List<ExcelProblem>();
        var entries = new List<MonthSheetEntry>();
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
                    "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng. Hãy dùng tệp tải về từ trang giải ngân."
                )
            );
            return new(entries, problems, []);
        }
        var actual = names.FirstOrDefault(n => string.Equals(n.Trim(), Sheet, StringComparison.OrdinalIgnoreCase));
        if (actual is null)
        {
            problems.Add(new(Sheet, null, null, null, $"Thiếu trang \"{Sheet}\" (tệp tải về từ hệ thống có trang này)."));
            return new(entries, problems, []);
        }
        string[]? header = null;
        var number = 0;
        foreach (var raw in MiniExcel.Query(stream, useHeaderRow: false, sheetName: actual, excelType: ExcelType.XLSX))
        {
            ct.ThrowIfCancellationRequested();
            number++;
            var cells = ((IDictionary<string, object?>)raw).Values.ToArray();
            if (header is null)
            {
                header = cells.Select(c => CapitalWorkbook.Text(c) ?? "").ToArray();
                foreach (var expected in Required.Where(h => !header.Contains(h, StringComparer.OrdinalIgnoreCase)))
                    problems.Add(new(Sheet, 1, expected, null, $"Thiếu cột \"{expected}\" ở dòng tiêu đề."));
                if (problems.Count > 0)
                    return new(entries, problems, header);
                continue;
            }
            object? Cell(string column)
            {
                var i = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
                return i >= 0 && i < cells.Length ? cells[i] : null;
            }
            var row = number;
            var cumulativeText = CapitalWorkbook.Text(Cell(CumulativeColumn));
            var reason = CapitalWorkbook.Text(Cell(ReasonColumn));
            if (cumulativeText is null && reason is null)
                continue; // not reported this month
            var idText = CapitalWorkbook.Text(Cell(ProjectColumn));
            int? id = Cell(ProjectColumn) switch
            {
                double d when d == Math.Floor(d) && d is > 0 and <= int.MaxValue => (int)d,
                _ when int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => n,
                _ => null,
            };
            if (id is null)
                problems.Add(
                    Problem(
                        header,
                        row,
                        ProjectColumn,
                        idText is null ? "Thiếu mã dự án." : $"\"{idText}\" không phải mã dự án (số nguyên dương)."
                    )
                );
            var sourceText = CapitalWorkbook.Text(Cell(SourceColumn));
            var source = CapitalSource.Parse(sourceText);
            if (source is null)
                problems.Add(
                    Problem(
                        header,
                        row,
                        SourceColumn,
                        sourceText is null
                            ? "Thiếu nguồn vốn."
                            : $"\"{sourceText}\" không phải nguồn vốn trong danh mục (xem trang «{GuideSheet}»)."
                    )
                );
            long? cumulative = null;
            if (cumulativeText is null)
                problems.Add(Problem(header, row, CumulativeColumn, "Có lý do điều chỉnh nhưng thiếu số lũy kế."));
            else if ((cumulative = CapitalWorkbook.Amount(Cell(CumulativeColumn))) is null)
                problems.Add(
                    Problem(
                        header,
                        row,
                        CumulativeColumn,
                        $"\"{cumulativeText}\" không phải số tiền: ghi số đồng, số nguyên không âm (ví dụ 1500000000)."
                    )
                );
            entries.Add(new(row, id, source, cumulative, reason));
        }
        if (header is null)
            problems.Add(new(Sheet, null, null, null, $"Trang \"{Sheet}\" trống: cần dòng tiêu đề ({string.Join(", ", Columns)})."));
        return new(entries, problems, header ?? []);
    }

    public static ExcelProblem Problem(string[] header, int row, string column, string message)
    {
        var i = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        return new(Sheet, row, column, i is >= 0 and < 26 ? $"{(char)('A' + i)}{row}" : null, message);
    }
}

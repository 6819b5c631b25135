using System.Globalization;
using MiniExcelLibs;
using Mtqg.Domain.Money;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Features.Money;

/// <summary>
/// A capital plan as a workbook, both ways: sheet "Kế hoạch vốn" one row per plan row (programme and component codes,
/// source, commune code, amount in whole đồng), sheet "Danh mục" the codes to use. Reading checks every cell and names
/// each bad one by sheet, row and column; the plan's own checks run after, located the same way.
/// </summary>
public static class CapitalWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string PlanSheet = "Kế hoạch vốn",
        CodesSheet = "Danh mục";
    public const string ProgrammeColumn = "Mã chương trình",
        ComponentColumn = "Nội dung thành phần",
        SourceColumn = "Nguồn vốn",
        CommuneColumn = "Mã xã",
        AmountColumn = "Số tiền (đồng)";

    public static readonly string[] Columns = [ProgrammeColumn, ComponentColumn, SourceColumn, CommuneColumn, AmountColumn];

    /// <summary>The field of a row's problem (rows[i].programme …) → its column.</summary>
    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["programme"] = ProgrammeColumn,
        ["component"] = ComponentColumn,
        ["source"] = SourceColumn,
        ["communeCode"] = CommuneColumn,
        ["amount"] = AmountColumn,
    };

    public static string FileName(string province, int year) => $"MTQG-ke-hoach-von-{province}-{year}.xlsx";

    public static byte[] Build(CapitalPlanView plan, IReadOnlyList<ProgrammeView> programmes)
    {
        var rows = plan
            .Rows.Select(r => new Dictionary<string, object?>
            {
                [ProgrammeColumn] = r.Programme,
                [ComponentColumn] = r.Component,
                [SourceColumn] = CapitalSource.Label(r.Source),
                [CommuneColumn] = r.CommuneCode,
                [AmountColumn] = r.Amount,
            })
            .ToList();
        if (rows.Count == 0)
            rows.Add(Columns.ToDictionary(c => c, _ => (object?)null));
        var codes = new List<Dictionary<string, object?>>();
        foreach (var p in programmes)
        {
            codes.Add(
                new()
                {
                    ["Loại"] = "Chương trình",
                    ["Mã"] = p.Code,
                    ["Tên"] = $"{p.Name} ({p.ValidFrom.Year}–{p.ValidTo.Year})",
                }
            );
            codes.AddRange(
                p.Components.Select(c => new Dictionary<string, object?>
                {
                    ["Loại"] = $"Nội dung thành phần của {p.Code}",
                    ["Mã"] = c.Code,
                    ["Tên"] = c.Shown,
                })
            );
        }
        codes.AddRange(
            CapitalSource.All.Select(s => new Dictionary<string, object?>
            {
                ["Loại"] = "Nguồn vốn",
                ["Mã"] = s.Code,
                ["Tên"] = s.Label,
            })
        );
        codes.Add(
            new()
            {
                ["Loại"] = "Ghi chú",
                ["Mã"] = $"{plan.Province}/{plan.Year}",
                ["Tên"] =
                    $"Kế hoạch vốn của tỉnh {plan.Province} năm {plan.Year}"
                    + (plan.Version is { } v ? $", phiên bản {v}" : ", chưa có phiên bản nào")
                    + ". Số tiền là số đồng (số nguyên, không âm); tải lên lại để thay cả kế hoạch.",
            }
        );
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(buffer, ExportCells.Neutralize(new Dictionary<string, object> { [PlanSheet] = rows, [CodesSheet] = codes }));
        return buffer.ToArray();
    }

    /// <summary>The rows read, each with its Excel row number; and every problem of reading (nothing else checked yet).</summary>
    public sealed record ReadResult(List<(int Row, CapitalRowInput Input)> Rows, List<ExcelProblem> Problems, string[] Header);

    public static ReadResult Read(Stream stream, CancellationToken ct)
    {
        var problems = new List<ExcelProblem>();
        var rows = new List<(int, CapitalRowInput)>();
        List<string> names;
        try
        {
            names = MiniExcel.GetSheetNames(stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add(
                new(
                    PlanSheet,
                    null,
                    null,
                    null,
                    "Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng. Hãy dùng tệp tải về từ trang kế hoạch vốn."
                )
            );
            return new(rows, problems, []);
        }
        var actual = names.FirstOrDefault(n => string.Equals(n.Trim(), PlanSheet, StringComparison.OrdinalIgnoreCase));
        if (actual is null)
        {
            problems.Add(new(PlanSheet, null, null, null, $"Thiếu trang \"{PlanSheet}\" (tệp tải về từ hệ thống có trang này)."));
            return new(rows, problems, []);
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
                header = cells.Select(c => Text(c) ?? "").ToArray();
                foreach (var expected in Columns.Where(h => !header.Contains(h, StringComparer.OrdinalIgnoreCase)))
                    problems.Add(new(PlanSheet, 1, expected, null, $"Thiếu cột \"{expected}\" ở dòng tiêu đề."));
                if (problems.Count > 0)
                    return new(rows, problems, header);
                continue;
            }
            if (cells.All(c => Text(c) is null))
                continue;
            object? Cell(string column)
            {
                var i = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
                return i < cells.Length ? cells[i] : null;
            }
            var row = number;
            long? amount = null;
            var amountCell = Cell(AmountColumn);
            if (Text(amountCell) is { } text)
            {
                amount = Amount(amountCell);
                if (amount is null)
                    problems.Add(
                        Problem(
                            header,
                            row,
                            AmountColumn,
                            $"\"{text}\" không phải số tiền: ghi số đồng, số nguyên không âm (ví dụ 1500000000)."
                        )
                    );
            }
            else
                problems.Add(Problem(header, row, AmountColumn, "Thiếu số tiền (đồng)."));
            var sourceText = Text(Cell(SourceColumn));
            rows.Add(
                (
                    row,
                    new CapitalRowInput(
                        Text(Cell(ProgrammeColumn)),
                        Text(Cell(ComponentColumn)),
                        CapitalSource.Parse(sourceText) ?? sourceText,
                        Cell(CommuneColumn) is double code
                            ? ((long)code).ToString("00000", CultureInfo.InvariantCulture)
                            : Text(Cell(CommuneColumn)),
                        amount ?? 0 // the read problem is already named
                    )
                )
            );
        }
        if (header is null)
            problems.Add(
                new(PlanSheet, null, null, null, $"Trang \"{PlanSheet}\" trống: cần dòng tiêu đề ({string.Join(", ", Columns)}).")
            );
        return new(rows, problems, header ?? []);
    }

    /// <summary>A problem of the plan's checks (field rows[i].x) located in the workbook.</summary>
    public static ExcelProblem Locate(ReadResult read, Mtqg.Domain.Common.Problem problem)
    {
        var match = System.Text.RegularExpressions.Regex.Match(problem.Field, @"^rows\[(\d+)\](?:\.(\w+))?$");
        if (!match.Success || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i >= read.Rows.Count)
            return new(PlanSheet, null, null, null, problem.Message);
        var row = read.Rows[i].Row;
        var message = System.Text.RegularExpressions.Regex.Replace(problem.Message, @"^Dòng \d+: ", "");
        return match.Groups[2].Success && ColumnOfField.TryGetValue(match.Groups[2].Value, out var column)
            ? Problem(read.Header, row, column, message)
            : new(PlanSheet, row, null, null, message);
    }

    private static ExcelProblem Problem(string[] header, int row, string column, string message)
    {
        var i = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        return new(PlanSheet, row, column, i is >= 0 and < 26 ? $"{(char)('A' + i)}{row}" : null, message);
    }

    /// <summary>A cell as whole đồng (a number or digits with spaces), non-negative and under the ceiling; null otherwise.</summary>
    internal static long? Amount(object? cell) =>
        cell switch
        {
            double d when d == Math.Floor(d) && d >= 0 && d <= CapitalPlanService.MaxAmount => (long)d,
            long l when l is >= 0 and <= CapitalPlanService.MaxAmount => l,
            int n when n >= 0 => n,
            decimal m when m == decimal.Floor(m) && m >= 0 && m <= CapitalPlanService.MaxAmount => (long)m,
            string s
                when long.TryParse(s.Replace(" ", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                    && p <= CapitalPlanService.MaxAmount => p,
            _ => null,
        };

    internal static string? Text(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            double d => d.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}

using System.Text;
using MiniExcelLibs;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Tests.Excel;

/// <summary>The workbook builder and the upload reader on their own: rows in, workbook out, and back; no database.</summary>
public sealed class ValuesWorkbookTests
{
    internal static readonly EvaluationSet Set = new(
        [new EvaluationLevel("NTM", "Đạt chuẩn nông thôn mới", 1), new EvaluationLevel("NC", "Nâng cao", 2)],
        [new EvaluationBand("Đạt chuẩn", 2), new EvaluationBand("Dưới chuẩn", 0)],
        [
            new EvaluationCriterion(
                1,
                "TC01",
                "Quy hoạch",
                [
                    new EvaluationIndicator(
                        "1.1",
                        "Có quy hoạch chung xã",
                        IndicatorType.Boolean,
                        Rule.Achieved,
                        null,
                        [new EvaluationThreshold("NTM", null, null, 1)]
                    ),
                    new EvaluationIndicator(
                        "1.2",
                        "Tỷ lệ thôn có quy hoạch",
                        IndicatorType.Percent,
                        Rule.AtLeast,
                        "%",
                        [
                            new EvaluationThreshold("NTM", null, null, 90),
                            new EvaluationThreshold("NTM", "G1", null, 95),
                            new EvaluationThreshold("NC", null, null, null),
                        ]
                    ),
                ]
            ),
            new EvaluationCriterion(
                2,
                "TC02",
                "Thu nhập",
                [
                    new EvaluationIndicator(
                        "2.1",
                        "Thu nhập bình quân đầu người",
                        IndicatorType.Number,
                        Rule.AtLeast,
                        "triệu đồng/người/năm",
                        [new EvaluationThreshold("NTM", null, null, 55), new EvaluationThreshold("NTM", null, 2027, 60)]
                    ),
                ]
            ),
        ]
    );

    internal static readonly IReadOnlyDictionary<string, SetIndicator> Indicators = Set
        .Criteria.SelectMany(c => c.Indicators.Select(i => (c.Number, i)))
        .Select((x, n) => new SetIndicator(n + 1, x.i.Code, x.i.Name, x.i.Type, x.i.Rule, x.i.Unit, x.Number))
        .ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);

    private static ValuesWorkbookModel Model(params WorkbookCommune[] communes) =>
        new("15", "Tỉnh Lào Cai", 2026, "THU", "Bộ thử", Set, ["G1", "G2"], communes);

    private static readonly WorkbookCommune BaoHa = new(
        "02989",
        "Xã Bảo Hà",
        "G1",
        new Dictionary<string, decimal>
        {
            ["1.1"] = 1,
            ["1.2"] = 92.5m,
            ["2.1"] = 61,
        }
    );
    private static readonly WorkbookCommune TanThuong = new(
        "02998",
        "Xã Tân Thượng",
        null,
        new Dictionary<string, decimal> { ["1.1"] = 0 }
    );

    [Fact]
    public void The_values_sheet_has_one_row_per_commune_and_each_value_under_its_indicator_code()
    {
        using var stream = new MemoryStream(ValuesWorkbook.Build(Model(BaoHa, TanThuong)));
        Assert.Equal([ValuesWorkbook.ValuesSheet, ValuesWorkbook.GuideSheet], MiniExcel.GetSheetNames(stream));
        var rows = Rows(stream, ValuesWorkbook.ValuesSheet);

        Assert.Equal(
            [
                "Mã xã",
                "Tên xã",
                "Nhóm",
                "1.1 — Có quy hoạch chung xã (Đạt/Chưa đạt)",
                "1.2 — Tỷ lệ thôn có quy hoạch (%)",
                "2.1 — Thu nhập bình quân đầu người (triệu đồng/người/năm)",
            ],
            rows[0].Values.Select(v => v?.ToString())
        );
        Assert.Equal(3, rows.Count);
        Assert.Equal(new object?[] { "02989", "Xã Bảo Hà", "G1", "Đạt", 92.5, 61.0 }, rows[1].Values);
        Assert.Equal(new object?[] { "02998", "Xã Tân Thượng", null, "Chưa đạt", null, null }, rows[2].Values);
    }

    [Fact]
    public void The_guide_explains_every_column_with_type_unit_rule_and_thresholds_and_names_province_year_and_set()
    {
        using var stream = new MemoryStream(ValuesWorkbook.Build(Model(BaoHa)));
        var guide = Rows(stream, ValuesWorkbook.GuideSheet);
        string[] Line(string column) => guide.Single(r => r["A"] as string == column).Values.Select(v => v?.ToString() ?? "").ToArray();

        Assert.Equal(["Mã tỉnh", "15", "Tỉnh Lào Cai"], Line("Mã tỉnh")[..3]);
        Assert.Equal(["Năm", "2026"], Line("Năm")[..2]);
        Assert.Equal(["Mã bộ tiêu chí", "THU"], Line("Mã bộ tiêu chí")[..2]);
        Assert.Equal("Mã xã", Line("A")[1]);
        Assert.Equal(["D", "1.1", "Có quy hoạch chung xã", "Đạt/Chưa đạt", "", "Phải Đạt", "NTM: Đạt"], Line("D")[..7]);
        Assert.Equal(
            ["E", "1.2", "Tỷ lệ thôn có quy hoạch", "Tỷ lệ (%)", "%", "≥ ngưỡng", "NTM: ≥ 90%; G1: ≥ 95% | NC: chưa có ngưỡng chính thức"],
            Line("E")[..7]
        );
        Assert.Equal("NTM: ≥ 55 triệu đồng/người/năm; năm 2027: ≥ 60 triệu đồng/người/năm", Line("F")[6]);
        Assert.Contains("xóa", Line("F")[7]);
        Assert.Contains(guide, r => (r["C"] as string)?.Contains("Ô để trống: giữ nguyên") == true);
    }

    [Fact]
    public void A_downloaded_workbook_reads_back_as_the_same_values()
    {
        using var stream = new MemoryStream(ValuesWorkbook.Build(Model(BaoHa, TanThuong)));
        var parsed = ValuesSheetReader.Read(stream, UploadFormat.Xlsx, "x.xlsx", Indicators);

        Assert.Empty(parsed.Problems);
        Assert.Equal(new WorkbookStamp("15", "2026", "THU"), parsed.Stamp);
        Assert.Equal([(2, "02989"), (3, "02998")], parsed.Rows.Select(r => (r.Row, r.CommuneCode)));
        Assert.Equal(
            [("1.1", "D2", 1m), ("1.2", "E2", 92.5m), ("2.1", "F2", 61m)],
            parsed.Rows[0].Cells.Select(c => (c.Indicator.Code, c.Cell, c.Value!.Value))
        );
        Assert.Equal([("1.1", 0m)], parsed.Rows[1].Cells.Select(c => (c.Indicator.Code, c.Value!.Value)));
    }

    [Fact]
    public void Every_bad_cell_is_reported_with_the_row_and_column_Excel_shows()
    {
        var sheet = Sheet(
            ["Mã xã", "Tên xã", "1.1 — Có quy hoạch", "1.2", "9.9 — Không có", "2.1"],
            ["02989", "Xã Bảo Hà", "có lẽ", 120, "5", 61],
            null,
            ["2998", "Xã Tân Thượng", "Đạt", "tám mươi", null, "61,5"],
            ["02989", "Lặp lại", "Đạt", 90, null, null],
            [null, "Không mã", "Đạt", null, null, null]
        );
        var parsed = ValuesSheetReader.Read(sheet, UploadFormat.Xlsx, "x.xlsx", Indicators);

        Assert.Equal(
            [(1, "9.9 — Không có", "E1"), (2, "1.1", "C2"), (2, "1.2", "D2"), (4, "1.2", "D4"), (5, "Mã xã", "A5"), (6, "Mã xã", "A6")],
            parsed.Problems.Select(p => (p.Row!.Value, p.Column!, p.Cell!))
        );
        Assert.All(parsed.Problems, p => Assert.Equal("Số liệu", p.Sheet));
        Assert.Contains("Đạt hoặc Chưa đạt", parsed.Problems[1].Message);
        Assert.Contains("0–100", parsed.Problems[2].Message);
        Assert.Contains("\"tám mươi\"", parsed.Problems[3].Message);
        Assert.Contains("dòng 2", parsed.Problems[4].Message);
        Assert.Equal(["02989", "02998"], parsed.Rows.Select(r => r.CommuneCode));
        Assert.Equal(61.5m, parsed.Rows[1].Cells.Single(c => c.Indicator.Code == "2.1").Value);
    }

    [Theory]
    [InlineData("Đạt", 1)]
    [InlineData("chưa đạt", 0)]
    [InlineData("Chua dat", 0)]
    [InlineData("TRUE", 1)]
    [InlineData("false", 0)]
    [InlineData("x", 1)]
    [InlineData("1", 1)]
    [InlineData("0", 0)]
    public void A_boolean_cell_accepts_Dat_ChuaDat_true_false_one_zero_and_x(string text, int expected)
    {
        Assert.Equal((true, (decimal?)expected, (string?)null), ValuesSheetReader.ParseCell(Indicators["1.1"], text));
    }

    [Fact]
    public void A_boolean_cell_written_by_Excel_as_TRUE_or_a_number_is_read_too()
    {
        Assert.Equal((true, (decimal?)1, (string?)null), ValuesSheetReader.ParseCell(Indicators["1.1"], true));
        Assert.Equal((true, (decimal?)0, (string?)null), ValuesSheetReader.ParseCell(Indicators["1.1"], 0.0));
        Assert.NotNull(ValuesSheetReader.ParseCell(Indicators["1.1"], 2.0).Error);
    }

    [Theory]
    [InlineData("85,5", 85.5)]
    [InlineData("85.5", 85.5)]
    [InlineData(" 85 % ", 85)]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("1,234.5", 1234.5)]
    public void A_number_written_as_text_takes_a_decimal_comma_or_point(string text, double expected)
    {
        var indicator = expected > 100 ? Indicators["2.1"] : Indicators["1.2"];
        Assert.Equal((true, (decimal?)(decimal)expected, (string?)null), ValuesSheetReader.ParseCell(indicator, text));
    }

    [Fact]
    public void An_empty_cell_leaves_the_value_and_xoa_clears_it()
    {
        Assert.False(ValuesSheetReader.ParseCell(Indicators["1.2"], null).Present);
        Assert.False(ValuesSheetReader.ParseCell(Indicators["1.2"], "  ").Present);
        Assert.Equal((true, (decimal?)null, (string?)null), ValuesSheetReader.ParseCell(Indicators["1.2"], "xóa"));
        Assert.Equal((true, (decimal?)null, (string?)null), ValuesSheetReader.ParseCell(Indicators["1.1"], "XOA"));
    }

    [Fact]
    public void A_csv_with_semicolons_a_byte_order_mark_and_blank_lines_keeps_the_row_numbers_Excel_shows()
    {
        var csv = "\uFEFFMã xã;Tên xã;1.1;1.2\r\n02989;\"Xã Bảo Hà; Lào Cai\";Đạt;85,5\r\n\r\n02998;Xã Tân Thượng;x;101\r\n2999;;;xóa\r\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var parsed = ValuesSheetReader.Read(stream, UploadFormat.Csv, "so-lieu.csv", Indicators);

        Assert.Equal([("so-lieu.csv", 4, "1.2", "D4")], parsed.Problems.Select(p => (p.Sheet, p.Row!.Value, p.Column!, p.Cell!)));
        Assert.Equal([(2, "02989"), (4, "02998"), (5, "02999")], parsed.Rows.Select(r => (r.Row, r.CommuneCode)));
        Assert.Equal([1m, 85.5m], parsed.Rows[0].Cells.Select(c => c.Value!.Value));
        Assert.Equal([("1.2", (decimal?)null)], parsed.Rows[2].Cells.Select(c => (c.Indicator.Code, c.Value)));
    }

    [Fact]
    public void A_csv_that_is_not_utf8_is_reported_instead_of_storing_broken_names()
    {
        var bytes = Encoding.Latin1.GetBytes("Mã xã,1.1\r\n02989,Ðạt\r\n".Replace("ạ", "a"));
        using var stream = new MemoryStream(bytes);
        var parsed = ValuesSheetReader.Read(stream, UploadFormat.Csv, "a.csv", Indicators);
        Assert.Contains(parsed.Problems, p => p.Message.Contains("UTF-8"));
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_one_problem_not_an_error()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("PK không phải zip"));
        var parsed = ValuesSheetReader.Read(stream, UploadFormat.Xlsx, "x.xlsx", Indicators);
        Assert.Contains("Không đọc được", Assert.Single(parsed.Problems).Message);
    }

    internal static List<IDictionary<string, object?>> Rows(Stream stream, string sheet)
    {
        stream.Position = 0;
        return MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }

    /// <summary>An .xlsx whose "Số liệu" sheet holds these rows (null: an empty row), the first row as header.</summary>
    internal static MemoryStream Sheet(params object?[]?[] rows)
    {
        var width = rows.Max(r => r?.Length ?? 0);
        var data = rows.Select(r =>
                Enumerable
                    .Range(0, width)
                    .ToDictionary(i => ValuesWorkbook.ColumnLetter(i), i => r is not null && i < r.Length ? r[i] : null)
            )
            .ToList();
        var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, data, printHeader: false, sheetName: ValuesWorkbook.ValuesSheet);
        stream.Position = 0;
        return stream;
    }
}

using MiniExcelLibs;
using Mtqg.Domain.Evaluation;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Tests.Excel;

public sealed class ResultsWorkbookTests
{
    [Fact]
    public void The_results_sheet_has_one_row_per_commune_with_counts_band_levels_and_each_criterion_status()
    {
        var set = ValuesWorkbookTests.Set;
        var met = Evaluator.Evaluate(
            set,
            "G1",
            2026,
            "NTM",
            new Dictionary<string, decimal?>
            {
                ["1.1"] = 1,
                ["1.2"] = 96,
                ["2.1"] = 61,
            }
        );
        var gaps = Evaluator.Evaluate(set, null, 2026, "NTM", new Dictionary<string, decimal?> { ["1.1"] = 1, ["1.2"] = 80 });
        var model = new ResultsWorkbookModel(
            "15",
            "Tỉnh Lào Cai",
            2026,
            "THU",
            "Bộ thử",
            set,
            new DateTime(2026, 3, 1, 1, 30, 0, DateTimeKind.Utc),
            [new EvaluatedCommune("02989", "Xã Bảo Hà", met), new EvaluatedCommune("02998", "Xã Tân Thượng", gaps)]
        );

        using var stream = new MemoryStream(ResultsWorkbook.Build(model));
        Assert.Equal([ResultsWorkbook.ResultsSheet, ResultsWorkbook.NotesSheet], MiniExcel.GetSheetNames(stream));
        var rows = ValuesWorkbookTests.Rows(stream, ResultsWorkbook.ResultsSheet);

        Assert.Equal(
            ["Mã xã", "Tên xã", "Nhóm", "Số tiêu chí đạt", "Tổng số tiêu chí", "Xếp loại", "Mức đạt", "1. Quy hoạch", "2. Thu nhập"],
            rows[0].Values.Select(v => v?.ToString())
        );
        Assert.Equal(new object?[] { "02989", "Xã Bảo Hà", "G1", 2.0, 2.0, "Đạt chuẩn", "NTM", "Đạt", "Đạt" }, rows[1].Values);
        Assert.Equal(
            new object?[] { "02998", "Xã Tân Thượng", null, 0.0, 2.0, "Dưới chuẩn", null, "Chưa đạt", "Thiếu số liệu" },
            rows[2].Values
        );

        var notes = ValuesWorkbookTests.Rows(stream, ResultsWorkbook.NotesSheet);
        Assert.Contains(notes, r => r["B"] as string == "01/03/2026 08:30 (giờ Việt Nam), từ số liệu đang lưu");
    }
}

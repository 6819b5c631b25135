using Mtqg.Web.Features.Reports;

namespace Mtqg.Web.Tests.Reports;

/// <summary>The two renderers on a report made by hand (no database): any report model, the same content in both files.</summary>
public sealed class ReportRendererTests
{
    private static Report Sample(int columns, string? closed = null) =>
        new(
            new ReportHeader(
                "UBND TỈNH THỬ",
                "VĂN PHÒNG ĐIỀU PHỐI CÁC CTMTQG",
                "BC-VPĐP",
                "Thử",
                new DateOnly(2026, 7, 5),
                "BÁO CÁO THỬ",
                "6 tháng đầu năm 2026",
                "xã",
                ReportKind.SystemForm,
                closed
            ),
            [
                new ReportTable(
                    "I. Bảng thử",
                    [new("Tên", 20), .. Enumerable.Range(1, columns - 1).Select(i => new ReportColumn($"Cột {i}", 12))],
                    [
                        new ReportRow(["=SUM(A1:A9)", .. Enumerable.Range(1, columns - 1).Select(i => ReportCell.Of(1234567L * i))]),
                        new ReportRow(["Cộng", .. Enumerable.Range(1, columns - 1).Select(_ => ReportCell.Rate(12.5m))], Total: true),
                    ]
                ),
            ],
            ["Ghi chú thử."]
        );

    [Fact]
    public void A_narrow_report_prints_portrait_and_a_wide_one_landscape_in_both_formats()
    {
        foreach (var (columns, landscape) in new[] { (3, false), (12, true) })
        {
            var report = Sample(columns);
            Assert.Equal(landscape, report.Wide);
            var xlsx = ReportXlsx.Render(report);
            var docx = ReportDocx.Render(report);
            Assert.Equal("", ReportFiles.SchemaErrors(xlsx, docx: false));
            Assert.Equal("", ReportFiles.SchemaErrors(docx, docx: true));
            Assert.Equal(landscape ? "landscape" : "portrait", ReportFiles.Info(xlsx).Orientation);
            var page = ReportFiles.Docx(docx).Page;
            Assert.Equal(landscape ? 16838u : 11906u, page.Width!.Value);
        }
    }

    [Fact]
    public void Numbers_stay_numbers_in_the_workbook_and_read_the_Vietnamese_way_in_the_document_and_formula_text_stays_text()
    {
        var report = Sample(3);
        var rows = ReportFiles.Rows(ReportXlsx.Render(report));
        var first = ReportFiles.Row(rows, 0, "'=SUM(A1:A9)");
        Assert.Equal(("1234567", "2469134"), (first[1], first[2]));
        Assert.Equal("12.5", ReportFiles.Row(rows, 0, "Cộng")[1]);
        Assert.Contains("Thử, ngày 05 tháng 07 năm 2026", rows.SelectMany(r => r.Values));
        Assert.Contains("Số liệu chưa khóa sổ", rows.SelectMany(r => r.Values));

        var (text, tableRows, _) = ReportFiles.Docx(ReportDocx.Render(report));
        Assert.Contains(["=SUM(A1:A9)", "1.234.567", "2.469.134"], tableRows);
        Assert.Contains(["Cộng", "12,50", "12,50"], tableRows);
        Assert.Contains("Ghi chú thử.", text);
    }

    [Fact]
    public void The_header_says_when_the_figures_come_from_a_closed_period()
    {
        const string closed = "Số liệu của kỳ đã khóa sổ ngày 31/12/2026 bởi Văn phòng Điều phối";
        var report = Sample(3, closed);
        Assert.Contains(closed, ReportFiles.Rows(ReportXlsx.Render(report)).SelectMany(r => r.Values));
        Assert.Contains(closed, ReportFiles.Docx(ReportDocx.Render(report)).Text);
        Assert.DoesNotContain(ReportHeader.OpenNote, ReportFiles.Docx(ReportDocx.Render(report)).Text);
    }
}

using Mtqg.Domain.Common;
using Mtqg.Web.Features.Poverty;

namespace Mtqg.Web.Features.Reports;

/// <summary>The poverty review by commune: the figures of GET …/provinces/{p}/years/{y}/poverty (approved results only).</summary>
public sealed class PovertyReport(PovertyService poverty) : IReportBuilder
{
    public async Task<(ReportContent? Content, Outcome Outcome)> BuildAsync(ReportScope scope, CancellationToken ct)
    {
        var (summary, outcome) = await poverty.ProvinceAsync(scope.Province!, scope.Year, ct);
        if (summary is null)
            return (null, outcome);
        var overview = new ReportTable(
            "I. Toàn tỉnh",
            [
                new("Số xã", 8),
                new("Đã nhập", 8),
                new("Đã phê duyệt", 9),
                new("Tổng số hộ", 13),
                new("Hộ nghèo", 11),
                new("Hộ cận nghèo", 11),
                new("Tỷ lệ hộ nghèo (%)", 10),
                new("Tỷ lệ hộ cận nghèo (%)", 10),
                new($"Tỷ lệ hộ nghèo năm {scope.Year - 1} (%)", 10),
                new("Thay đổi (điểm %)", 10),
            ],
            [
                new(
                    summary.CommuneCount,
                    summary.Entered,
                    summary.Approved,
                    ReportCell.Of(summary.Households),
                    ReportCell.Of(summary.Poor),
                    ReportCell.Of(summary.NearPoor),
                    ReportCell.Rate(summary.PovertyRate),
                    ReportCell.Rate(summary.NearPovertyRate),
                    ReportCell.Rate(summary.PreviousRate),
                    ReportCell.Rate(summary.Change)
                ),
            ]
        );
        var communes = new ReportTable(
            "II. Từng xã",
            [
                new("TT", 5),
                new("Mã xã", 8),
                new("Tên xã", 24),
                new("Trạng thái", 13),
                new("Tổng số hộ", 11),
                new("Hộ nghèo", 10),
                new("Hộ cận nghèo", 10),
                new("Tỷ lệ hộ nghèo (%)", 10),
                new("Tỷ lệ hộ cận nghèo (%)", 10),
                new($"Năm {scope.Year - 1} (%)", 10),
                new("Thay đổi (điểm %)", 10),
            ],
            [
                .. summary.Communes.Select(
                    (c, i) =>
                        new ReportRow(
                            i + 1,
                            c.Code,
                            c.Name,
                            Status(c.Status),
                            ReportCell.Of(c.Households),
                            ReportCell.Of(c.Poor),
                            ReportCell.Of(c.NearPoor),
                            ReportCell.Rate(c.PovertyRate),
                            ReportCell.Rate(c.NearPovertyRate),
                            ReportCell.Rate(c.PreviousRate),
                            ReportCell.Rate(c.Change)
                        )
                ),
                new ReportRow(
                    [
                        "",
                        "",
                        "Toàn tỉnh",
                        "",
                        ReportCell.Of(summary.Households),
                        ReportCell.Of(summary.Poor),
                        ReportCell.Of(summary.NearPoor),
                        ReportCell.Rate(summary.PovertyRate),
                        ReportCell.Rate(summary.NearPovertyRate),
                        ReportCell.Rate(summary.PreviousRate),
                        ReportCell.Rate(summary.Change),
                    ],
                    Total: true
                ),
            ]
        );
        var support = summary.ProductionSupport;
        var production = new ReportTable(
            "III. Hỗ trợ phát triển sản xuất",
            [new("Nội dung", 60), new("Số lượng", 16)],
            [
                new("Số dự án hỗ trợ phát triển sản xuất", support.Projects),
                new("Số hộ hưởng lợi", support.Beneficiaries),
                new("Số hộ thoát nghèo", support.Escaped),
                new("Tỷ lệ hộ thoát nghèo trên hộ hưởng lợi (%)", ReportCell.Rate(support.EscapedShare)),
                new("Số dự án chưa ghi số hộ", support.WithoutFigures),
            ]
        );
        var notes = new List<string>
        {
            $"Số liệu tổng hợp từ kết quả rà soát đã phê duyệt của các xã có hiệu lực ngày 31/12/{scope.Year}; chuẩn nghèo áp dụng: {summary.Standard ?? "chưa xác định"}.",
            "Xã chưa phê duyệt để trống số liệu. Thay đổi tính bằng điểm phần trăm so với năm trước; xã mới sau sắp xếp năm 2025 so với tổng các xã cũ hợp thành.",
        };
        notes.AddRange(summary.Communes.Where(c => c.PreviousNote is not null).Select(c => $"{c.Name}: {c.PreviousNote}"));
        return (new ReportContent([overview, communes, production], notes), Outcome.Done);
    }

    private static string Status(string? status) =>
        status switch
        {
            null => "Chưa nhập",
            "approved" => "Đã phê duyệt",
            "draft" => "Chờ phê duyệt",
            _ => status,
        };
}

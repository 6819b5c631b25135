namespace Mtqg.Web.Features.Reports;

/// <summary>A parameter of a report's query string, as the catalog tells callers.</summary>
public sealed record ReportParameterView(string Name, string Label, bool Required, string Description);

/// <summary>One entry of <c>GET /api/v1/reports</c>: period is "half-year" or "year".</summary>
public sealed record ReportInfo(string Code, string Title, string Period, IReadOnlyList<ReportParameterView> Parameters);

/// <summary>
/// A report the system fills: its code, title, period, whether it has a national version, its unit of measure, the form
/// it follows and the builder that fills its tables. Form numbers are cited only where the reference data confirms them
/// (../shared/data/reference/reporting.json: the NTM monitoring forms are unverified).
/// </summary>
public sealed record ReportKind(string Code, string Title, bool HalfYear, bool National, string Unit, string Form, Type Builder)
{
    public const string SystemForm = "Mẫu do hệ thống lập (chưa đối chiếu mẫu chính thức)";

    public string Period => HalfYear ? "half-year" : "year";

    /// <summary>The query string keys a report accepts.</summary>
    public IReadOnlyList<string> Keys => HalfYear ? ["province", "year", "half"] : ["province", "year"];

    public ReportInfo Info =>
        new(
            Code,
            Title,
            Period,
            [
                new(
                    "province",
                    "Tỉnh, thành phố",
                    !National,
                    National ? "Mã tỉnh (2 chữ số); bỏ trống: cả nước (tài khoản xem toàn quốc)" : "Mã tỉnh (2 chữ số), bắt buộc"
                ),
                new("year", "Năm", true, "Năm báo cáo (2000–2100)"),
                .. HalfYear
                    ? new[] { new ReportParameterView("half", "Kỳ", false, "1: 6 tháng đầu năm; 2: 6 tháng cuối năm; bỏ trống: cả năm") }
                    : [],
            ]
        );
}

public static class ReportCatalog
{
    public static readonly IReadOnlyList<ReportKind> All =
    [
        new(
            "ntm-results",
            "Kết quả thực hiện Bộ tiêu chí xã nông thôn mới theo xã và tiêu chí",
            false,
            true,
            "xã",
            ReportKind.SystemForm,
            typeof(NtmResultsReport)
        ),
        new(
            "recognition",
            "Kết quả công nhận, thu hồi danh hiệu xã đạt chuẩn nông thôn mới theo mức và đợt",
            false,
            false,
            "xã",
            ReportKind.SystemForm,
            typeof(RecognitionReport)
        ),
        new(
            "money",
            "Tình hình giao vốn và giải ngân các chương trình mục tiêu quốc gia theo chương trình và nguồn vốn",
            true,
            true,
            "đồng",
            ReportKind.SystemForm,
            typeof(MoneyReport)
        ),
        new(
            "poverty",
            "Kết quả rà soát hộ nghèo, hộ cận nghèo theo xã",
            false,
            false,
            "hộ; tỷ lệ: %",
            // Thông tư 10/2022/TT-BLĐTBXH sets the programme's monitoring forms (Mẫu 01–02, Biểu 01–15); which Biểu this
            // table matches could not be read (../shared/data/reference/poverty.json), so none is cited.
            ReportKind.SystemForm + "; chế độ báo cáo: Thông tư 10/2022/TT-BLĐTBXH",
            typeof(PovertyReport)
        ),
        new(
            "agencies",
            "Kết quả giúp đỡ xã của các cơ quan, đơn vị: buổi làm việc, hỗ trợ và kiến nghị",
            true,
            false,
            "buổi, kiến nghị; giá trị hỗ trợ: đồng",
            ReportKind.SystemForm,
            typeof(AgenciesReport)
        ),
    ];

    public static ReportKind? Find(string? code) => All.FirstOrDefault(k => k.Code == code);
}

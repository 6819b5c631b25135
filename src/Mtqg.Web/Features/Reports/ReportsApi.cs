using Mtqg.Web.Api;

namespace Mtqg.Web.Features.Reports;

public static class ReportsApi
{
    private const string Tag = "Báo cáo";

    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services
            .AddScoped<ReportService>()
            .AddScoped<NtmResultsReport>()
            .AddScoped<RecognitionReport>()
            .AddScoped<MoneyReport>()
            .AddScoped<PovertyReport>()
            .AddScoped<AgenciesReport>();

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags(Tag).RequireAuthorization();
        reports
            .MapGet("/", () => TypedResults.Ok(ReportCatalog.All.Select(k => k.Info).ToList()))
            .Produces<List<ReportInfo>>()
            .WithSummary("Danh mục báo cáo lập được: [{code, title, period: \"half-year\" | \"year\", parameters}]");
        const string parameters =
            "Tham số: province (mã tỉnh; bỏ trống: cả nước với báo cáo có bản toàn quốc, cho quản trị viên và người xem toàn quốc), year (bắt buộc), half (1 | 2, chỉ báo cáo 6 tháng). Mã báo cáo hoặc tham số lạ, năm không phải số, half khác 1 | 2, mã tỉnh không có: 400 nêu tham số. Tỉnh tài khoản không được xem: 403. Có phần đầu văn bản (Quốc hiệu, Tiêu ngữ, cơ quan báo cáo, số, địa danh và ngày, tên báo cáo, kỳ, đơn vị tính), các bảng và phần ký; số liệu bằng số liệu của API tương ứng.";
        reports
            .MapGet("/{code}.xlsx", (string code, HttpRequest request, ReportService s, CancellationToken ct) =>
                FileAsync(code, request, s, "xlsx", ReportXlsx.ContentType, ReportXlsx.Render, ct)
            )
            .Produces(StatusCodes.Status200OK, contentType: ReportXlsx.ContentType)
            .WithSummary("Một báo cáo dạng Excel (.xlsx), in trên giấy A4")
            .WithDescription(parameters);
        reports
            .MapGet("/{code}.docx", (string code, HttpRequest request, ReportService s, CancellationToken ct) =>
                FileAsync(code, request, s, "docx", ReportDocx.ContentType, ReportDocx.Render, ct)
            )
            .Produces(StatusCodes.Status200OK, contentType: ReportDocx.ContentType)
            .WithSummary("Một báo cáo dạng Word (.docx), in trên giấy A4")
            .WithDescription(parameters);
        return app;
    }

    private static async Task<IResult> FileAsync(
        string code,
        HttpRequest request,
        ReportService s,
        string extension,
        string contentType,
        Func<Report, byte[]> render,
        CancellationToken ct
    )
    {
        var (scope, outcome) = await s.ScopeAsync(code, request.Query, ct);
        if (scope is null)
            return ApiProblems.From(outcome);
        var (report, built) = await s.BuildAsync(scope, ct);
        return report is null ? ApiProblems.From(built) : TypedResults.File(render(report), contentType, scope.FileName(extension));
    }
}

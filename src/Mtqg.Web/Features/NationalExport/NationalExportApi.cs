using Mtqg.Web.Api;
using Mtqg.Web.Features.Money;

namespace Mtqg.Web.Features.NationalExport;

public static class NationalExportApi
{
    private const string Tag = "Báo cáo, dữ liệu quốc gia";

    public static IServiceCollection AddNationalExport(this IServiceCollection services) => services.AddScoped<NationalExportService>();

    public static IEndpointRouteBuilder MapNationalExportApi(this IEndpointRouteBuilder app)
    {
        var province = app.MapGroup("/api/v1/provinces/{code}/years/{year:int}").WithTags(Tag).RequireAuthorization();
        province
            .MapGet(
                "/national-export",
                async Task<IResult> (string code, int year, string? set, NationalExportService s, CancellationToken ct) =>
                    await s.BuildAsync(code, year, set, ct) switch
                    {
                        ({ } document, _) => TypedResults.Ok(document),
                        (_, var outcome) => ApiProblems.From(outcome),
                    }
            )
            .Produces<NationalExportDocument>()
            .WithSummary(
                "Dữ liệu của tỉnh trong năm gửi cơ sở dữ liệu quốc gia các CTMTQG (JSON theo lược đồ docs/national-export.schema.json)"
            )
            .WithDescription(
                "{schemaVersion, province:{code, name}, year, generatedAt, closedParts:[{part, closedAt, closedBy}], criteriaSet:{code, name, level, criteria:[{code, name, indicators}]}, communes:[{code, name, kind, group, criteriaMet, criteriaTotal, criteriaNotMet, levelsReached, titles, poverty, contributions, values}], programmes:[{code, name, allocated, disbursed, bySource:[{source, allocated, disbursed}]}], projects:[{id, name, allocated, disbursed, lastMonth}]}. Mã đơn vị hành chính chính thức, mã tiêu chí và chỉ tiêu của bộ tiêu chí; số tiền bằng đồng; hộ nghèo chỉ lấy kết quả đã phê duyệt. Lược đồ do hệ thống lập (Quyết định 25/2025/QĐ-TTg chưa công bố trường dữ liệu). Văn phòng Điều phối, thẩm định viên, người xem của tỉnh, quản trị viên."
            );
        province
            .MapGet(
                "/national-export.xlsx",
                async Task<IResult> (string code, int year, string? set, NationalExportService s, CancellationToken ct) =>
                    await s.BuildAsync(code, year, set, ct) switch
                    {
                        ({ } document, _) => TypedResults.File(
                            NationalExportWorkbook.Build(document),
                            CapitalWorkbook.ContentType,
                            NationalExportWorkbook.FileName(code, year)
                        ),
                        (_, var outcome) => ApiProblems.From(outcome),
                    }
            )
            .Produces(StatusCodes.Status200OK, contentType: CapitalWorkbook.ContentType)
            .WithSummary("Dữ liệu gửi cơ sở dữ liệu quốc gia dạng Excel (cùng nội dung với bản JSON)");
        return app;
    }
}

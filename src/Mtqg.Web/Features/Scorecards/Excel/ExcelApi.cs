using Microsoft.AspNetCore.Identity;
using Mtqg.Domain.Common;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Scorecards.Excel;

public static class ExcelApi
{
    public static IServiceCollection AddScorecardExcel(this IServiceCollection services) =>
        services.AddScoped<ScorecardExcelService>().AddSingleton<ExportCache>().AddSingleton<PendingUploads>();

    public static IEndpointRouteBuilder MapScorecardExcelApi(this IEndpointRouteBuilder app)
    {
        var province = app.MapGroup("/api/v1/provinces/{code}/years/{year:int}").WithTags("Excel số liệu");
        province
            .MapGet("/workbook", GetWorkbook)
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: ValuesWorkbook.ContentType)
            .WithSummary("Tệp Excel số liệu chỉ tiêu của tỉnh trong năm (mỗi xã một dòng, mỗi chỉ tiêu một cột) kèm trang Hướng dẫn")
            .WithDescription(
                "set: mã bộ tiêu chí (mặc định bộ đã ban hành có hiệu lực năm đó). Chỉ tiêu đạt/không đạt ghi Đạt/Chưa đạt. Dùng tệp này để điền rồi tải lên bằng POST cùng địa chỉ."
            );
        // Bearer only: a multipart form can be posted cross-site with the sign-in cookie, so the
        // cookie is not accepted here (the page uploads through the same service in process instead).
        province
            .MapPost("/workbook", PostWorkbook)
            .Produces<UploadReport>()
            .RefusedWhenClosed()
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser())
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary(
                "Tải lên tệp Excel (.xlsx) hoặc CSV số liệu chỉ tiêu của tỉnh trong năm; kiểm tra mọi ô trước, ghi tất cả trong một giao dịch"
            )
            .WithDescription(
                "multipart/form-data, trường `file`, tối đa 20 MB (Mtqg:Uploads:WorkbookMegabytes); tài khoản không được nhập số liệu của xã nào trong tỉnh: 403 trước khi đọc tệp. Tệp vượt giới hạn cấu trúc (số phần, dung lượng giải nén, dòng, cột, ô, độ dài một ô; Mtqg:Uploads:*) hoặc đọc quá thời gian: 400 nêu giới hạn (`bound`); quá dung lượng: 413. Ô trống: giữ nguyên; ô ghi \"xóa\": xóa giá trị. Có lỗi: 400 liệt kê từng lỗi (trang, dòng, cột, lý do) trong `errors` (khóa là ô, ví dụ \"Số liệu!D7\") và `problems`, không ghi gì. Tài khoản phải được nhập số liệu cho mọi xã trong tệp, nếu không: 403 nêu các xã. Ô có giá trị của chỉ tiêu lấy giá trị từ kết quả rà soát hộ nghèo (`source`): 409 nêu chỉ tiêu và nguồn, không ghi gì. preview=true: kiểm tra như khi ghi và trả về những gì sẽ thay đổi, không ghi gì (`written`: false). Thành công: {communes, valuesChanged (giá trị mới hoặc khác giá trị đang lưu), valuesCleared (giá trị đang lưu bị xóa), valuesUnchanged (ô trùng giá trị đang lưu, không ghi lại), written, seconds, byCommune (từng xã), changes (tối đa 200 ô: giá trị cũ → mới), changesTotal}. Khi ghi, số đếm là những gì thực sự đã ghi, so với số liệu đang lưu lúc ghi."
            );
        province
            .MapGet("/scorecards.xlsx", GetResults)
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: ValuesWorkbook.ContentType)
            .WithSummary(
                "Tệp Excel kết quả đánh giá các xã của tỉnh trong năm (số tiêu chí đạt, xếp loại, mức đạt, trạng thái từng tiêu chí)"
            );
        app.MapGet("/api/v1/years/{year:int}/scorecards.xlsx", GetNationalResults)
            .AllowAnonymous()
            .WithTags("Excel số liệu")
            .Produces(StatusCodes.Status200OK, contentType: ValuesWorkbook.ContentType)
            .WithSummary("Tệp Excel kết quả đánh giá mọi xã của cả nước trong năm (mỗi xã một dòng, mỗi tiêu chí một cột, kèm tỉnh)")
            .WithDescription(
                "set: mã bộ tiêu chí (mặc định bộ đã ban hành có hiệu lực năm đó). Xã là đơn vị có hiệu lực ngày 31/12 của năm: trước năm 2025 là xã của 63 tỉnh cũ."
            );
        return app;
    }

    private static async Task<IResult> GetNationalResults(int year, string? set, ExportCache cache, CancellationToken ct)
    {
        var (file, outcome) = await cache.GetAsync(
            $"results:national:{year}:{set}",
            (services, stopping) => services.GetRequiredService<ScorecardExcelService>().NationalResultsWorkbookAsync(year, set, stopping),
            ct
        );
        return file is null ? ApiProblems.From(outcome) : TypedResults.File(file.Content, ValuesWorkbook.ContentType, file.FileName);
    }

    private static async Task<IResult> GetWorkbook(
        string code,
        int year,
        string? set,
        ScorecardExcelService excel,
        AccessPolicy access,
        CancellationToken ct
    )
    {
        if (!await access.CanReadProvinceAsync(code, year))
            return TypedResults.Problem(
                "Tài khoản không có quyền tải số liệu chi tiết của tỉnh này.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Không có quyền"
            );
        var (file, outcome) = await excel.ValuesWorkbookAsync(code, year, set, ct);
        return file is null ? ApiProblems.From(outcome) : TypedResults.File(file.Content, ValuesWorkbook.ContentType, file.FileName);
    }

    private static async Task<IResult> GetResults(string code, int year, string? set, ExportCache cache, CancellationToken ct)
    {
        var (file, outcome) = await cache.GetAsync(
            $"results:{code}:{year}:{set}",
            (services, stopping) => services.GetRequiredService<ScorecardExcelService>().ResultsWorkbookAsync(code, year, set, stopping),
            ct
        );
        return file is null ? ApiProblems.From(outcome) : TypedResults.File(file.Content, ValuesWorkbook.ContentType, file.FileName);
    }

    private static async Task<IResult> PostWorkbook(
        string code,
        int year,
        string? set,
        bool? preview,
        HttpRequest request,
        ScorecardExcelService excel,
        CancellationToken ct
    )
    {
        // The upload gate (decision 0018): who may write here is asked before a byte of the body is read, then the body
        // is received with its bytes counted; the service measures the file's structure before parsing it.
        var (refusal, outcome) = await excel.MayUploadAsync(code, year, set, ct);
        if (refusal is not null)
            return UploadPages.Answer(refusal);
        if (!outcome.IsDone)
            return ApiProblems.From(outcome);
        var (file, refused) = await UploadGate.ReceiveAsync(request, excel.MaxBytes, UploadGate.WorkbookSetting, ct);
        if (refused is not null)
            return UploadPages.Answer(refused);
        await using (file)
        {
            if (file!.Length == 0)
                return ApiProblems.Invalid("file", "Chưa có tệp: gửi tệp .xlsx hoặc .csv trong trường \"file\".");
            return ToHttp(await excel.UploadAsync(code, year, set, file.Content, file.FileName, ct, preview == true));
        }
    }

    internal static IResult ToHttp(UploadOutcome result) =>
        result switch
        {
            { Report: { } report } => TypedResults.Ok(report),
            { Refusal: { } refusal } => UploadPages.Answer(refusal),
            { Outcome.Kind: OutcomeKind.Forbidden } => TypedResults.Problem(
                result.Outcome.Message,
                statusCode: StatusCodes.Status403Forbidden,
                title: "Không có quyền",
                extensions: new Dictionary<string, object?> { ["communes"] = result.Forbidden }
            ),
            { Problems.Count: > 0 } => TypedResults.ValidationProblem(
                result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(ScorecardExcelService.Describe).ToArray()),
                detail: result.Outcome.Message,
                title: "Dữ liệu không hợp lệ",
                extensions: new Dictionary<string, object?>
                {
                    ["problems"] = result.Problems.Select(p => new
                    {
                        p.Sheet,
                        p.Row,
                        p.Column,
                        p.Cell,
                        p.Message,
                    }),
                }
            ),
            _ => ApiProblems.From(result.Outcome),
        };
}

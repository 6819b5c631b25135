using Mtqg.Domain.Common;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Plans;

namespace Mtqg.Web.Features.Money.Projects;

public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/v1/projects").WithTags("Dự án, giải ngân").RequireAuthorization();
        projects
            .MapGet(
                "/",
                (
                    string? province,
                    int? year,
                    string? programme,
                    string? commune,
                    string? q,
                    int? page,
                    ProjectService s,
                    CancellationToken ct
                ) => PlansApi.Answer(s.ListAsync(province, year, programme, commune, q, page ?? 1, ct))
            )
            .Produces<ProjectPage>()
            .WithSummary("Các dự án của tỉnh (province=mã tỉnh; year, programme, commune, q lọc; page: 50 dự án một trang)")
            .WithDescription("{items:[{id, name, kind, programme, …}], total, page, pageSize}. Cán bộ xã chỉ thấy dự án của xã mình.");
        projects
            .MapPost("/", async (ProjectInput input, ProjectService s, CancellationToken ct) =>
                PlansApi.Created(await s.CreateAsync(input, ct), id => $"/api/v1/projects/{id}")
            )
            .Produces<CreatedId>(StatusCodes.Status201Created)
            .WithSummary("Lập dự án (Văn phòng Điều phối, Sở Tài chính của tỉnh)")
            .WithDescription(
                "Thân: {provinceCode, name, kind: investment|production-support|other, programme, component?, investor:{departmentCode? | communeCode?}, "
                    + "communes:[mã xã], startYear, endYear, approvedTotal, sources:[{source, amount}], beneficiaries?:{households, poor, nearPoor, "
                    + "ethnicMinority, escapedPoverty}, criteria?:[số tiêu chí]}. Số tiền là số đồng; các nguồn phải cộng đúng tổng mức. 400 nêu từng lỗi."
            );
        projects
            .MapGet("/{id:int}", (int id, ProjectService s, HttpResponse response, CancellationToken ct) =>
                PlansApi.Versioned(s.GetAsync(id, ct), response, p => p.Version)
            )
            .Produces<ProjectView>()
            .WithSummary("Một dự án: vốn theo năm và nguồn, giải ngân lũy kế từng tháng, các lần điều chỉnh (ETag: version để sửa)");
        projects
            .MapPut("/{id:int}", (int id, ProjectInput input, ProjectService s, HttpRequest request, CancellationToken ct) =>
                IfMatch.AnswerAsync(request, async version => (await s.SaveAsync(id, input, ct, version)).Outcome)
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Sửa dự án (tỉnh giữ nguyên); gửi If-Match với version đọc được, người khác đã lưu trước thì 412");
        projects
            .MapPut("/{id:int}/years/{year:int}", async (int id, int year, AllocationInput input, ProjectService s, CancellationToken ct) =>
                PlansApi.NoContent(await s.AllocateAsync(id, year, input, ct))
            )
            .Produces(StatusCodes.Status204NoContent)
            .RefusedWhenClosed()
            .WithSummary("Vốn giao cho dự án trong năm theo nguồn (thay cả năm): {allocated:[{source, amount}]}");
        projects
            .MapPut(
                "/{id:int}/disbursements/{month}",
                async (int id, string month, DisbursementInput input, ProjectService s, CancellationToken ct) =>
                    PlansApi.NoContent(await s.DisburseAsync(id, month, input, ct))
            )
            .Produces(StatusCodes.Status204NoContent)
            .RefusedWhenClosed()
            .WithSummary("Giải ngân lũy kế từ 1/1 đến hết tháng (yyyy-MM) theo nguồn: {disbursed:[{source, amount}], correction?}")
            .WithDescription(
                "Từ chối (400, không ghi gì): vượt vốn giao năm của nguồn, tháng chưa đến, lũy kế thấp hơn tháng trước mà không có lý do (correction)."
            );

        app.MapGet(
                "/api/v1/provinces/{code}/years/{year:int}/disbursement",
                (string code, int year, DisbursementSummaryService s, CancellationToken ct) =>
                    PlansApi.Answer(s.ProvinceAsync(code, year, ct))
            )
            .RequireAuthorization()
            .WithTags("Dự án, giải ngân")
            .Produces<ProvinceDisbursement>()
            .WithSummary("Giải ngân của tỉnh trong năm so với vốn giao: theo chương trình, nguồn, chủ đầu tư, tháng; dự án chậm nhất trước")
            .WithDescription("Tỷ lệ là phần trăm, một chữ số thập phân; null khi vốn giao bằng 0.");
        app.MapGet("/api/v1/years/{year:int}/disbursement", (int year, DisbursementSummaryService s, CancellationToken ct) =>
                PlansApi.Answer(s.NationalAsync(year, ct))
            )
            .AllowAnonymous()
            .WithTags("Dự án, giải ngân")
            .Produces<NationalDisbursement>()
            .WithSummary("Giải ngân cả nước trong năm: tổng và từng tỉnh (công khai)");
        var months = app.MapGroup("/api/v1/provinces/{code}/disbursements").WithTags("Dự án, giải ngân").RequireAuthorization();
        months
            .MapGet("/{month}.xlsx", async Task<IResult> (string code, string month, ProjectService s, CancellationToken ct) =>
                await s.MonthSheetAsync(code, month, ct) switch
                {
                    ({ } bytes, _) => TypedResults.File(
                        bytes,
                        CapitalWorkbook.ContentType,
                        DisbursementWorkbook.FileName(
                            code,
                            ProjectService.ParseMonth(month)!.Value.Year,
                            ProjectService.ParseMonth(month)!.Value.Month
                        )
                    ),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces(StatusCodes.Status200OK, contentType: CapitalWorkbook.ContentType)
            .WithSummary("Tệp Excel giải ngân tháng (yyyy-MM) của mọi dự án của tỉnh có vốn giao năm đó: ghi lũy kế rồi tải lên lại");
        months
            .MapPost("/{month}", UploadMonth)
            .Produces<MonthSheetRecorded>()
            .RefusedWhenClosed()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Nhập giải ngân tháng (yyyy-MM) của cả tỉnh bằng tệp Excel (mẫu như GET …/{month}.xlsx)")
            .WithDescription(
                "Tệp .xlsx trong trường file. Mỗi dự án được kiểm tra như PUT /projects/{id}/disbursements/{month}; có lỗi ở bất kỳ ô nào thì 400 nêu từng ô (trang, dòng, cột) và không ghi gì. Văn phòng Điều phối, Sở Tài chính của tỉnh và quản trị viên; quyền được hỏi trước khi đọc tệp."
            );
        return app;
    }

    /// <summary>The upload gate (decision 0018): permission before a byte of the body, then bytes, structure, parse.</summary>
    private static async Task<IResult> UploadMonth(
        string code,
        string month,
        HttpRequest request,
        ProjectService s,
        UploadGate gate,
        CancellationToken ct
    )
    {
        var may = await s.MayLoadMonthAsync(code, month, ct);
        if (may.Kind == OutcomeKind.Forbidden)
            return UploadPages.Answer(UploadGate.Forbidden($"{may.Message} Tệp không được đọc."));
        if (!may.IsDone)
            return ApiProblems.From(may);
        var (file, refused) = await UploadGate.ReceiveAsync(request, gate.WorkbookBytes, UploadGate.WorkbookSetting, ct);
        if (refused is not null)
            return UploadPages.Answer(refused);
        await using (file)
        {
            var result = await s.UploadMonthAsync(code, month, file!.Content, gate, ct);
            return result.Projects is { } n
                ? TypedResults.Ok(new MonthSheetRecorded(n))
                : MoneyApi.ToHttp(result.Refusal, result.Problems, result.Outcome);
        }
    }
}

/// <summary>How many projects a month sheet recorded.</summary>
public sealed record MonthSheetRecorded(int Projects);

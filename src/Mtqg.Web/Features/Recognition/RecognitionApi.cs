using Microsoft.AspNetCore.Identity;
using Mtqg.Domain.Common;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Recognition.Appraisal;
using Mtqg.Web.Features.Recognition.Decisions;
using Mtqg.Web.Features.Recognition.Dossiers;
using Mtqg.Web.Features.Recognition.Review;
using Mtqg.Web.Features.Recognition.Titles;
using static Mtqg.Web.Features.Files.FileUploads;

namespace Mtqg.Web.Features.Recognition;

public static class RecognitionApi
{
    public static IServiceCollection AddRecognition(this IServiceCollection services) =>
        services
            .AddScoped<DossierSteps>()
            .AddScoped<DossierService>()
            .AddScoped<EvidenceService>()
            .AddScoped<ConditionService>()
            .AddScoped<AppraisalService>()
            .AddScoped<DecisionService>()
            .AddScoped<TitleService>()
            .AddScoped<MaintenanceReviewService>()
            .AddScoped<DossierExcel>()
            .AddScoped<RecognitionDemoSeeder>();

    public static IEndpointRouteBuilder MapRecognitionApi(this IEndpointRouteBuilder app)
    {
        var dossiers = app.MapGroup("/api/v1/dossiers").WithTags("Hồ sơ đề nghị công nhận").RequireAuthorization();
        dossiers
            .MapPost("/", Create)
            .Produces<DossierDto>(StatusCodes.Status201Created)
            .WithSummary("Lập hồ sơ đề nghị công nhận xã (một xã, một năm, một mức)")
            .WithDescription(
                "Thân: {\"commune\": \"02989\", \"year\": 2026, \"set\": \"<mã bộ tiêu chí>\", \"level\": \"NTM\"}. Kết quả tự đánh giá lấy từ bảng đánh giá hiện tại của xã. Cán bộ của chính xã (hoặc quản trị). Xã đã có hồ sơ chưa bị từ chối cùng năm, mức: 409."
            );
        dossiers
            .MapGet("/", List)
            .Produces<IReadOnlyList<DossierListItem>>()
            .WithSummary("Danh sách hồ sơ đề nghị (lọc theo tỉnh, xã, năm, trạng thái)")
            .WithDescription(
                "status: draft, submitted, sent_back, resubmitted, appraised, council_held, recognised, rejected. Chỉ các hồ sơ tài khoản được xem: xã của mình; tỉnh của mình; quản trị và xem báo cáo toàn quốc: tất cả."
            );
        dossiers
            .MapGet("/{id:int}", Get)
            .Produces<DossierDto>()
            .WithSummary(
                "Một hồ sơ: kết quả tự đánh giá đã chốt (tiêu chí, chỉ tiêu, giá trị, ngưỡng), kết quả thẩm định từng tiêu chí, tiến độ từng sở, dòng thời gian, minh chứng"
            );
        dossiers
            .MapPut("/{id:int}", Update)
            .Produces<DossierDto>()
            .WithSummary(
                "Sửa hồ sơ đang soạn: tỷ lệ hài lòng, cam kết không nợ đọng xây dựng cơ bản, ghi chú; cập nhật kết quả tự đánh giá"
            )
            .WithDescription(
                "Thân: {\"residentSatisfaction\": 95, \"noConstructionDebtDeclared\": true, \"note\": \"…\", \"conditions\": [{\"code\": \"KM3\", \"evidence\": \"…\", \"document\": \"…\"}], \"version\": \"<version đã đọc>\"}. conditions: xã kê khai các điều kiện của mức (ví dụ xã kiểu mẫu); sửa kê khai thì điều kiện được xét lại. Trường không gửi: giữ nguyên. version khác hiện tại: 409, không ghi đè."
            );
        dossiers
            .MapPost("/{id:int}/submit", Submit)
            .Produces<DossierDto>()
            .WithSummary("Xã nộp hồ sơ: chốt bảng đánh giá, gửi từng tiêu chí tới sở phụ trách")
            .WithDescription(
                "Từ chối (409) khi còn tiêu chí chưa đạt hoặc thiếu số liệu, chưa có tỷ lệ hài lòng hoặc chưa cam kết không nợ đọng — nêu từng điều."
            );
        dossiers
            .MapPost("/{id:int}/resubmit", Resubmit)
            .Produces<DossierDto>()
            .WithSummary("Xã nộp lại các tiêu chí bị trả lại (chỉ các tiêu chí đó được cập nhật và gửi lại sở)");
        dossiers
            .MapPost("/{id:int}/criteria/{number:int}/appraisal", Appraise)
            .Produces<DossierDto>()
            .WithSummary("Sở thẩm định một tiêu chí: đạt hoặc chưa đạt, kèm nhận xét")
            .WithDescription(
                "Thân: {\"result\": \"met\" | \"not_met\", \"comment\": \"…\"}. Chỉ tài khoản thẩm định của tỉnh có sở trùng sở phụ trách tiêu chí (hoặc quản trị). Chưa đạt phải ghi lý do; một tiêu chí chưa đạt thì hồ sơ không được công nhận."
            );
        dossiers
            .MapPost("/{id:int}/conditions/{code}/appraisal", AppraiseCondition)
            .Produces<DossierDto>()
            .WithSummary(
                "Văn phòng điều phối xét một điều kiện của mức (ví dụ xã kiểu mẫu, 319/QĐ-TTg) mà xã đã kê khai: đạt hoặc chưa đạt"
            )
            .WithDescription(
                "Thân: {\"met\": true | false, \"note\": \"…\"}. Chỉ Văn phòng điều phối của tỉnh (hoặc quản trị), khi hồ sơ đã nộp và chưa có quyết định. Chưa đạt phải ghi lý do. Điều kiện xét theo danh hiệu do hệ thống xét (409). Quyết định công nhận bị từ chối (409) khi còn điều kiện chưa được xét đạt."
            );
        dossiers
            .MapPost("/{id:int}/criteria/{number:int}/send-back", SendBack)
            .Produces<DossierDto>()
            .WithSummary("Sở trả lại một tiêu chí cho xã bổ sung, kèm lý do")
            .WithDescription("Thân: {\"reason\": \"…\"}. Khi mọi sở đã xong lượt, hồ sơ chuyển sang «Trả lại xã để bổ sung».");
        dossiers
            .MapPost("/{id:int}/council", Council)
            .Produces<DossierDto>()
            .WithSummary("Văn phòng Điều phối ghi nhận cuộc họp hội đồng thẩm định (ngày, thành viên, số phiếu, kết luận)")
            .WithDescription(
                "Thân: {\"date\": \"2026-03-20\", \"members\": [\"…\"], \"votesFor\": 7, \"votesAgainst\": 1, \"conclusion\": \"…\"}. Chỉ khi mọi tiêu chí đã thẩm định đạt. Phiếu tán thành nhiều hơn: chờ quyết định; ngược lại: không công nhận."
            );
        dossiers
            .MapPost("/decision", Decision)
            .Produces<DecisionDto>(StatusCodes.Status201Created)
            .WithSummary("Văn phòng Điều phối ghi nhận quyết định công nhận cho một hoặc nhiều hồ sơ (một đợt)")
            .WithDescription(
                "Thân: {\"number\": \"1234/QĐ-UBND\", \"date\": \"2026-03-25\", \"signer\": \"…\", \"level\": \"NTM\", \"batch\": \"Đợt 2 năm 2026\", \"dossiers\": [1, 2]}. Tất cả hoặc không: một hồ sơ chưa qua hội đồng thì không ghi gì (409 nêu từng hồ sơ). Bản ký PDF: PUT /api/v1/decisions/{id}/pdf."
            );
        dossiers
            .MapGet("/{id:int}/evidence", ListEvidence)
            .Produces<IReadOnlyList<EvidenceDto>>()
            .WithSummary("Danh sách minh chứng của hồ sơ");
        dossiers
            .MapGet("/{id:int}/evidence/{fileId:int}", DownloadEvidence)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithSummary("Tải một tệp minh chứng");
        dossiers
            .MapDelete("/{id:int}/evidence/{fileId:int}", DeleteEvidence)
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Xóa một tệp minh chứng tải nhầm")
            .WithDescription("Cán bộ của xã (hoặc quản trị), khi hồ sơ đang soạn hoặc bị trả lại; sau khi nộp thì 409. Trả 204.");
        dossiers
            .MapGet("/{id:int}/workbook", Workbook)
            .Produces(StatusCodes.Status200OK, contentType: DossierExcel.ContentType)
            .WithSummary("Tệp Excel của hồ sơ: tiêu chí, chỉ tiêu, giá trị, ngưỡng, kết quả thẩm định, nhận xét, dòng thời gian");
        // Bearer only, as every multipart upload of the API: a form can be posted cross-site with the cookie (pages upload in process, antiforgery-checked).
        dossiers
            .MapPost("/{id:int}/evidence", UploadEvidence)
            .Produces<EvidenceDto>(StatusCodes.Status201Created)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser())
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary($"Tải lên một tệp minh chứng ({FileStore.AllowedText}) cho hồ sơ, một tiêu chí hoặc một chỉ tiêu")
            .WithDescription(
                "multipart/form-data, trường `file`; tham số criterion, indicator (tùy chọn). Tệp được ghi thẳng xuống kho lưu trữ, không nạp cả vào bộ nhớ. Sai loại tệp, nội dung không đúng loại (tệp bị đổi tên) hoặc quá dung lượng (mặc định 20 MB, cấu hình Mtqg:Files:MaxMegabytes): 400 nêu tên tệp và lý do (413 khi thân yêu cầu vượt giới hạn), không lưu gì. Quyền được kiểm tra trước khi đọc tệp. Chỉ khi hồ sơ đang soạn hoặc bị trả lại."
            );

        var decisions = app.MapGroup("/api/v1/decisions").WithTags("Quyết định công nhận, thu hồi");
        decisions
            .MapGet("/", Decisions)
            .Produces<IReadOnlyList<DecisionDto>>()
            .AllowAnonymous()
            .WithSummary("Danh sách quyết định công nhận và thu hồi (lọc theo tỉnh, năm), mỗi quyết định kèm các xã");
        app.MapGet("/api/v1/decisions.xlsx", DecisionsWorkbook)
            .AllowAnonymous()
            .WithTags("Quyết định công nhận, thu hồi")
            .Produces(StatusCodes.Status200OK, contentType: DossierExcel.ContentType)
            .WithSummary("Tệp Excel danh sách quyết định công nhận và thu hồi (lọc theo tỉnh, năm)");
        decisions
            .MapGet("/{id:int}/pdf", DecisionPdf)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .AllowAnonymous()
            .WithSummary("Bản ký (PDF) của quyết định");
        decisions
            .MapPut("/{id:int}/pdf", PutDecisionPdf)
            .Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser())
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Đính kèm bản ký (PDF) của quyết định; Văn phòng Điều phối của tỉnh");
        decisions
            .MapPost("/revocations", Revoke)
            .Produces<DecisionDto>(StatusCodes.Status201Created)
            .RequireAuthorization()
            .WithSummary("Ghi nhận quyết định thu hồi danh hiệu của một hoặc nhiều xã (kết thúc danh hiệu)")
            .WithDescription(
                "Thân: {\"number\": \"99/QĐ-UBND\", \"date\": \"2027-02-01\", \"signer\": \"…\", \"batch\": \"…\", \"titles\": [<id danh hiệu>], \"reason\": \"…\"}. Văn phòng Điều phối của tỉnh."
            );

        app.MapGet("/api/v1/years/{year:int}/maintenance-review", Review)
            .Produces<ReviewDto>()
            .RequireAuthorization()
            .WithTags("Rà soát duy trì")
            .WithSummary(
                "Rà soát duy trì hằng năm: mọi xã đang giữ danh hiệu so với bảng đánh giá năm nay; danh sách xã có nguy cơ và quy định áp dụng"
            )
            .WithDescription(
                "province: mã tỉnh (bắt buộc trừ quản trị, xem báo cáo toàn quốc). Tỷ lệ và danh mục tiêu chí bắt buộc lấy từ bộ tiêu chí (mục revocation); bộ chưa có thì ghi «chưa có quy định», không tự suy ra."
            );
        return app;
    }

    private static IResult Answer<T>((T? Value, Outcome Outcome) result)
        where T : class => result.Value is { } value ? TypedResults.Ok(value) : ApiProblems.From(result.Outcome);

    private static async Task<IResult> Create(CreateDossierRequest request, DossierService service, CancellationToken ct)
    {
        var (dossier, outcome) = await service.CreateAsync(request, ct);
        return dossier is null ? ApiProblems.From(outcome) : TypedResults.Created($"/api/v1/dossiers/{dossier.Id}", dossier);
    }

    private static async Task<IResult> List(
        string? province,
        string? commune,
        int? year,
        string? status,
        DossierService service,
        CancellationToken ct
    )
    {
        var parsed = DossierDtos.ParseStatus(status);
        if (!InputText.IsBlank(status) && parsed is null)
            return ApiProblems.Invalid(
                "status",
                $"Trạng thái \"{status}\" không có; dùng: draft, submitted, sent_back, resubmitted, appraised, council_held, recognised, rejected."
            );
        return TypedResults.Ok(await service.ListAsync(province, commune, year, parsed, ct));
    }

    private static async Task<IResult> Get(int id, DossierService service, CancellationToken ct) => Answer(await service.GetAsync(id, ct));

    private static async Task<IResult> Update(int id, UpdateDossierRequest request, DossierService service, CancellationToken ct) =>
        Answer(await service.UpdateAsync(id, request, ct));

    private static async Task<IResult> AppraiseCondition(
        int id,
        string code,
        ConditionAppraisalRequest request,
        ConditionService service,
        CancellationToken ct
    ) => Answer(await service.AppraiseAsync(id, code, request, ct));

    private static async Task<IResult> Submit(int id, DossierService service, CancellationToken ct) =>
        Answer(await service.SubmitAsync(id, ct));

    private static async Task<IResult> Resubmit(int id, DossierService service, CancellationToken ct) =>
        Answer(await service.ResubmitAsync(id, ct));

    private static async Task<IResult> Appraise(
        int id,
        int number,
        AppraiseRequest request,
        AppraisalService service,
        CancellationToken ct
    ) => Answer(await service.AppraiseAsync(id, number, request, ct));

    private static async Task<IResult> SendBack(
        int id,
        int number,
        SendBackRequest request,
        AppraisalService service,
        CancellationToken ct
    ) => Answer(await service.SendBackAsync(id, number, request, ct));

    private static async Task<IResult> Council(int id, CouncilRequest request, DecisionService service, CancellationToken ct) =>
        Answer(await service.RecordCouncilAsync(id, request, ct));

    private static async Task<IResult> Decision(DecisionRequest request, DecisionService service, CancellationToken ct)
    {
        var (decision, outcome) = await service.RecordDecisionAsync(request, ct);
        return decision is null ? ApiProblems.From(outcome) : TypedResults.Created($"/api/v1/decisions/{decision.Id}", decision);
    }

    private static async Task<IResult> Revoke(RevocationRequest request, DecisionService service, CancellationToken ct)
    {
        var (decision, outcome) = await service.RecordRevocationAsync(request, ct);
        return decision is null ? ApiProblems.From(outcome) : TypedResults.Created($"/api/v1/decisions/{decision.Id}", decision);
    }

    private static async Task<IResult> DeleteEvidence(int id, int fileId, EvidenceService service, CancellationToken ct)
    {
        var (removed, outcome) = await service.DeleteEvidenceAsync(id, fileId, ct);
        return removed is not null ? TypedResults.NoContent() : ApiProblems.From(outcome);
    }

    private static async Task<IResult> ListEvidence(int id, EvidenceService service, CancellationToken ct) =>
        Answer(await service.EvidenceAsync(id, ct));

    private static async Task<IResult> DownloadEvidence(int id, int fileId, EvidenceService service, CancellationToken ct)
    {
        var (content, file, outcome) = await service.OpenEvidenceAsync(id, fileId, ct);
        return content is null
            ? ApiProblems.From(outcome)
            : TypedResults.File(content, file!.ContentType, file.FileName, enableRangeProcessing: true);
    }

    private static async Task<IResult> Workbook(int id, DossierExcel excel, CancellationToken ct)
    {
        var (file, outcome) = await excel.WorkbookAsync(id, ct);
        return file is null
            ? ApiProblems.From(outcome)
            : TypedResults.File(file.Value.Content, DossierExcel.ContentType, file.Value.FileName);
    }

    private static async Task<IResult> UploadEvidence(
        int id,
        int? criterion,
        string? indicator,
        HttpRequest request,
        EvidenceService service,
        CancellationToken ct
    )
    {
        var (done, error) = await WithUploadedFileAsync(request, ct, (stream, name) =>
            service.UploadEvidenceAsync(id, criterion, indicator, stream, name, ct)
        );
        if (error is not null)
            return error;
        var (file, outcome) = done;
        return file is null ? ApiProblems.From(outcome) : TypedResults.Created($"/api/v1/dossiers/{id}/evidence/{file.Id}", file);
    }

    private static async Task<IResult> PutDecisionPdf(int id, HttpRequest request, DecisionService service, CancellationToken ct)
    {
        var (outcome, error) = await WithUploadedFileAsync(request, ct, (stream, name) =>
            service.AttachDecisionPdfAsync(id, stream, name, ct)
        );
        return error ?? (outcome.IsDone ? TypedResults.NoContent() : ApiProblems.From(outcome));
    }

    private static async Task<IResult> Decisions(string? province, int? year, DecisionService service, CancellationToken ct) =>
        TypedResults.Ok(await service.DecisionsAsync(province, year, ct));

    private static async Task<IResult> DecisionsWorkbook(string? province, int? year, DecisionService service, CancellationToken ct) =>
        TypedResults.File(
            DossierExcel.BuildDecisions(await service.DecisionsAsync(InputText.IsBlank(province) ? null : province, year, ct)),
            DossierExcel.ContentType,
            $"MTQG-quyet-dinh{(InputText.IsBlank(province) ? "" : $"-{province}")}{(year is null ? "" : $"-{year}")}.xlsx"
        );

    private static async Task<IResult> DecisionPdf(int id, DecisionService service, CancellationToken ct)
    {
        var (content, name, outcome) = await service.OpenDecisionPdfAsync(id, ct);
        return content is null ? ApiProblems.From(outcome) : TypedResults.File(content, "application/pdf", name);
    }

    private static async Task<IResult> Review(int year, string? province, MaintenanceReviewService reviews, CancellationToken ct) =>
        Answer(await reviews.ReviewAsync(year, province, ct));
}

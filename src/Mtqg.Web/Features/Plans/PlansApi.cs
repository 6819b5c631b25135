using Microsoft.AspNetCore.Identity;
using Mtqg.Domain.Common;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Plans;

public static class PlansApi
{
    public static IServiceCollection AddPlans(this IServiceCollection services) =>
        services
            .AddScoped<Agencies>()
            .AddScoped<PlanService>()
            .AddScoped<AssignmentService>()
            .AddScoped<ScorecardLevelAttainment>()
            .AddScoped<ILevelAttainment, RecognitionLevelAttainment>()
            .AddScoped<PlanDemoSeeder>();

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var lists = app.MapGroup("/api/v1/commune-lists").WithTags("Danh sách xã").RequireAuthorization();
        lists
            .MapGet("/", (string? province, AssignmentService s, CancellationToken ct) => Answer(s.ListsAsync(province ?? "", ct)))
            .Produces<IReadOnlyList<CommuneListView>>()
            .WithSummary("Các danh sách xã của một tỉnh (province=mã tỉnh)");
        lists
            .MapGet("/{id:int}", (int id, AssignmentService s, HttpResponse response, CancellationToken ct) =>
                Versioned(s.ListAsync(id, ct), response, l => l.Version)
            )
            .Produces<CommuneListView>()
            .WithSummary("Một danh sách xã (ETag: version để sửa, xóa)");
        lists
            .MapPost("/", async (CommuneListInput input, AssignmentService s, CancellationToken ct) =>
                Created(await s.SaveListAsync(null, input, ct), id => $"/api/v1/commune-lists/{id}")
            )
            .Produces<CreatedId>(StatusCodes.Status201Created)
            .WithSummary("Lập danh sách xã (Văn phòng Điều phối của tỉnh)")
            .WithDescription(
                "Thân: {\"provinceCode\":\"15\",\"name\":\"10 xã có tỷ lệ hộ nghèo cao năm 2023\",\"communes\":[\"02989\"]}. Mỗi mã phải là xã đang có hiệu lực của tỉnh; 400 nêu từng dòng sai, không ghi gì."
            );
        lists
            .MapPut("/{id:int}", (int id, CommuneListInput input, AssignmentService s, HttpRequest request, CancellationToken ct) =>
                IfMatch.AnswerAsync(request, async version => (await s.SaveListAsync(id, input, ct, version)).Outcome)
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Sửa tên và các xã của danh sách")
            .WithDescription("Gửi If-Match với version đọc được: người khác đã lưu trước thì trả 412, không ghi đè.");
        lists
            .MapDelete("/{id:int}", (int id, AssignmentService s, HttpRequest request, CancellationToken ct) =>
                IfMatch.AnswerAsync(request, version => s.DeleteListAsync(id, ct, version))
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Xóa danh sách xã");

        var plans = app.MapGroup("/api/v1/plans").WithTags("Kế hoạch").RequireAuthorization();
        plans
            .MapGet("/", (string? province, PlanService s, CancellationToken ct) => Answer(s.ListAsync(province ?? "", ct)))
            .Produces<IReadOnlyList<PlanLine>>()
            .WithSummary("Các kế hoạch của một tỉnh (province=mã tỉnh), mới nhất trước");
        plans
            .MapPost("/", async (PlanInput input, PlanService s, CancellationToken ct) =>
                Created(await s.CreateAsync(input, ct), id => $"/api/v1/plans/{id}")
            )
            .Produces<CreatedId>(StatusCodes.Status201Created)
            .WithSummary("Lập kế hoạch (Văn phòng Điều phối của tỉnh)")
            .WithDescription(
                "Thân: {\"provinceCode\":\"15\",\"number\":\"239/KH-BCĐ\",\"issuer\":\"Ban Chỉ đạo các CTMTQG tỉnh\",\"issuedOn\":\"2026-01-15\",\"periodFrom\":\"2026-01-01\",\"periodTo\":\"2026-12-31\",\"title\":\"…\"}."
            );
        plans
            .MapGet(
                "/{id:int}",
                async (int id, string? asOf, PlanService s, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
                    !ApiProblems.TryParseDate(asOf, clock, out var date)
                        ? ApiProblems.Invalid("asOf", "Ngày asOf phải có dạng yyyy-MM-dd.")
                        : await Versioned(s.GetAsync(id, ct, date), response, p => p.Version)
            )
            .Produces<PlanView>()
            .WithSummary(
                "Một kế hoạch với từng mục tiêu và tiến độ: đã đạt/mục tiêu, % dự kiến theo thời gian, đúng/chậm tiến độ, lịch sử cập nhật"
            )
            .WithDescription(
                "Số xã đạt chuẩn và xã cụ thể đạt chuẩn được tính theo quyết định công nhận của năm (source = \"đạt theo quyết định công nhận\"), kèm các xã chưa được công nhận còn thiếu 1–2 tiêu chí theo đánh giá bộ tiêu chí; hoạt động theo các lần cập nhật của đơn vị thực hiện. asOf: ngày tính (mặc định hôm nay)."
            );
        plans
            .MapPut("/{id:int}", (int id, PlanInput input, PlanService s, HttpRequest request, CancellationToken ct) =>
                IfMatch.AnswerAsync(request, async version => (await s.SaveAsync(id, input, ct, version)).Outcome)
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Sửa số, cơ quan ban hành, ngày, kỳ và trích yếu của kế hoạch (Văn phòng Điều phối của tỉnh; tỉnh giữ nguyên)")
            .WithDescription(
                "Thân như khi lập. Gửi If-Match với version đọc được: người khác đã lưu trước thì trả 412, không ghi đè. 400 nêu từng trường sai, không ghi gì."
            );
        plans
            .MapDelete("/{id:int}", (int id, PlanService s, HttpRequest request, CancellationToken ct) =>
                IfMatch.AnswerAsync(request, version => s.DeleteAsync(id, ct, version))
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Xóa kế hoạch lập nhầm, cùng các mục tiêu (chỉ khi chưa ghi tiến độ nào; nếu đã ghi: 409)");
        plans
            .MapDelete(
                "/{id:int}/targets/{targetId:int}",
                (int id, int targetId, PlanService s, HttpRequest request, CancellationToken ct) =>
                    IfMatch.AnswerAsync(request, version => s.DeleteTargetAsync(id, targetId, ct, version))
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Xóa mục tiêu thêm nhầm (chỉ khi chưa ghi tiến độ; nếu đã ghi: 409). If-Match: version của kế hoạch");
        plans
            .MapPost("/{id:int}/targets", async (int id, TargetInput input, PlanService s, CancellationToken ct) =>
                Created(await s.AddTargetAsync(id, input, ct), t => $"/api/v1/plans/{id}")
            )
            .Produces<CreatedId>(StatusCodes.Status201Created)
            .WithSummary("Thêm mục tiêu vào kế hoạch")
            .WithDescription(
                "kind: communeCount (số xã đạt mức level trong năm year, goal xã), namedCommune (xã communeCode đạt mức level chậm nhất năm year), activity (hoạt động: name, unit, goal; scope overall | perCommune; mode cumulative | latestValue; communes [{code, goal}] hoặc communeListId; agency: tên cơ quan được giao ghi tiến độ), rateReduction (giảm tỷ lệ hộ nghèo: baselineYear năm gốc, year năm cần đạt, goal số điểm % giảm; scope overall = bình quân các xã | perCommune = từng xã; communes [{code}] hoặc communeListId, để trống = tỷ lệ chung của tỉnh; tính từ kết quả rà soát đã phê duyệt)."
            );
        plans
            .MapPost(
                "/{id:int}/targets/{targetId:int}/progress",
                async (int id, int targetId, ProgressInput input, PlanService s, CancellationToken ct) =>
                    Created(await s.RecordProgressAsync(targetId, input, ct), _ => $"/api/v1/plans/{id}")
            )
            .Produces<CreatedId>(StatusCodes.Status201Created)
            .WithSummary("Ghi tiến độ một mục tiêu hoạt động: ngày, số lượng, xã (nếu theo xã), minh chứng")
            .WithDescription(
                "Đơn vị được giao mục tiêu (hoặc Văn phòng Điều phối) ghi. Ngày phải nằm trong kỳ kế hoạch và không sau hôm nay. Mục tiêu tính từ đánh giá (số xã, xã cụ thể) trả 409."
            );
        plans
            .MapPut("/{id:int}/file", PutFile)
            .Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser())
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary($"Đính kèm văn bản kế hoạch đã ký (trường \"file\": {FileStore.AllowedText})")
            .WithDescription(
                "Tệp được ghi thẳng xuống kho lưu trữ, không nạp cả vào bộ nhớ. Sai loại tệp, nội dung không đúng loại (tệp bị đổi tên) hoặc quá dung lượng (mặc định 20 MB, cấu hình Mtqg:Files:MaxMegabytes): 400 nêu tên tệp và lý do (413 khi thân yêu cầu vượt giới hạn), không lưu gì. Quyền được kiểm tra trước khi đọc tệp."
            );
        plans
            .MapGet("/{id:int}/file", async (int id, PlanService s, CancellationToken ct) =>
            {
                var (stream, file, outcome) = await s.OpenFileAsync(id, ct);
                return stream is null ? ApiProblems.From(outcome) : TypedResults.File(stream, file!.ContentType, file.Name);
            })
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithSummary("Tải văn bản kế hoạch đã ký");
        plans
            .MapGet("/{id:int}/updates/{updateId:int}/file", async (int id, int updateId, PlanService s, CancellationToken ct) =>
            {
                var (stream, file, outcome) = await s.OpenEvidenceAsync(id, updateId, ct);
                return stream is null ? ApiProblems.From(outcome) : TypedResults.File(stream, file!.ContentType, file.Name);
            })
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithSummary("Tải tệp minh chứng của một lần cập nhật tiến độ");
        plans
            .MapGet("/{id:int}/targets.xlsx", async (int id, PlanService s, CancellationToken ct) =>
            {
                var (plan, outcome) = await s.GetAsync(id, ct);
                return plan is null
                    ? ApiProblems.From(outcome)
                    : TypedResults.File(PlanWorkbook.Build(plan), PlanWorkbook.ContentType, PlanWorkbook.FileName(plan));
            })
            .Produces(StatusCodes.Status200OK, contentType: PlanWorkbook.ContentType)
            .WithSummary("Excel: các mục tiêu của kế hoạch, tiến độ và lịch sử cập nhật");

        var assignments = app.MapGroup("/api/v1/assignments").WithTags("Phân công giúp đỡ xã").RequireAuthorization();
        assignments
            .MapGet("/", (string? province, int? agency, AssignmentService s, CancellationToken ct) =>
                Answer(s.AssignmentsAsync(province ?? "", agency, ct))
            )
            .Produces<IReadOnlyList<AssignmentView>>()
            .WithSummary("Phân công giúp đỡ xã của một tỉnh (province), có thể lọc theo đơn vị (agency=id)");
        assignments
            .MapGet("/{id:int}", (int id, AssignmentService s, HttpResponse response, CancellationToken ct) =>
                Versioned(s.AssignmentAsync(id, ct), response, a => a.Version)
            )
            .Produces<AssignmentView>()
            .WithSummary("Một phân công (ETag: version để sửa, xóa)");
        assignments
            .MapPost("/", async (AssignmentInput input, AssignmentService s, CancellationToken ct) =>
                Created(await s.SaveAssignmentAsync(null, input, ct), id => $"/api/v1/assignments?province={input.ProvinceCode}")
            )
            .Produces<CreatedId>(StatusCodes.Status201Created)
            .WithSummary("Phân công một cơ quan giúp đỡ các xã trong một thời gian, có lãnh đạo phụ trách (Văn phòng Điều phối của tỉnh)")
            .WithDescription(
                "Thân: {\"provinceCode\":\"15\",\"agency\":\"Sở Tài chính\",\"communes\":[\"02989\"],\"from\":\"2026-01-01\",\"to\":\"2026-12-31\",\"leader\":\"Phó Giám đốc …\"}. Cơ quan chưa có thì được tạo; tài khoản giúp đỡ xã thuộc cơ quan qua trường sector của tài khoản."
            );
        assignments
            .MapPut("/{id:int}", (int id, AssignmentInput input, AssignmentService s, HttpRequest request, CancellationToken ct) =>
                IfMatch.AnswerAsync(request, async version => (await s.SaveAssignmentAsync(id, input, ct, version)).Outcome)
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Sửa một phân công: cơ quan, lãnh đạo phụ trách, thời gian, các xã (gửi lại đủ các trường; tỉnh giữ nguyên)")
            .WithDescription(
                "Thân như khi phân công. Xã bỏ ra khỏi danh sách thì thôi được giúp đỡ từ nay; buổi làm việc đã ghi giữ nguyên. 400 nêu từng trường sai, không ghi gì. Gửi If-Match với version đọc được: người khác đã lưu trước thì trả 412, không ghi đè."
            );
        assignments
            .MapDelete("/{id:int}", (int id, AssignmentService s, HttpRequest request, CancellationToken ct) =>
                IfMatch.AnswerAsync(request, version => s.DeleteAssignmentAsync(id, ct, version))
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Xóa một phân công");
        app.MapGet("/api/v1/agencies/{id:int}", (int id, AssignmentService s, CancellationToken ct) => Answer(s.AgencyAsync(id, ct)))
            .Produces<AgencyView>()
            .RequireAuthorization()
            .WithTags("Phân công giúp đỡ xã")
            .WithSummary("Một đơn vị giúp đỡ xã và các phân công của đơn vị");
        return app;
    }

    private static async Task<IResult> PutFile(int id, HttpRequest request, PlanService s, CancellationToken ct)
    {
        var (outcome, error) = await FileUploads.WithUploadedFileAsync(request, ct, (stream, name) =>
            s.AttachFileAsync(id, stream, name, ct)
        );
        return error ?? NoContent(outcome);
    }

    internal static async Task<IResult> Answer<T>(Task<(T? Value, Outcome Outcome)> work)
        where T : class
    {
        var (value, outcome) = await work;
        return value is not null ? TypedResults.Ok(value) : ApiProblems.From(outcome);
    }

    /// <summary>One correctable record: 200 with its version as a strong ETag (decision 0016), or the outcome's problem.</summary>
    internal static async Task<IResult> Versioned<T>(Task<(T? Value, Outcome Outcome)> work, HttpResponse response, Func<T, string> version)
        where T : class
    {
        var (value, outcome) = await work;
        if (value is null)
            return ApiProblems.From(outcome);
        IfMatch.Tag(response, version(value));
        return TypedResults.Ok(value);
    }

    internal static IResult Created((int? Id, Outcome Outcome) result, Func<int, string> location) =>
        result.Id is { } id ? TypedResults.Created(location(id), new CreatedId(id)) : ApiProblems.From(result.Outcome);

    internal static IResult NoContent(Outcome outcome) => outcome.IsDone ? TypedResults.NoContent() : ApiProblems.From(outcome);
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Web.Features.CriteriaSets;

public static class CriteriaSetsApi
{
    public static IServiceCollection AddCriteriaSets(this IServiceCollection services) =>
        services.AddScoped<CriteriaSetService>().AddScoped<CriteriaSetSeeder>();

    public static IEndpointRouteBuilder MapCriteriaSetsApi(this IEndpointRouteBuilder app)
    {
        var sets = app.MapGroup("/api/v1/criteria-sets").WithTags("Bộ tiêu chí");
        sets.MapGet("/", List).AllowAnonymous().WithSummary("Danh sách bộ tiêu chí");
        sets.MapGet("/{code}.xlsx", Workbook)
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: CriteriaSetWorkbook.ContentType)
            .WithSummary("Một bộ tiêu chí dạng Excel (DESIGN §9)")
            .WithDescription(
                "Các trang: Bộ tiêu chí (thông tin chung, quy tắc công nhận và thu hồi), Mức đạt chuẩn, Nhóm xã, Nhóm báo cáo, Tiêu chí, Chỉ tiêu, Ngưỡng (mỗi dòng một chỉ tiêu × mức × nhóm × năm; giá trị để trống là chưa biết ngưỡng chính thức). Tải lên lại với mã mới cho đúng bộ tiêu chí đó."
            );
        sets.MapGet("/{code}", Get)
            .Produces<CriteriaSetDocument>()
            .AllowAnonymous()
            .WithSummary("Một bộ tiêu chí ở định dạng trao đổi (DESIGN §6), với ETag là phiên bản");
        sets.MapPost("/", Create)
            .Produces<CriteriaSetListItem>(StatusCodes.Status201Created)
            .RequireAuthorization()
            .Accepts<CriteriaSetDocument>("application/json", "multipart/form-data")
            .WithSummary("Tạo bộ tiêu chí dự thảo từ định dạng trao đổi hoặc tệp Excel")
            .WithDescription(
                "Bộ quốc gia: quản trị hệ thống; bộ của tỉnh (province): Văn phòng Điều phối của tỉnh đó. Gửi JSON, hoặc multipart/form-data với tệp .xlsx trong trường file (mẫu như GET …/{code}.xlsx). Kiểm tra toàn bộ (số tiêu chí và mã chỉ tiêu không trùng, mức và nhóm có thật, kiểu giá trị hợp với quy tắc, không trùng dòng ngưỡng, tỉnh có thật, bộ quốc gia được chi tiết hóa có thật và giữ đủ tiêu chí của nó); có lỗi thì trả 400 liệt kê mọi lỗi (với tệp Excel: trang, dòng, cột) và không ghi gì. Bộ tạo ra luôn là dự thảo."
            );
        sets.MapPut("/{code}", Replace)
            .Produces<CriteriaSetListItem>()
            .RequireAuthorization()
            .Accepts<CriteriaSetDocument>("application/json", "multipart/form-data")
            .WithSummary("Thay thế một bộ tiêu chí dự thảo")
            .WithDescription(
                "Kiểm tra như khi tạo. Bộ đã ban hành hoặc đã bãi bỏ không sửa được (409: một điều chỉnh là một bộ tiêu chí mới). Gửi If-Match với ETag đã đọc: có người lưu trước thì 412."
            );
        sets.MapPost("/{code}/publish", Publish)
            .Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization()
            .WithSummary("Ban hành một bộ tiêu chí dự thảo")
            .WithDescription(
                "Từ chối (400, nêu từng vấn đề) khi có mức chưa có tiêu chí nào, chỉ tiêu chưa có dòng ngưỡng nào, hoặc tỉnh đã có bộ khác đang áp dụng cùng giai đoạn."
            );
        sets.MapPost("/{code}/withdraw", Withdraw)
            .Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization()
            .WithSummary("Bãi bỏ một bộ tiêu chí đã ban hành");
        sets.MapPost("/{code}/copies", Copy)
            .Produces<CriteriaSetListItem>(StatusCodes.Status201Created)
            .RequireAuthorization()
            .WithSummary("Sao chép một bộ tiêu chí quốc gia thành dự thảo của một tỉnh")
            .WithDescription(
                "Thân: {province, code, name?}. Bản sao giữ mọi tiêu chí, chỉ tiêu và dòng ngưỡng của bộ quốc gia, thuộc tỉnh và chi tiết hóa bộ quốc gia đó (details); Văn phòng Điều phối của tỉnh (và quản trị hệ thống) tạo, rồi điền ngưỡng của tỉnh trên trang hoặc bằng tệp Excel. 201 với bộ mới (dự thảo); 400 nêu từng lỗi; 403 cho tỉnh khác."
            );
        return app;
    }

    public sealed record CriteriaSetListItem(
        string Code,
        string Name,
        int ValidFrom,
        int ValidTo,
        string Status,
        string? Province = null,
        string? Details = null
    );

    private static async Task<Ok<IEnumerable<CriteriaSetListItem>>> List(CriteriaSetService service, CancellationToken ct) =>
        TypedResults.Ok(
            (await service.ListAsync(ct)).Select(s => new CriteriaSetListItem(
                s.Code,
                s.Name,
                s.ValidFrom,
                s.ValidTo,
                s.Status,
                s.Province,
                s.Details
            ))
        );

    private static async Task<IResult> Get(string code, CriteriaSetService service, HttpResponse response, CancellationToken ct)
    {
        if (await service.GetAsync(code, ct) is not { } doc)
            return ApiProblems.NotFound($"Không có bộ tiêu chí mã \"{code}\".");
        if (await service.VersionAsync(code, ct) is { } version)
            IfMatch.Tag(response, version);
        return TypedResults.Json(doc, CriteriaSetSeeder.JsonOptions);
    }

    private static async Task<IResult> Workbook(string code, CriteriaSetService service, CancellationToken ct) =>
        await service.WorkbookAsync(code, ct) is { } bytes
            ? TypedResults.File(bytes, CriteriaSetWorkbook.ContentType, $"bo-tieu-chi-{code}.xlsx")
            : ApiProblems.NotFound($"Không có bộ tiêu chí mã \"{code}\".");

    private static bool IsMultipart(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    private static Task<IResult> Create(HttpRequest request, CriteriaSetService service, UploadGate gate, CancellationToken ct) =>
        WriteAsync(request, null, service, gate, ct);

    private static Task<IResult> Replace(
        string code,
        HttpRequest request,
        CriteriaSetService service,
        UploadGate gate,
        CancellationToken ct
    ) => WriteAsync(request, code, service, gate, ct);

    /// <summary>
    /// Creates (<paramref name="code"/> null) or replaces a draft from JSON or a workbook. Who may write is asked before the
    /// body is read; the body is bounded like any uploaded file (decision 0018).
    /// </summary>
    private static async Task<IResult> WriteAsync(
        HttpRequest request,
        string? code,
        CriteriaSetService service,
        UploadGate gate,
        CancellationToken ct
    )
    {
        var may = await service.MayUploadAsync(code, ct);
        if (!may.IsDone)
            return ApiProblems.From(may);
        var version = IfMatch.Sent(request);
        Outcome outcome;
        string? written;
        if (IsMultipart(request))
        {
            var (file, refused) = await UploadGate.ReceiveAsync(request, gate.CriteriaSetBytes, UploadGate.CriteriaSetSetting, ct);
            if (refused is not null)
                return UploadPages.Answer(refused);
            await using (file)
            {
                var (doc, result) = await service.UploadAsync(file!.Content, code, version, gate, ct);
                if (!result.Outcome.IsDone)
                    return result.Outcome.Kind == OutcomeKind.Changed && version is null
                        ? ApiProblems.Conflict(result.Outcome.Message!)
                        : ExcelApi.ToHttp(result);
                (outcome, written) = (result.Outcome, doc?.Code);
            }
        }
        else
        {
            if (UploadGate.RefuseLength(request, gate.CriteriaSetBytes, UploadGate.CriteriaSetSetting) is { } tooLarge)
                return UploadPages.Answer(tooLarge);
            UploadGate.LimitBody(request.HttpContext, gate.CriteriaSetBytes, UploadGate.CriteriaSetSetting);
            var (doc, error) = await ReadAsync(request.Body, ct);
            if (doc is null)
                return ApiProblems.Invalid("$", error!);
            outcome = code is null ? await service.CreateAsync(doc, ct) : await service.ReplaceAsync(code, doc, version, ct);
            written = code ?? doc.Code;
        }
        if (!outcome.IsDone)
            return outcome.Kind == OutcomeKind.Changed && version is null
                ? ApiProblems.Conflict(outcome.Message!)
                : ApiProblems.From(outcome);
        var item = (await service.ListAsync(ct)).First(s => s.Code == written);
        var body = new CriteriaSetListItem(item.Code, item.Name, item.ValidFrom, item.ValidTo, item.Status, item.Province, item.Details);
        if (await service.VersionAsync(item.Code, ct) is { } etag)
            IfMatch.Tag(request.HttpContext.Response, etag);
        return code is null
            ? TypedResults.Created($"/api/v1/criteria-sets/{Uri.EscapeDataString(item.Code)}", body)
            : TypedResults.Ok(body);
    }

    private static async Task<IResult> Copy(
        string code,
        CriteriaSetService.CopyRequest request,
        CriteriaSetService service,
        HttpResponse response,
        CancellationToken ct
    )
    {
        var outcome = await service.CopyAsync(code, request, ct);
        if (!outcome.IsDone)
            return ApiProblems.From(outcome);
        var item = (await service.ListAsync(ct)).First(s => s.Code == request.Code!.Trim());
        if (await service.VersionAsync(item.Code, ct) is { } etag)
            IfMatch.Tag(response, etag);
        return TypedResults.Created(
            $"/api/v1/criteria-sets/{Uri.EscapeDataString(item.Code)}",
            new CriteriaSetListItem(item.Code, item.Name, item.ValidFrom, item.ValidTo, item.Status, item.Province, item.Details)
        );
    }

    private static async Task<IResult> Publish(string code, CriteriaSetService service, CancellationToken ct)
    {
        var outcome = await service.PublishAsync(code, ct);
        return outcome.IsDone ? TypedResults.NoContent() : ApiProblems.From(outcome);
    }

    private static async Task<IResult> Withdraw(string code, CriteriaSetService service, CancellationToken ct)
    {
        var outcome = await service.WithdrawAsync(code, ct);
        return outcome.IsDone ? TypedResults.NoContent() : ApiProblems.From(outcome);
    }

    /// <summary>Reads an interchange document; a malformed one gets a Vietnamese message with its line and position.</summary>
    public static async Task<(CriteriaSetDocument? Doc, string? Error)> ReadAsync(Stream body, CancellationToken ct)
    {
        try
        {
            var doc = await JsonSerializer.DeserializeAsync<CriteriaSetDocument>(body, CriteriaSetSeeder.JsonOptions, ct);
            return doc is null ? (null, "Nội dung trống: cần một bộ tiêu chí dạng JSON.") : (doc, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? $" (dòng {line + 1}, vị trí {e.BytePositionInLine + 1})" : "";
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $", tại {e.Path}";
            if (e.Message.Contains("uplicate", StringComparison.Ordinal))
                return (null, $"JSON không hợp lệ{where}{field}: một trường có hai lần trong cùng đối tượng; ghi mỗi trường một lần.");
            return (null, $"JSON không hợp lệ{where}{field}: kiểm tra dấu ngoặc, dấu phẩy và kiểu giá trị (số, chuỗi, true/false).");
        }
    }
}

using Mtqg.Web.Api;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Recognition.Titles;

/// <summary>Titles that belong to units (DESIGN §9): read by commune and date, baseline titles, acknowledgements.</summary>
public static class TitlesApi
{
    public static IEndpointRouteBuilder MapTitlesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/communes/{code}/titles", Titles)
            .Produces<CommuneTitles>()
            .AllowAnonymous()
            .WithTags("Danh hiệu")
            .WithSummary("Danh hiệu của xã: danh hiệu xã đang giữ, và — tách riêng — danh hiệu của các xã cũ đã sắp xếp vào xã")
            .WithDescription(
                "asOf: ngày (YYYY-MM-DD, mặc định hôm nay) chọn xã mà mã chỉ vào ngày ấy. Xã dùng lại mã của xã cũ không giữ danh hiệu của xã cũ: "
                    + "danh hiệu đó nằm trong predecessors, cho tới khi tỉnh có quyết định ghi nhận (POST /api/v1/titles/acknowledgements)."
            );
        var titles = app.MapGroup("/api/v1/titles").WithTags("Danh hiệu").RequireAuthorization();
        titles
            .MapPost("/", Baseline)
            .Produces<HeldTitle>(StatusCodes.Status201Created)
            .WithSummary("Ghi nhận danh hiệu xã đã được công nhận trước khi có hệ thống (số, ngày quyết định, người ký)")
            .WithDescription(
                "Thân: {\"communeCode\": \"02989\", \"level\": \"NTM\", \"setCode\": null, \"decisionNumber\": \"1234/QĐ-UBND\", "
                    + "\"decisionDate\": \"2019-12-20\", \"signer\": \"…\", \"note\": \"…\"}. Xã là đơn vị có hiệu lực vào ngày quyết định. "
                    + "Văn phòng Điều phối của tỉnh hiện nay của xã, hoặc quản trị. Xã đã giữ mức này: 409."
            );
        titles
            .MapPost("/acknowledgements", Acknowledge)
            .Produces<HeldTitle>(StatusCodes.Status201Created)
            .WithSummary("Ghi nhận quyết định của tỉnh: xã hình thành sau sắp xếp giữ mức đạt chuẩn mà các xã cũ đã đạt")
            .WithDescription(
                "Thân: {\"communeCode\": \"02989\", \"level\": \"NTM\", \"decisionNumber\": \"15/QĐ-UBND\", \"decisionDate\": \"2025-09-01\", "
                    + "\"signer\": \"…\", \"basedOn\": [<id danh hiệu của xã cũ>], \"note\": \"…\"}. Mỗi danh hiệu căn cứ phải của một xã cũ đã "
                    + "sắp xếp vào xã, cùng mức, chưa bị thu hồi."
            );
        titles
            .MapGet("/workbook", () =>
                TypedResults.File(TitleWorkbook.Template(), TitleWorkbook.ContentType, "danh-hieu-truoc-he-thong.xlsx")
            )
            .Produces(StatusCodes.Status200OK, contentType: TitleWorkbook.ContentType)
            .WithSummary("Mẫu Excel ghi nhận danh hiệu đã có trước khi dùng hệ thống");
        titles
            .MapPost("/workbook", Workbook)
            .Produces<RecordedRows>()
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Nạp danh hiệu đã có trước khi dùng hệ thống từ tệp Excel (theo mẫu), toàn bộ hoặc không dòng nào")
            .WithDescription(
                "multipart/form-data, trường `file`. Mỗi dòng được kiểm tra như POST /api/v1/titles; có lỗi ở bất kỳ dòng nào: 400 liệt kê mọi lỗi "
                    + "theo dòng, không ghi gì. Văn phòng Điều phối (các xã của tỉnh mình) hoặc quản trị; quyền được hỏi trước khi đọc tệp."
            );
        return app;
    }

    private static async Task<IResult> Workbook(
        HttpRequest request,
        TitleService service,
        UploadGate gate,
        AccessPolicy access,
        CancellationToken ct
    )
    {
        // The upload gate (decision 0018): who may write is asked before a byte is read; then bytes, then the structure.
        if (!access.User.IsAdmin && !access.User.Is(Roles.Coordinator))
            return UploadPages.Answer(
                UploadGate.Forbidden("Chỉ Văn phòng Điều phối hoặc quản trị nạp được danh hiệu; tệp không được đọc.")
            );
        var (file, refused) = await UploadGate.ReceiveAsync(request, gate.WorkbookBytes, UploadGate.WorkbookSetting, ct);
        if (refused is not null)
            return UploadPages.Answer(refused);
        await using (file)
        {
            if (file!.Length == 0)
                return ApiProblems.Invalid("file", "Chưa có tệp: gửi tệp .xlsx trong trường \"file\".");
            var (recorded, problems, outside) = await service.UploadAsync(file.Content, gate, ct);
            if (outside is not null)
                return UploadPages.Answer(outside);
            return problems.Count > 0
                ? TypedResults.ValidationProblem(
                    problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                    detail: $"Tệp có {problems.Count} lỗi; chưa ghi danh hiệu nào.",
                    title: "Dữ liệu không hợp lệ"
                )
                : TypedResults.Ok(new RecordedRows(recorded));
        }
    }

    private static async Task<IResult> Titles(string code, string? asOf, TitleService service, TimeProvider clock, CancellationToken ct)
    {
        if (!ApiProblems.TryParseDate(asOf, clock, out var date))
            return ApiProblems.Invalid("asOf", $"Ngày \"{asOf}\" không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2025-07-01.");
        var (titles, outcome) = await service.TitlesAsync(code, date, ct);
        return titles is null ? ApiProblems.From(outcome) : TypedResults.Ok(titles);
    }

    private static async Task<IResult> Baseline(BaselineTitleRequest request, TitleService service, CancellationToken ct)
    {
        var (title, outcome) = await service.RecordBaselineAsync(request, ct);
        return title is null ? ApiProblems.From(outcome) : TypedResults.Created($"/api/v1/titles/{title.Id}", title);
    }

    private static async Task<IResult> Acknowledge(AcknowledgementRequest request, TitleService service, CancellationToken ct)
    {
        var (title, outcome) = await service.AcknowledgeAsync(request, ct);
        return title is null ? ApiProblems.From(outcome) : TypedResults.Created($"/api/v1/titles/{title.Id}", title);
    }
}

/// <summary>How many rows of a workbook of earlier titles were recorded.</summary>
public sealed record RecordedRows(int Recorded);

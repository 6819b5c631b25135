using Mtqg.Web.Api;

namespace Mtqg.Web.Features.Recognition.Titles;

/// <summary>Titles that belong to units (DESIGN §9): read by commune and date, baseline titles, acknowledgements.</summary>
public static class TitlesApi
{
    public static IEndpointRouteBuilder MapTitlesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/communes/{code}/titles", Titles)
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
            .WithSummary("Ghi nhận danh hiệu xã đã được công nhận trước khi có hệ thống (số, ngày quyết định, người ký)")
            .WithDescription(
                "Thân: {\"communeCode\": \"02989\", \"level\": \"NTM\", \"setCode\": null, \"decisionNumber\": \"1234/QĐ-UBND\", "
                    + "\"decisionDate\": \"2019-12-20\", \"signer\": \"…\", \"note\": \"…\"}. Xã là đơn vị có hiệu lực vào ngày quyết định. "
                    + "Văn phòng Điều phối của tỉnh hiện nay của xã, hoặc quản trị. Xã đã giữ mức này: 409."
            );
        titles
            .MapPost("/acknowledgements", Acknowledge)
            .WithSummary("Ghi nhận quyết định của tỉnh: xã hình thành sau sắp xếp giữ mức đạt chuẩn mà các xã cũ đã đạt")
            .WithDescription(
                "Thân: {\"communeCode\": \"02989\", \"level\": \"NTM\", \"decisionNumber\": \"15/QĐ-UBND\", \"decisionDate\": \"2025-09-01\", "
                    + "\"signer\": \"…\", \"basedOn\": [<id danh hiệu của xã cũ>], \"note\": \"…\"}. Mỗi danh hiệu căn cứ phải của một xã cũ đã "
                    + "sắp xếp vào xã, cùng mức, chưa bị thu hồi."
            );
        return app;
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

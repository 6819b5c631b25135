using System.Text.Json;
using Mtqg.Domain.Common;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.Scorecards.Dashboards;
using Mtqg.Web.Features.Scorecards.Evaluation;
using Mtqg.Web.Features.Scorecards.Values;

namespace Mtqg.Web.Features.Scorecards;

public static class ScorecardsApi
{
    public sealed record ValuesRequest(Dictionary<string, JsonElement>? Values);

    public sealed record GroupRequest(string? Group);

    public static IServiceCollection AddScorecards(this IServiceCollection services) =>
        services
            .AddSingleton<SetCatalog>()
            .AddScoped<ScorecardService>()
            .AddScoped<EvaluationService>()
            .AddScoped<SummaryService>()
            .AddScoped<GroupAssignmentService>()
            .AddScoped<DemoDataSeeder>();

    public static IEndpointRouteBuilder MapScorecardsApi(this IEndpointRouteBuilder app)
    {
        var communes = app.MapGroup("/api/v1/communes/{code}").WithTags("Đánh giá xã");
        communes
            .MapPut("/criteria-sets/{set}/group", PutGroup)
            .Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization()
            .WithSummary("Xếp nhóm (vùng) của xã theo một bộ tiêu chí")
            .WithDescription(
                "Thân: {\"group\": \"<mã nhóm>\"}. Xã là đơn vị có hiệu lực ngày 31/12 của năm `year` (mặc định: năm cuối của bộ tiêu chí hoặc năm nay). Quản trị và Văn phòng Điều phối của tỉnh."
            );
        communes
            .MapPut("/years/{year:int}/values", PutValues)
            .Produces<ScorecardDto>()
            .RefusedWhenClosed()
            .RequireAuthorization()
            .WithSummary("Nhập (hoặc xóa bằng null) giá trị một số chỉ tiêu của xã trong năm; trả về bảng đánh giá")
            .WithDescription(
                "Thân: {\"values\": {\"<mã chỉ tiêu>\": số | true/false | null}}. Gửi If-Match với ETag nhận được khi đọc bảng đánh giá: nếu số liệu đã bị người khác thay đổi thì trả 412 kèm giá trị mới, không ghi đè; không gửi If-Match mà lưu cùng lúc với người khác thì trả 409. Kiểm tra tất cả trước: một giá trị sai thì không ghi gì và trả 400 nêu từng chỉ tiêu sai. Chỉ tiêu lấy giá trị từ nguồn khác (`source`, ví dụ poverty.rate: kết quả rà soát hộ nghèo đã phê duyệt) không nhập tay: gửi giá trị cho nó thì trả 409 nêu chỉ tiêu và nguồn, không ghi gì. Mã xã chỉ đơn vị có hiệu lực ngày 31/12 của năm."
            );
        communes
            .MapGet("/years/{year:int}/scorecard", GetScorecard)
            .Produces<ScorecardDto>()
            .RequireAuthorization()
            .WithSummary("Bảng đánh giá xã theo bộ tiêu chí (DESIGN §6)")
            .WithDescription(
                "set: mã bộ tiêu chí (mặc định bộ đã ban hành có hiệu lực năm đó); level: mức (mặc định mức thấp nhất). Mỗi chỉ tiêu chưa đạt có lời giải thích. Chỉ tiêu có `source` (poverty.rate, poverty.nearRate) lấy giá trị từ kết quả rà soát hộ nghèo đã phê duyệt của xã năm đó; `sourceNote` nêu kết quả nào (chưa có kết quả được phê duyệt: thiếu số liệu). Xem được: quản trị; điều phối, thẩm định, giúp đỡ, xem báo cáo của tỉnh chứa xã (kể cả xã cũ trước sắp xếp); cán bộ của chính xã đó và các xã cũ hợp thành."
            );
        app.MapGet("/api/v1/provinces/{code}/years/{year:int}/summary", GetProvinceSummary)
            .AllowAnonymous()
            .WithTags("Tổng hợp")
            .Produces<ProvinceSummaryDto>()
            .WithSummary("Tổng hợp một tỉnh trong năm: số xã đạt từng mức, theo nhóm số tiêu chí đạt, theo từng tiêu chí, các xã gần đạt");
        app.MapGet("/api/v1/years/{year:int}/summary", GetNationalSummary)
            .AllowAnonymous()
            .WithTags("Tổng hợp")
            .Produces<NationalSummaryDto>()
            .WithSummary("Tổng hợp toàn quốc trong năm, từng tỉnh");
        return app;
    }

    private static async Task<IResult> PutGroup(
        string code,
        string set,
        GroupRequest request,
        int? year,
        ScorecardService service,
        CancellationToken ct
    )
    {
        var outcome = await service.SetGroupAsync(code, set, request.Group, year, ct);
        return outcome.IsDone ? TypedResults.NoContent() : ApiProblems.From(outcome);
    }

    private static async Task<IResult> PutValues(
        string code,
        int year,
        string? set,
        ValuesRequest request,
        ScorecardService service,
        HttpContext http,
        CancellationToken ct
    )
    {
        var (card, outcome) = await service.SetValuesAsync(code, year, set, request.Values, ct, IfMatch.Sent(http.Request));
        if (card is null)
            return outcome.Kind == OutcomeKind.Changed
                ? TypedResults.Problem(
                    outcome.Message,
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    title: "Số liệu đã thay đổi",
                    extensions: new Dictionary<string, object?>
                    {
                        ["current"] = outcome.Problems.ToDictionary(p => p.Field, p => p.Message),
                    }
                )
                : ApiProblems.From(outcome);
        IfMatch.Tag(http.Response, card.Version!);
        return TypedResults.Ok(card);
    }

    private static async Task<IResult> GetScorecard(
        string code,
        int year,
        string? set,
        string? level,
        ScorecardService service,
        HttpContext http,
        CancellationToken ct
    )
    {
        var (card, outcome) = await service.GetAsync(code, year, set, level, ct);
        if (card is null)
            return ApiProblems.From(outcome);
        if (card.Version is { } version)
            IfMatch.Tag(http.Response, version);
        return TypedResults.Ok(card);
    }

    // Summaries come from the summary cache, the same object while the data is unchanged: their JSON is kept with them.
    private static async Task<IResult> GetProvinceSummary(
        string code,
        int year,
        string? set,
        SummaryService service,
        HttpContext http,
        CancellationToken ct
    )
    {
        var (summary, outcome) = await service.ProvinceSummaryAsync(code, year, set, ct);
        return summary is not null ? CachedJson.Ok(summary, http) : ApiProblems.From(outcome);
    }

    private static async Task<IResult> GetNationalSummary(
        int year,
        string? set,
        SummaryService service,
        HttpContext http,
        CancellationToken ct
    )
    {
        var (summary, outcome) = await service.NationalSummaryAsync(year, set, ct);
        return summary is not null ? CachedJson.Ok(summary, http) : ApiProblems.From(outcome);
    }
}

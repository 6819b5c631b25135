using Mtqg.Domain.Common;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Visits.Recommendations;
using static Mtqg.Web.Features.Plans.PlansApi;

namespace Mtqg.Web.Features.Visits;

public static class VisitsApi
{
    public static IServiceCollection AddVisits(this IServiceCollection services) =>
        services.AddScoped<VisitScope>().AddScoped<VisitService>().AddScoped<RecommendationService>();

    public static IEndpointRouteBuilder MapVisitsApi(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("/api/v1/visits").WithTags("Buổi làm việc").RequireAuthorization();
        visits
            .MapGet("/", (string? province, string? commune, int? agency, VisitService s, CancellationToken ct) =>
                Answer(s.ListAsync(province, commune, agency, ct))
            )
            .Produces<IReadOnlyList<VisitLine>>()
            .WithSummary("Các buổi làm việc của một xã (commune), một đơn vị giúp đỡ (agency=id) hoặc một tỉnh (province), mới nhất trước");
        visits
            .MapPost("/", async (VisitInput input, VisitService s, CancellationToken ct) =>
                Created(await s.CreateAsync(input, ct), id => $"/api/v1/visits/{id}")
            )
            .Produces<CreatedId>(StatusCodes.Status201Created)
            .WithSummary("Ghi biên bản buổi làm việc của đơn vị giúp đỡ tại xã, kèm hỗ trợ và kiến nghị")
            .WithDescription(
                "Đơn vị giúp đỡ chỉ ghi buổi làm việc của chính mình, ở xã được phân công, trong thời gian phân công. Thân: {\"date\":\"2026-11-20\",\"communeCode\":\"02989\",\"participants\":[\"…\"],\"content\":\"…\",\"findings\":\"…\",\"support\":[{\"kind\":\"gift|money|materials|inKind\",\"description\":\"…\",\"quantity\":10,\"unit\":\"suất\",\"value\":5000000}],\"difficulties\":[\"…\"],\"recommendations\":[{\"text\":\"…\",\"responsible\":\"department|commune|province\",\"sector\":\"Sở Xây dựng\",\"dueDate\":\"2026-12-31\"}]}. Giá trị tính bằng đồng. 400 nêu mọi lỗi, không ghi gì."
            );
        visits
            .MapGet("/{id:int}", (int id, VisitService s, CancellationToken ct) => Answer(s.GetAsync(id, ct)))
            .Produces<VisitView>()
            .WithSummary("Một buổi làm việc: thành phần, nội dung, kết quả, hỗ trợ, khó khăn và kiến nghị");
        visits
            .MapPut("/{id:int}", (int id, VisitInput input, VisitService s, CancellationToken ct) => Answer(s.UpdateAsync(id, input, ct)))
            .Produces<VisitView>()
            .WithSummary("Sửa biên bản buổi làm việc (đơn vị đã ghi hoặc quản trị)")
            .WithDescription(
                "Các trường như khi ghi; trường không gửi giữ nguyên. Không đổi xã; kiến nghị xử lý trên trang kiến nghị. 400 nêu mọi lỗi, không ghi gì."
            );
        visits
            .MapDelete("/{id:int}", async (int id, VisitService s, CancellationToken ct) => Transition(await s.DeleteAsync(id, ct)))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary(
                "Xóa buổi làm việc ghi nhầm (đơn vị đã ghi hoặc quản trị), khi chưa kiến nghị nào của buổi được trả lời hay xử lý; nếu đã có thì 409"
            );

        var recs = app.MapGroup("/api/v1/recommendations").WithTags("Kiến nghị").RequireAuthorization();
        recs.MapGet("/", (string? province, string? commune, int? agency, string? status, RecommendationService s, CancellationToken ct) =>
                Answer(s.RecommendationsAsync(new RecommendationFilter(province, commune, agency, status != "all"), ct))
            )
            .Produces<IReadOnlyList<RecommendationLine>>()
            .WithSummary(
                "Kiến nghị đang mở của một xã, một đơn vị giúp đỡ hoặc một tỉnh, cũ nhất trước, có đánh dấu quá hạn (status=all: cả kiến nghị đã đóng)"
            );
        recs.MapGet("/{id:int}", (int id, RecommendationService s, CancellationToken ct) => Answer(s.RecommendationAsync(id, ct)))
            .Produces<RecommendationView>()
            .WithSummary("Một kiến nghị với lịch sử xử lý");
        recs.MapPost("/{id:int}/response", async (int id, AnswerInput input, RecommendationService s, CancellationToken ct) =>
                Transition(await s.RespondAsync(id, input.Text, ct))
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary(
                "Trả lời kiến nghị (nơi chịu trách nhiệm: sở theo lĩnh vực, UBND xã, hoặc Văn phòng Điều phối của tỉnh); chuyển sang đang xử lý"
            )
            .WithDescription("Thân: {\"text\":\"…\"}. 409 khi kiến nghị đã đóng, nêu trạng thái.");
        recs.MapPost("/{id:int}/close", async (int id, AnswerInput input, RecommendationService s, CancellationToken ct) =>
                Transition(await s.CloseAsync(id, input.Text, ct))
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Đóng kiến nghị với kết quả xử lý (nơi chịu trách nhiệm)");
        recs.MapPost("/{id:int}/not-applicable", async (int id, AnswerInput input, RecommendationService s, CancellationToken ct) =>
                Transition(await s.RejectAsync(id, input.Text, ct))
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Kết luận kiến nghị không thuộc phạm vi xử lý, có lý do (nơi chịu trách nhiệm)");
        recs.MapPost("/{id:int}/reopen", async (int id, AnswerInput input, RecommendationService s, CancellationToken ct) =>
                Transition(await s.ReopenAsync(id, input.Text, ct))
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Mở lại kiến nghị đã đóng, có lý do (đơn vị đã nêu, hoặc Văn phòng Điều phối)");
        app.MapGet(
                "/api/v1/recommendations.xlsx",
                async (
                    string? province,
                    string? commune,
                    int? agency,
                    string? status,
                    RecommendationService s,
                    TimeProvider clock,
                    CancellationToken ct
                ) =>
                {
                    var (items, outcome) = await s.RecommendationsAsync(
                        new RecommendationFilter(province, commune, agency, status != "all"),
                        ct
                    );
                    var now = clock.GetUtcNow().UtcDateTime;
                    return items is null
                        ? ApiProblems.From(outcome)
                        : TypedResults.File(
                            RecommendationsWorkbook.Build(items, now),
                            RecommendationsWorkbook.ContentType,
                            RecommendationsWorkbook.FileName(now)
                        );
                }
            )
            .Produces(StatusCodes.Status200OK, contentType: RecommendationsWorkbook.ContentType)
            .RequireAuthorization()
            .WithTags("Kiến nghị")
            .WithSummary("Excel: kiến nghị đang mở (cũ nhất trước, quá hạn đánh dấu)");
        return app;
    }

    /// <summary>A refused transition names the state it found: 409.</summary>
    private static IResult Transition(Outcome outcome) =>
        outcome.Kind == OutcomeKind.Rejected ? ApiProblems.Conflict(outcome.Message!) : NoContent(outcome);
}

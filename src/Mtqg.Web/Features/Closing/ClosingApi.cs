using Mtqg.Web.Api;

namespace Mtqg.Web.Features.Closing;

/// <summary>Marks a write refused (423) while its province-year part is closed: the OpenAPI document then says so.</summary>
public sealed class RefusedWhenClosedMetadata;

public static class ClosingApi
{
    private const string Tag = "Khóa sổ";

    public static IServiceCollection AddClosing(this IServiceCollection services) => services.AddScoped<PeriodClosingService>();

    /// <summary>The write answers 423 while the part of the province-year it belongs to is closed.</summary>
    public static TBuilder RefusedWhenClosed<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RefusedWhenClosedMetadata());

    public static IEndpointRouteBuilder MapClosingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/provinces/{code}/years/{year:int}").WithTags(Tag).RequireAuthorization();
        group
            .MapGet("/close", async Task<IResult> (string code, int year, PeriodClosingService s, CancellationToken ct) =>
                await s.StateAsync(code, year, ct) switch
                {
                    ({ } view, _) => TypedResults.Ok(view),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces<ClosingView>()
            .WithSummary("Tình trạng khóa sổ của tỉnh trong năm: từng phần số liệu (tiêu chí, hộ nghèo, vốn), ai khóa, khi nào")
            .WithDescription(
                "{province, year, canChange, parts:[{part: values|poverty|money, label, closed, closedAt, closedBy, note, reopenedAt, reopenedBy, reopenReason}]}. Người đọc được số liệu của tỉnh."
            );
        group
            .MapPost(
                "/close",
                async Task<IResult> (string code, int year, CloseInput input, PeriodClosingService s, CancellationToken ct) =>
                    await s.CloseAsync(code, year, input, ct) switch
                    {
                        ({ } view, _) => TypedResults.Ok(view),
                        (_, var outcome) => ApiProblems.From(outcome),
                    }
            )
            .Produces<ClosingView>()
            .WithSummary("Khóa sổ các phần số liệu của tỉnh trong năm (Văn phòng Điều phối của tỉnh)")
            .WithDescription(
                "Thân: {\"parts\":[\"values\",\"poverty\",\"money\"], \"note\"?}. Sau khi khóa, mọi lần ghi vào phần đã khóa (API, trang, tải tệp) bị từ chối 423, nêu người khóa và thời điểm; không ghi gì. Phần đã khóa: 409."
            );
        group
            .MapPost(
                "/reopen",
                async Task<IResult> (string code, int year, ReopenPeriodInput input, PeriodClosingService s, CancellationToken ct) =>
                    await s.ReopenAsync(code, year, input, ct) switch
                    {
                        ({ } view, _) => TypedResults.Ok(view),
                        (_, var outcome) => ApiProblems.From(outcome),
                    }
            )
            .Produces<ClosingView>()
            .WithSummary("Mở lại các phần số liệu đã khóa sổ, kèm lý do (Văn phòng Điều phối của tỉnh)")
            .WithDescription("Thân: {\"parts\":[…], \"reason\":\"…\"} (lý do bắt buộc, ghi vào nhật ký). Phần chưa khóa: 409.");
        return app;
    }
}

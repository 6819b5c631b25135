using Mtqg.Web.Api;
using Mtqg.Web.Features.Plans;

namespace Mtqg.Web.Features.Closing;

/// <summary>Marks a write refused (423) while its province-year part is closed: the OpenAPI document then says so.</summary>
public sealed class RefusedWhenClosedMetadata;

public static class ClosingApi
{
    private const string Tag = "Khóa sổ";

    public static IServiceCollection AddClosing(this IServiceCollection services) =>
        services.AddScoped<PeriodClosingService>().AddScoped<ReportCalendarService>();

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
        MapCalendar(app);
        return app;
    }

    private static void MapCalendar(IEndpointRouteBuilder app)
    {
        const string calendarTag = "Báo cáo, dữ liệu quốc gia";
        var province = app.MapGroup("/api/v1/provinces/{code}/years/{year:int}").WithTags(calendarTag).RequireAuthorization();
        province
            .MapGet("/report-calendar", async Task<IResult> (string code, int year, ReportCalendarService s, CancellationToken ct) =>
                await s.CalendarAsync(code, year, ct) switch
                {
                    ({ } view, _) => TypedResults.Ok(view),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces<ReportCalendarView>()
            .WithSummary("Lịch báo cáo của tỉnh trong năm: báo cáo nào, kỳ nào, hạn gửi, đã gửi chưa")
            .WithDescription(
                "{province, provinceName, year, canChange, deadlines:[{id, report, title, year, half, period, dueOn, sentOn, sentBy, note, status: sent|overdue|due-soon|upcoming, daysLeft}]}. Hạn gửi do Văn phòng Điều phối nhập (hệ thống không tự đặt hạn chính thức). Người đọc được số liệu của tỉnh."
            );
        province
            .MapPost(
                "/report-calendar",
                async Task<IResult> (string code, int year, DeadlineInput input, ReportCalendarService s, CancellationToken ct) =>
                    await s.AddAsync(code, year, input, ct) switch
                    {
                        ({ } id, _) => TypedResults.Created($"/api/v1/report-calendar/{id}", new CreatedId(id)),
                        (_, var outcome) => ApiProblems.From(outcome),
                    }
            )
            .Produces<CreatedId>(StatusCodes.Status201Created)
            .WithSummary("Thêm một báo cáo tỉnh phải gửi vào lịch, với hạn gửi (Văn phòng Điều phối của tỉnh)")
            .WithDescription(
                "Thân: {report: mã báo cáo (GET /api/v1/reports), half?: 1|2 (báo cáo 6 tháng), dueOn: yyyy-MM-dd, note?}. Đã có cùng báo cáo, cùng kỳ: 409."
            );
        var entry = app.MapGroup("/api/v1/report-calendar/{id:int}").WithTags(calendarTag).RequireAuthorization();
        entry
            .MapPost("/sent", async Task<IResult> (int id, SentInput input, ReportCalendarService s, CancellationToken ct) =>
                PlansApi.NoContent(await s.MarkSentAsync(id, input, ct))
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Ghi báo cáo đã gửi (ngày gửi, mặc định hôm nay; ghi chú như số văn bản)");
        entry
            .MapDelete("/", async Task<IResult> (int id, ReportCalendarService s, CancellationToken ct) =>
                PlansApi.NoContent(await s.RemoveAsync(id, ct))
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Xóa một mục chưa gửi khỏi lịch báo cáo");
    }
}

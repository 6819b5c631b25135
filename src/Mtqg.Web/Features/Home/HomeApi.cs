namespace Mtqg.Web.Features.Home;

public static class HomeApi
{
    public static IServiceCollection AddHome(this IServiceCollection services) =>
        services.AddScoped<MyWorkService>().AddSingleton<MyWorkCounts>();

    public static IEndpointRouteBuilder MapHomeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/my-work", async Task<IResult> (MyWorkService work, CancellationToken ct) =>
                TypedResults.Ok(await work.ForMeAsync(ct))
            )
            .WithTags("Việc chờ tôi")
            .RequireAuthorization()
            .Produces<MyWork>()
            .WithSummary("Việc đang chờ tài khoản: số liệu cần nhập, thẩm định, hồ sơ, báo cáo đến hạn, xã cần làm việc, kiến nghị")
            .WithDescription(
                "{sections:[{title, items:[{text, href, urgent}], allHref, allText}], count, urgent}. Mỗi vai trò thấy việc của mình; href là trang xử lý việc đó."
            );
        return app;
    }
}

using Mtqg.Web.Api;

namespace Mtqg.Web.Features.Map;

/// <summary>The public map (issue 20): its page is /ban-do; its figures are served here for other systems.</summary>
public static class MapApi
{
    public static IServiceCollection AddMap(this IServiceCollection services) =>
        services.AddSingleton<ProvinceShapes>().AddScoped<MapService>();

    public static IEndpointRouteBuilder MapMapApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/years/{year:int}/map", GetMap)
            .AllowAnonymous()
            .WithTags("Tổng hợp")
            .Produces<MapDto>()
            .WithSummary(
                "Bản đồ trong năm, từng tỉnh: số xã, số xã được công nhận theo quyết định (giữ danh hiệu ngày 31/12) "
                    + "và — tách riêng — số xã đạt theo số liệu tự đánh giá; null khi chưa có dữ liệu"
            );
        return app;
    }

    private static async Task<IResult> GetMap(int year, MapService service, HttpContext http, CancellationToken ct)
    {
        var (map, outcome) = await service.MapAsync(year, ct);
        return map is not null ? CachedJson.Ok(map, http) : ApiProblems.From(outcome);
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Mtqg.Web.Api;

namespace Mtqg.Web.Features.Units;

public static class UnitsApi
{
    public static IServiceCollection AddUnits(this IServiceCollection services) =>
        services.AddScoped<UnitService>().AddScoped<UnitSeeder>().AddSingleton<ProvinceLineage>();

    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/v1/units").WithTags("Đơn vị hành chính").AllowAnonymous();
        units
            .MapGet("/", List)
            .WithSummary("Danh sách đơn vị hành chính có hiệu lực vào một ngày")
            .WithDescription(
                "level: province | district | commune; parent: mã đơn vị cấp trên; asOf: ngày (YYYY-MM-DD, mặc định hôm nay); q: tìm theo tên, không phân biệt dấu (\"tan thuong\" tìm được \"Tân Thượng\")."
            );
        units
            .MapGet("/{code}", Get)
            .WithSummary("Một đơn vị hành chính, với thời gian hiệu lực, đơn vị tiền thân và đơn vị kế thừa")
            .WithDescription(
                "Một mã có thể được dùng lại cho đơn vị khác sau sắp xếp 2025; asOf chọn đơn vị mà mã đó chỉ vào ngày ấy (mặc định hôm nay)."
            );
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<UnitSummary>>, ValidationProblem, ProblemHttpResult>> List(
        string? level,
        string? parent,
        string? asOf,
        string? q,
        UnitService service,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var parsedLevel = UnitService.ParseLevel(level);
        if (level is { Length: > 0 } && parsedLevel is null)
            return ApiProblems.Invalid("level", $"Cấp \"{level}\" không hợp lệ: dùng province, district hoặc commune.");
        if (!ApiProblems.TryParseDate(asOf, clock, out var date))
            return ApiProblems.Invalid("asOf", $"Ngày \"{asOf}\" không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2025-07-01.");
        if (q is { Length: > 100 })
            return ApiProblems.Invalid("q", "Từ khóa tìm kiếm dài quá 100 ký tự.");
        if (parent is { Length: > 0 } && !await service.ExistsAsync(parent, date, ct))
            return ApiProblems.NotFound($"Không có đơn vị hành chính mã \"{parent}\" có hiệu lực ngày {date:dd/MM/yyyy}.");
        return TypedResults.Ok(await service.ListAsync(new UnitQuery(parsedLevel, parent, date, q), ct));
    }

    private static async Task<Results<Ok<UnitDetail>, ValidationProblem, ProblemHttpResult>> Get(
        string code,
        string? asOf,
        UnitService service,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (!ApiProblems.TryParseDate(asOf, clock, out var date))
            return ApiProblems.Invalid("asOf", $"Ngày \"{asOf}\" không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2024-12-31.");
        return await service.FindAsync(code, date, ct) is { } unit
            ? TypedResults.Ok(unit)
            : ApiProblems.NotFound($"Không có đơn vị hành chính mã \"{code}\" có hiệu lực ngày {date:dd/MM/yyyy}.");
    }
}

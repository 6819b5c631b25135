using Mtqg.Domain.Common;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.Map;

/// <summary>
/// The public map (issue 20): its page is /ban-do; its figures are served here for other systems. A province's commune
/// boundaries (decision 0029) are uploaded, read and deleted here too; they are drawn on the province's dashboard.
/// </summary>
public static class MapApi
{
    public static IServiceCollection AddMap(this IServiceCollection services) =>
        services.AddSingleton<ProvinceShapes>().AddScoped<MapService>().AddScoped<CommuneBoundaryService>();

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

        var boundaries = app.MapGroup("/api/v1/provinces/{code}").WithTags("Tổng hợp").RequireAuthorization();
        boundaries
            .MapGet("/commune-boundaries", async Task<IResult> (string code, CommuneBoundaryService s, CancellationToken ct) =>
                await s.GetAsync(code, ct) switch
                {
                    ({ } view, _) => TypedResults.Ok(view),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces<CommuneBoundariesView>()
            .WithSummary("Ranh giới các xã tỉnh đã nạp: số xã có ranh giới trên số xã hiện có, tệp, người nạp, thời điểm")
            .WithDescription(
                "404 khi tỉnh chưa nạp. Văn phòng Điều phối, thẩm định viên, đơn vị giúp đỡ xã, người xem của tỉnh, người xem toàn quốc, quản trị viên."
            );
        boundaries
            .MapPut("/commune-boundaries", Upload)
            .Produces<CommuneBoundariesView>()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Nạp (thay) ranh giới các xã của tỉnh từ tệp GeoJSON, vẽ trên trang tổng hợp của tỉnh")
            .WithDescription(
                "Tệp GeoJSON trong trường file (multipart/form-data): một FeatureCollection, mỗi xã một Feature Polygon hoặc MultiPolygon, "
                    + "tọa độ [kinh độ, vĩ độ] WGS 84; mã xã (5 chữ số) trong thuộc tính ma_xa, code hoặc ma. Từ chối (400, nêu đối tượng thứ mấy "
                    + "và mã, không ghi gì): không phải JSON hoặc FeatureCollection, thiếu mã, mã không phải xã hiện nay của tỉnh (không có, của tỉnh "
                    + "khác, đã thôi hiệu lực), mã trùng, hình học khác Polygon/MultiPolygon, vòng dưới 4 điểm hoặc không khép kín, tọa độ không "
                    + "phải số hoặc ngoài Việt Nam hay ngoài phạm vi tỉnh. Giới hạn: Mtqg:Uploads:BoundariesMegabytes (413), MaxBoundaryFeatures, "
                    + "MaxBoundaryPositions. Xã không có trong tệp được ghi là chưa có ranh giới. Bộ mới thay cả bộ cũ. Văn phòng Điều phối của "
                    + "tỉnh, quản trị viên; quyền được hỏi trước khi đọc tệp."
            );
        boundaries
            .MapDelete("/commune-boundaries", async Task<IResult> (string code, CommuneBoundaryService s, CancellationToken ct) =>
                await s.DeleteAsync(code, ct) switch
                {
                    { IsDone: true } => TypedResults.NoContent(),
                    var outcome => ApiProblems.From(outcome),
                }
            )
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Xóa ranh giới các xã của tỉnh (trang tổng hợp không vẽ bản đồ xã nữa)")
            .WithDescription("Văn phòng Điều phối của tỉnh, quản trị viên.");
        return app;
    }

    private static async Task<IResult> GetMap(int year, MapService service, HttpContext http, CancellationToken ct)
    {
        var (map, outcome) = await service.MapAsync(year, ct);
        return map is not null ? CachedJson.Ok(map, http) : ApiProblems.From(outcome);
    }

    /// <summary>The upload gate (decision 0018): permission before a byte of the body, then bytes, then the parse under its budget.</summary>
    private static async Task<IResult> Upload(
        string code,
        HttpRequest request,
        CommuneBoundaryService s,
        UploadGate gate,
        CancellationToken ct
    )
    {
        var (_, may) = await s.MayChangeAsync(code, ct);
        if (may.Kind == OutcomeKind.Forbidden)
            return UploadPages.Answer(UploadGate.Forbidden($"{may.Message} Tệp không được đọc."));
        if (!may.IsDone)
            return ApiProblems.From(may);
        var (file, refused) = await UploadGate.ReceiveAsync(request, gate.BoundariesBytes, UploadGate.BoundariesSetting, ct);
        if (refused is not null)
            return UploadPages.Answer(refused);
        await using (file)
        {
            var (view, outcome, refusal) = await s.UploadAsync(code, file!.Content, file.FileName, gate, ct);
            return view is not null ? TypedResults.Ok(view)
                : refusal is not null ? UploadPages.Answer(refusal)
                : ApiProblems.From(outcome);
        }
    }
}

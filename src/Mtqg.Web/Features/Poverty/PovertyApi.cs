using Mtqg.Domain.Common;
using Mtqg.Web.Api;
using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.Files;
using Mtqg.Web.Features.Money;

namespace Mtqg.Web.Features.Poverty;

public static class PovertyApi
{
    private const string Tag = "Giảm nghèo";

    public static IServiceCollection AddPoverty(this IServiceCollection services) =>
        services.AddSingleton<PovertyStandards>().AddScoped<PovertyService>().AddScoped<PovertyDemoSeeder>();

    public static IEndpointRouteBuilder MapPovertyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/poverty-standards", (PovertyStandards standards) => TypedResults.Ok(standards.All))
            .Produces<IReadOnlyList<PovertyStandardView>>()
            .AllowAnonymous()
            .WithTags(Tag)
            .WithSummary("Các chuẩn nghèo đa chiều theo giai đoạn, với chuẩn thu nhập, các chiều và chỉ số thiếu hụt")
            .WithDescription(
                "[{code, name, legalBasis, validFrom, validTo, incomeLines:{ruralPoor, urbanPoor, ruralNearPoor, urbanNearPoor}, dimensions:[{code, name, indicators:[{code, name}]}], dimensionsComplete, note, sources}]; thu nhập tính bằng đồng/người/tháng; null là nguồn chưa đọc được. Chuẩn của một năm là chuẩn có hiệu lực trong năm đó."
            );

        var commune = app.MapGroup("/api/v1/communes/{code}/years/{year:int}").WithTags(Tag).RequireAuthorization();
        commune
            .MapGet("/poverty", async Task<IResult> (string code, int year, PovertyService s, CancellationToken ct) =>
                await s.GetAsync(code, year, ct) switch
                {
                    ({ } result, _) => TypedResults.Ok(result),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces<PovertyResultView>()
            .WithSummary("Kết quả rà soát hộ nghèo, hộ cận nghèo của xã trong năm (số hộ, tỷ lệ, trạng thái)")
            .WithDescription(
                "404 khi xã chưa có kết quả năm đó. Cán bộ xã, Văn phòng Điều phối, người xem của tỉnh, cơ quan giúp đỡ xã, quản trị viên."
            );
        commune
            .MapPut("/poverty", async Task<IResult> (string code, int year, PovertyInput input, PovertyService s, CancellationToken ct) =>
                await s.PutAsync(code, year, input, ct) switch
                {
                    ({ } result, _) => TypedResults.Ok(result),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces<PovertyResultView>()
            .RefusedWhenClosed()
            .WithSummary("Nhập (sửa) kết quả rà soát hộ nghèo của xã trong năm (bản nháp)")
            .WithDescription(
                "Thân: {households, poor, nearPoor, poorEthnicMinority?, nearPoorEthnicMinority?, escapedPoverty?, newlyPoor?, deprivations?:{mã chỉ số: số hộ}} — chỉ số đếm, không có tên hộ. Từ chối (400, không ghi gì, nêu từng trường): số âm hoặc không nguyên, hộ nghèo + cận nghèo vượt tổng số hộ, nhóm con vượt tổng của nó, mã chỉ số không thuộc chuẩn nghèo áp dụng năm đó. Kết quả đã phê duyệt: 409 cho đến khi được mở lại. Cán bộ của xã, Văn phòng Điều phối của tỉnh, quản trị viên."
            );
        commune
            .MapPost("/poverty/approve", async Task<IResult> (string code, int year, PovertyService s, CancellationToken ct) =>
                await s.ApproveAsync(code, year, ct) switch
                {
                    ({ } result, _) => TypedResults.Ok(result),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces<PovertyResultView>()
            .RefusedWhenClosed()
            .WithSummary("Phê duyệt kết quả rà soát hộ nghèo của xã trong năm (Văn phòng Điều phối của tỉnh)");
        commune
            .MapPost(
                "/poverty/reopen",
                async Task<IResult> (string code, int year, ReopenInput input, PovertyService s, CancellationToken ct) =>
                    await s.ReopenAsync(code, year, input, ct) switch
                    {
                        ({ } result, _) => TypedResults.Ok(result),
                        (_, var outcome) => ApiProblems.From(outcome),
                    }
            )
            .Produces<PovertyResultView>()
            .RefusedWhenClosed()
            .WithSummary("Mở lại kết quả đã phê duyệt để sửa, kèm lý do (Văn phòng Điều phối của tỉnh)")
            .WithDescription("Thân: {\"reason\":\"…\"} (bắt buộc). Kết quả trở về bản nháp; lý do được ghi vào nhật ký.");

        app.MapGet(
                "/api/v1/provinces/{code}/years/{year:int}/poverty",
                async Task<IResult> (string code, int year, PovertyService s, CancellationToken ct) =>
                    await s.ProvinceAsync(code, year, ct) switch
                    {
                        ({ } summary, _) => TypedResults.Ok(summary),
                        (_, var outcome) => ApiProblems.From(outcome),
                    }
            )
            .Produces<ProvincePovertyView>()
            .RequireAuthorization()
            .WithTags(Tag)
            .WithSummary("Tổng hợp hộ nghèo của tỉnh trong năm: tỷ lệ, mức giảm so với năm trước, từng xã")
            .WithDescription(
                "Từ các kết quả đã phê duyệt của các xã có hiệu lực ngày 31/12. change: điểm phần trăm so với năm trước của cùng đơn vị, hoặc tổng các xã cũ hợp thành qua sắp xếp 2025 (quyết định 0024); previousNote nói vì sao không tính được. Văn phòng Điều phối, thẩm định viên, người xem của tỉnh, quản trị viên."
            );
        var province = app.MapGroup("/api/v1/provinces/{code}/years/{year:int}").WithTags(Tag).RequireAuthorization();
        province
            .MapGet("/poverty.xlsx", async Task<IResult> (string code, int year, PovertyService s, CancellationToken ct) =>
                await s.WorkbookAsync(code, year, ct) switch
                {
                    ({ } bytes, _) => TypedResults.File(bytes, CapitalWorkbook.ContentType, PovertyWorkbook.FileName(code, year)),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces(StatusCodes.Status200OK, contentType: CapitalWorkbook.ContentType)
            .WithSummary("Kết quả rà soát hộ nghèo của các xã trong tỉnh dạng Excel (mẫu để nạp cả tỉnh)");
        province
            .MapPost("/poverty", Upload)
            .Produces<PovertyUploadView>()
            .RefusedWhenClosed()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Nạp kết quả rà soát hộ nghèo của cả tỉnh từ tệp Excel (mẫu như GET …/poverty.xlsx)")
            .WithDescription(
                "Tệp .xlsx trong trường file; mỗi xã một dòng, dòng để trống mọi số là xã chưa nhập. Mỗi dòng được kiểm tra như PUT của xã; xã không thuộc tỉnh, xã hai dòng, kết quả đã phê duyệt bị sửa: 400 nêu từng ô (trang, dòng, cột), không ghi gì. Kết quả ghi là bản nháp chờ phê duyệt. Văn phòng Điều phối của tỉnh, quản trị viên."
            );
        return app;
    }

    /// <summary>The upload gate (decision 0018): permission before a byte of the body, then bytes, structure, parse.</summary>
    private static async Task<IResult> Upload(
        string code,
        int year,
        HttpRequest request,
        PovertyService s,
        UploadGate gate,
        CancellationToken ct
    )
    {
        var (_, _, may) = await s.MayLoadAsync(code, year, ct);
        if (may.Kind == OutcomeKind.Forbidden)
            return UploadPages.Answer(UploadGate.Forbidden($"{may.Message} Tệp không được đọc."));
        if (!may.IsDone)
            return ApiProblems.From(may);
        var (file, refused) = await UploadGate.ReceiveAsync(request, gate.WorkbookBytes, UploadGate.WorkbookSetting, ct);
        if (refused is not null)
            return UploadPages.Answer(refused);
        await using (file)
        {
            var result = await s.UploadAsync(code, year, file!.Content, gate, ct);
            return result.Done is { } done ? TypedResults.Ok(done) : MoneyApi.ToHttp(result.Refusal, result.Problems, result.Outcome);
        }
    }
}

using Mtqg.Web.Api;

namespace Mtqg.Web.Features.Departments;

public static class DepartmentsApi
{
    public static IServiceCollection AddDepartments(this IServiceCollection services) =>
        services.AddScoped<DepartmentService>().AddScoped<DepartmentSeeder>();

    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var departments = app.MapGroup("/api/v1/provinces/{code}/departments").WithTags("Sở, ngành");
        departments
            .MapGet("/", async Task<IResult> (string code, string? asOf, DepartmentService s, TimeProvider clock, CancellationToken ct) =>
                !ApiProblems.TryParseDate(asOf, clock, out var date) ? ApiProblems.Invalid("asOf", "Ngày asOf phải có dạng yyyy-MM-dd.")
                : await s.ListAsync(code, date, ct) is { } list ? TypedResults.Ok(list)
                : ApiProblems.NotFound($"Không có tỉnh mã \"{code}\".")
            )
            .Produces<IReadOnlyList<DepartmentView>>()
            .WithSummary("Các sở, ngành của tỉnh có hiệu lực vào ngày asOf (mặc định hôm nay)")
            .WithDescription(
                "Mỗi sở: code (mã dùng chung các tỉnh, ví dụ SXD), name, validFrom (null: có từ trước, nguồn không ghi ngày), validTo, successorCode (sở nhận công việc khi sáp nhập). Trước 01/03/2025: các sở trước Nghị định 45/2025/NĐ-CP."
            );
        departments
            .MapPost("/", async Task<IResult> (string code, DepartmentInput input, DepartmentService s, CancellationToken ct) =>
            {
                var outcome = await s.AddAsync(code, input, ct);
                return outcome.IsDone
                    ? TypedResults.Created(
                        $"/api/v1/provinces/{code}/departments",
                        new DepartmentCreated(input.Code!.Trim().ToUpperInvariant())
                    )
                    : ApiProblems.From(outcome);
            })
            .RequireAuthorization()
            .Produces<DepartmentCreated>(StatusCodes.Status201Created)
            .WithSummary("Thêm một sở, ngành của tỉnh (Văn phòng Điều phối của tỉnh, quản trị viên)")
            .WithDescription(
                "Thân: {\"code\":\"SDTTG\",\"name\":\"Sở Dân tộc và Tôn giáo\",\"validFrom\":\"2025-03-01\"}. 400 nêu từng trường sai."
            );
        departments
            .MapPut(
                "/{deptCode}",
                async Task<IResult> (string code, string deptCode, DepartmentChange change, DepartmentService s, CancellationToken ct) =>
                    await s.ChangeAsync(code, deptCode.Trim().ToUpperInvariant(), change, ct) switch
                    {
                        ({ } carried, _) => TypedResults.Ok(carried),
                        (_, var outcome) => ApiProblems.From(outcome),
                    }
            )
            .RequireAuthorization()
            .Produces<CarriedWork>()
            .WithSummary("Đổi tên, hoặc sáp nhập sở vào sở kế thừa (Văn phòng Điều phối của tỉnh, quản trị viên)")
            .WithDescription(
                "Đổi tên: {\"name\":\"…\"}. Sáp nhập: {\"validTo\":\"2026-06-30\",\"successorCode\":\"STC\"}: các tiêu chí hồ sơ chưa thẩm định xong, kiến nghị đang mở và tài khoản thẩm định của sở chuyển ngay sang sở kế thừa; trả về số việc đã chuyển {dossierCriteria, recommendations, accounts}."
            );
        return app;
    }
}

/// <summary>The code of a department just added.</summary>
public sealed record DepartmentCreated(string Code);

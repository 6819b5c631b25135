using Mtqg.Domain.Common;
using Mtqg.Web.Api;

namespace Mtqg.Web.Features.Accounts;

public static class UsersApi
{
    public sealed record CreateUserRequest(
        string? UserName,
        string? Password,
        string? DisplayName,
        string? Role,
        string? UnitCode,
        string? Sector
    );

    public sealed record UpdateUserRequest(string? DisplayName, string? Role, string? UnitCode, string? Sector, string? ConcurrencyStamp);

    public sealed record DisableRequest(bool? Disabled);

    public sealed record PasswordRequest(string? Password);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Tài khoản").RequireAuthorization(Policies.ManageUsers);
        group
            .MapPost("/", Create)
            .Produces<UserView>(StatusCodes.Status201Created)
            .WithSummary("Tạo tài khoản")
            .WithDescription(
                "role: admin | coordinator | appraiser | agency | commune | viewer. unitCode: mã tỉnh (điều phối, thẩm định, giúp đỡ, xem theo tỉnh), mã xã (cán bộ xã), trống (quản trị, xem toàn quốc). sector: tên sở thẩm định (thẩm định) hoặc tên cơ quan giúp đỡ xã (giúp đỡ, ví dụ \"Sở Tài chính\": tài khoản thuộc cơ quan đó trong tỉnh và làm việc ở các xã được phân công cho cơ quan). Quản trị tạo mọi tài khoản; Văn phòng Điều phối tạo tài khoản trong tỉnh của mình."
            );
        group.MapGet("/", List).Produces<IReadOnlyList<UserView>>().WithSummary("Danh sách tài khoản trong phạm vi quản lý");
        group.MapGet("/{id}", Get).Produces<UserView>().WithSummary("Một tài khoản trong phạm vi quản lý; ETag là version của tài khoản");
        group
            .MapPut("/{id}", Update)
            .Produces<UserView>()
            .WithSummary("Sửa tài khoản (tên, vai trò, đơn vị, lĩnh vực)")
            .WithDescription("Gửi If-Match với ETag (version) đọc được: người khác đã lưu trước thì trả 412, không ghi đè.");
        group
            .MapPut("/{id}/disabled", Disable)
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Khóa hoặc mở khóa tài khoản; khóa có hiệu lực ngay với mọi phiên và mã truy cập");
        group.MapPut("/{id}/password", ResetPassword).Produces(StatusCodes.Status204NoContent).WithSummary("Đặt lại mật khẩu");
        return app;
    }

    private static async Task<IResult> Create(CreateUserRequest request, UserService users, CancellationToken ct)
    {
        var (user, outcome) = await users.CreateAsync(
            new UserInput(request.UserName, request.Password, request.DisplayName, request.Role, request.UnitCode, request.Sector),
            ct
        );
        return user is not null ? TypedResults.Created($"/api/v1/users/{user.Id}", user) : ApiProblems.From(outcome);
    }

    private static async Task<IResult> List(string? q, UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(q, ct));

    private static async Task<IResult> Get(string id, UserService users, HttpResponse response, CancellationToken ct)
    {
        var (user, outcome) = await users.GetAsync(id, ct);
        if (user is null)
            return ApiProblems.From(outcome);
        IfMatch.Tag(response, user.Version);
        return TypedResults.Ok(user);
    }

    // The version comes in If-Match (decision 0016); concurrencyStamp in the body is still read for clients written before.
    private static async Task<IResult> Update(
        string id,
        UpdateUserRequest request,
        UserService users,
        HttpContext http,
        CancellationToken ct
    )
    {
        var sent = IfMatch.Sent(http.Request) ?? IfMatch.Normalize(request.ConcurrencyStamp);
        var input = new UserInput(null, null, request.DisplayName, request.Role, request.UnitCode, request.Sector);
        var outcome = await users.UpdateAsync(id, input, sent, ct);
        if (!outcome.IsDone)
            return outcome.Kind == OutcomeKind.Changed && sent is null ? ApiProblems.Conflict(outcome.Message!) : ApiProblems.From(outcome);
        var user = await users.FindAsync(id, ct);
        IfMatch.Tag(http.Response, user!.Version);
        return TypedResults.Ok(user);
    }

    private static async Task<IResult> Disable(string id, DisableRequest request, UserService users, CancellationToken ct)
    {
        // A body that does not say which (e.g. {}) changes nothing: it once re-enabled a disabled account.
        if (request.Disabled is not { } disabled)
            return ApiProblems.Invalid("disabled", "Thiếu trường disabled: true để khóa, false để mở khóa tài khoản; chưa thay đổi gì.");
        var outcome = await users.SetDisabledAsync(id, disabled, ct);
        return outcome.IsDone ? TypedResults.NoContent() : ApiProblems.From(outcome);
    }

    private static async Task<IResult> ResetPassword(string id, PasswordRequest request, UserService users, CancellationToken ct)
    {
        var outcome = await users.ResetPasswordAsync(id, request.Password, ct);
        return outcome.IsDone ? TypedResults.NoContent() : ApiProblems.From(outcome);
    }
}

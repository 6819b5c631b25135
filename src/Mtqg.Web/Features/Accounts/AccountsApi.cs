using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Mtqg.Data.Accounts;
using Mtqg.Web.Api;

namespace Mtqg.Web.Features.Accounts;

public static class AccountsApi
{
    public sealed record TokenRequest(
        [property: Required(ErrorMessage = "Thiếu tên đăng nhập.")] string? UserName,
        [property: Required(ErrorMessage = "Thiếu mật khẩu.")] string? Password
    );

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<AccountSeeder>().AddScoped<UserService>();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        return services;
    }

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", Token)
            .AllowAnonymous()
            .WithTags("Tài khoản")
            .WithSummary("Lấy mã truy cập (bearer token)")
            .WithDescription("Trả về {accessToken, expiresIn}; gửi kèm mỗi yêu cầu dưới dạng tiêu đề Authorization: Bearer …")
            .Produces<AccessTokenResponse>();
        return app;
    }

    private static async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> Token(
        TokenRequest request,
        SignInManager<AppUser> signIn,
        UserManager<AppUser> users,
        SignInGuard guard,
        HttpContext context
    )
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrWhiteSpace(request.Password))
            return ApiProblems.Invalid(
                string.IsNullOrWhiteSpace(request.UserName) ? "userName" : "password",
                "Cần nhập tên đăng nhập và mật khẩu."
            );
        var (user, refusal) = await guard.CheckAsync(context.Connection.RemoteIpAddress, request.UserName, request.Password, users, signIn);
        if (user is null)
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Không đăng nhập được");
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}

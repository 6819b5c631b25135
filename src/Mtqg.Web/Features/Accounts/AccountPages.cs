using Microsoft.AspNetCore.Identity;
using Mtqg.Data.Accounts;

namespace Mtqg.Web.Features.Accounts;

public static class AccountPages
{
    /// <summary>Sign-out is a POST from a form (antiforgery-checked), never a link.</summary>
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapPost(
                "/dang-xuat",
                async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
                {
                    if (!await antiforgery.IsRequestValidAsync(context))
                        return Results.Problem(
                            "Yêu cầu đăng xuất không hợp lệ (thiếu mã chống giả mạo); tải lại trang rồi thử lại.",
                            statusCode: StatusCodes.Status400BadRequest,
                            title: "Yêu cầu không hợp lệ"
                        );
                    await signIn.SignOutAsync();
                    return Results.LocalRedirect("/");
                }
            )
            .ExcludeFromDescription();
        return app;
    }
}

using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mtqg.Data;
using Mtqg.Web.Data;

namespace Mtqg.Web.Features.Accounts;

public static class AccountStatus
{
    /// <summary>
    /// Every authenticated request (cookie or bearer token) is checked against the account as it is
    /// now: a disabled account, or one whose security stamp changed (disabled, password reset, scope
    /// changed), is treated as signed out at once, on every web node. The account's row is read once
    /// (one primary-key query) and reused while the <see cref="DatabaseVersion"/> is unchanged, that is
    /// while nobody has committed anything since: any change to an account is a commit.
    /// </summary>
    public static IApplicationBuilder UseAccountStatusCheck(this IApplicationBuilder app)
    {
        var known = new ConcurrentDictionary<string, (string Version, bool Disabled, string? Stamp)>(StringComparer.Ordinal);
        return app.Use(
            async (context, next) =>
            {
                if (context.User.Identity?.IsAuthenticated == true)
                {
                    var id = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
                    var stamp = context.User.FindFirstValue(StampClaim);
                    var version = await context.RequestServices.GetRequiredService<DatabaseVersion>().CurrentAsync(context.RequestAborted);
                    if (version is null || !known.TryGetValue(id, out var account) || account.Version != version)
                    {
                        var db = context.RequestServices.GetRequiredService<AppDbContext>();
                        var row = await db
                            .Users.AsNoTracking()
                            .Where(u => u.Id == id)
                            .Select(u => new { u.IsDisabled, u.SecurityStamp })
                            .FirstOrDefaultAsync(context.RequestAborted);
                        account = (version ?? "", row?.IsDisabled ?? true, row?.SecurityStamp);
                        if (version is not null)
                        {
                            if (known.Count >= 10_000)
                                known.Clear();
                            known[id] = account;
                        }
                    }
                    if (account.Disabled || account.Stamp != stamp)
                    {
                        context.User = new ClaimsPrincipal(new ClaimsIdentity());
                        if (context.Request.Cookies.ContainsKey("mtqg.auth"))
                            context.Response.Cookies.Delete("mtqg.auth");
                    }
                }
                await next();
            }
        );
    }

    private static readonly string StampClaim = new ClaimsIdentityOptions().SecurityStampClaimType;

    public const string SignInLimit = "sign-in";

    /// <summary>Sign-in (page and token endpoint) is limited per client address, so passwords cannot be guessed at speed.</summary>
    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services
            .AddOptions<SignInRateLimitOptions>()
            .BindConfiguration(SignInRateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services
            .AddOptions<RateLimiterOptions>()
            .Configure<IOptions<SignInRateLimitOptions>>(
                (options, signIn) =>
                {
                    var permits = signIn.Value.PermitPerMinute;
                    options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                        IsSignIn(context)
                            ? RateLimitPartition.GetFixedWindowLimiter(
                                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                                _ => new FixedWindowRateLimiterOptions
                                {
                                    PermitLimit = permits,
                                    Window = TimeSpan.FromMinutes(1),
                                    QueueLimit = 0,
                                }
                            )
                            : RateLimitPartition.GetNoLimiter("")
                    );
                    options.OnRejected = async (context, ct) =>
                    {
                        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                        await Results
                            .Problem(
                                "Đăng nhập quá nhiều lần trong một phút; vui lòng chờ rồi thử lại.",
                                statusCode: StatusCodes.Status429TooManyRequests,
                                title: "Quá nhiều yêu cầu"
                            )
                            .ExecuteAsync(context.HttpContext);
                    };
                }
            );
        return services;
    }

    private static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Path.StartsWithSegments("/api/v1/auth/token") || context.Request.Path.StartsWithSegments("/dang-nhap"));
}

/// <summary><c>Mtqg:SignInRateLimit:*</c>.</summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = "Mtqg:SignInRateLimit";

    /// <summary>Sign-in attempts per client address per minute.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Mtqg:SignInRateLimit:PermitPerMinute phải là số nguyên dương.")]
    public int PermitPerMinute { get; set; } = 20;
}

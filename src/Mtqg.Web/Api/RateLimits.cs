using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mtqg.Web.Api;

/// <summary>
/// Limits per client on what a stranger could use to slow the app for everyone: sign-in per address (page and token
/// endpoint: passwords cannot be guessed at speed) and the files built on request (<c>*.xlsx</c>, <c>*.csv</c>: a workbook
/// takes seconds of CPU where a page takes milliseconds; issue 18), per account when signed in, else per address. Everything else is not limited. A refusal is 429 with
/// <c>Retry-After</c> and a Vietnamese message: problem+json for the API, a short page for the browser.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddMtqgRateLimits(this IServiceCollection services)
    {
        services
            .AddOptions<SignInRateLimitOptions>()
            .BindConfiguration(SignInRateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services
            .AddOptions<ExportRateLimitOptions>()
            .BindConfiguration(ExportRateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services
            .AddOptions<RateLimiterOptions>()
            .Configure<IOptions<SignInRateLimitOptions>, IOptions<ExportRateLimitOptions>>(
                (options, signIn, exports) =>
                {
                    options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                        Limited(context) switch
                        {
                            Kind.SignIn => PerMinute($"sign-in {Client(context)}", signIn.Value.PermitPerMinute),
                            // Signed in: per account (a provincial office's staff may share one address behind NAT); else per address.
                            Kind.Export => PerMinute(
                                context.User.Identity is { IsAuthenticated: true, Name: { } name }
                                    ? $"export user {name}"
                                    : $"export {Client(context)}",
                                exports.Value.PermitPerMinute
                            ),
                            _ => RateLimitPartition.GetNoLimiter(""),
                        }
                    );
                    options.OnRejected = (context, _) => RejectAsync(context);
                }
            );
        return services;
    }

    private enum Kind
    {
        None,
        SignIn,
        Export,
    }

    private static Kind Limited(HttpContext context)
    {
        var (method, path) = (context.Request.Method, context.Request.Path);
        if (HttpMethods.IsPost(method) && (path.StartsWithSegments("/api/v1/auth/token") || path.StartsWithSegments("/dang-nhap")))
            return Kind.SignIn;
        if (
            HttpMethods.IsGet(method)
            && path.Value is { } p
            && (p.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        )
            return Kind.Export;
        return Kind.None;
    }

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.Loopback.ToString();

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
        var message =
            Limited(http) == Kind.SignIn
                ? $"Đăng nhập quá nhiều lần trong một phút; vui lòng chờ {seconds} giây rồi thử lại."
                : $"Tải quá nhiều tệp trong một phút; vui lòng chờ {seconds} giây rồi thử lại.";
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // A browser (a download link, the sign-in page) gets a page; an API client gets problem+json.
        if (!http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(message, statusCode: StatusCodes.Status429TooManyRequests, title: "Quá nhiều yêu cầu").ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Quá nhiều yêu cầu — MTQG</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
            <h1>Quá nhiều yêu cầu</h1><p>{HtmlEncoder.Create(UnicodeRanges.All).Encode(message)}</p><p><a href="/">Về trang chủ</a></p>
            </body></html>
            """
        );
    }
}

/// <summary><c>Mtqg:SignInRateLimit:*</c>.</summary>
public sealed class SignInRateLimitOptions
{
    public const string Section = "Mtqg:SignInRateLimit";

    /// <summary>Sign-in attempts per client address per minute.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Mtqg:SignInRateLimit:PermitPerMinute phải là số nguyên dương.")]
    public int PermitPerMinute { get; set; } = 20;
}

/// <summary><c>Mtqg:ExportRateLimit:*</c>.</summary>
public sealed class ExportRateLimitOptions
{
    public const string Section = "Mtqg:ExportRateLimit";

    /// <summary>Files built on request (<c>.xlsx</c>, <c>.csv</c>) per client address per minute.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Mtqg:ExportRateLimit:PermitPerMinute phải là số nguyên dương.")]
    public int PermitPerMinute { get; set; } = 30;
}

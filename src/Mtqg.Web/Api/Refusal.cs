using System.Net;
using Mtqg.Domain.Common;

namespace Mtqg.Web.Api;

/// <summary>
/// One way to refuse a request before any feature handles it (bad input, an expired form, a busy database): a Vietnamese
/// problem+json for the API, a small Vietnamese page for the pages — the same status either way (DESIGN §8), logged at
/// Warning without a stack trace: bad input is the client's, not a fault of the app.
/// </summary>
public static class Refusal
{
    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health");

    public static async Task WriteAsync(HttpContext context, int status, string title, string message, Problem? problem = null)
    {
        context
            .RequestServices.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Mtqg.Refusal")
            .LogWarning(
                "{Status} {Method} {Path}: {Field} {Message}",
                status,
                context.Request.Method,
                InputText.Clean(context.Request.Path.Value ?? ""),
                problem?.Field,
                message
            );
        context.Response.StatusCode = status;
        if (IsApi(context))
        {
            await (
                problem is null
                    ? TypedResults.Problem(message, statusCode: status, title: title)
                    : (IResult)ApiProblems.Invalid(message, [problem])
            ).ExecuteAsync(context);
            return;
        }
        // The page to go back to: the same address without the refused query, fetched anew (a fresh form and token).
        var back = WebUtility.HtmlEncode($"{context.Request.PathBase}{context.Request.Path}");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="vi">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{WebUtility.HtmlEncode(title)} — MTQG</title><link rel="stylesheet" href="/app.css" /></head>
            <body><main style="max-width: 48rem; margin: 3rem auto; padding: 0 1rem; font-family: system-ui, sans-serif">
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p role="alert">{WebUtility.HtmlEncode(message)}</p>
            <p><a href="{back}">Tải lại trang</a> · <a href="/">Về trang chủ</a></p>
            </main></body>
            </html>
            """
        );
    }
}

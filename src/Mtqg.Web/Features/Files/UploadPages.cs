using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Mtqg.Web.Features.Access;

namespace Mtqg.Web.Features.Files;

/// <summary>
/// Marks a page whose multipart forms carry a file. A page's form is read (and its file buffered) by the antiforgery
/// check before the page runs, so the gate asks here, before that: may this account write a file through this page at
/// all (route values known, body unread; the page's service then checks the exact target), and is the body within the
/// byte limit. Each feature says both for its page.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class UploadPageAttribute : Attribute
{
    /// <summary>The byte limit of the page's file and the setting that names it.</summary>
    public abstract (long Max, string Setting) Limit(UploadGate gate);

    /// <summary>Null when the account may upload through the page; otherwise why not (answered 403, the body unread).</summary>
    public abstract Task<string?> RefuseAsync(HttpContext context, AccessPolicy access);

    protected static string Route(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? "";
}

public static class UploadPages
{
    public static IServiceCollection AddUploadGate(this IServiceCollection services)
    {
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>();
        return services.AddSingleton<UploadGate>();
    }

    /// <summary>Between authorization and the antiforgery check (which reads the form): permission, then bytes, for pages marked <see cref="UploadPageAttribute"/>.</summary>
    public static IApplicationBuilder UseUploadGate(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                if (
                    HttpMethods.IsPost(context.Request.Method)
                    && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
                    && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                    && context.GetEndpoint()?.Metadata.GetMetadata<UploadPageAttribute>() is { } page
                )
                {
                    var (max, setting) = page.Limit(context.RequestServices.GetRequiredService<UploadGate>());
                    var refusal = await page.RefuseAsync(context, context.RequestServices.GetRequiredService<AccessPolicy>()) is { } why
                        ? UploadGate.Forbidden(why)
                        : UploadGate.RefuseLength(context.Request, max, setting);
                    if (refusal is not null)
                    {
                        await WriteAsync(context, refusal);
                        return;
                    }
                    UploadGate.LimitBody(context, max, setting);
                }
                await next();
            }
        );

    /// <summary>
    /// A refusal as the caller reads it: problem+json for the API; for a page a short Vietnamese page with the same status
    /// and a way back (written here, so no status-code page re-runs the post).
    /// </summary>
    public static async Task WriteAsync(HttpContext context, UploadRefusal refusal)
    {
        if (context.Response.HasStarted)
            return;
        context.Response.Clear();
        context.Response.StatusCode = refusal.Status;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Answer(refusal).ExecuteAsync(context);
            return;
        }
        var back = WebUtility.HtmlEncode($"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}");
        var title = WebUtility.HtmlEncode(Title(refusal.Status));
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><title>{title} — MTQG</title></head>
            <body><main><h1>{title}</h1><p role="alert">{WebUtility.HtmlEncode(
                refusal.Message
            )}</p><p>Chưa có gì được ghi. <a href="{back}">Quay lại trang trước</a>.</p></main></body></html>
            """
        );
    }

    public static IResult Answer(UploadRefusal refusal) =>
        TypedResults.Problem(
            refusal.Message,
            statusCode: refusal.Status,
            title: Title(refusal.Status),
            extensions: new Dictionary<string, object?> { ["bound"] = refusal.Bound }
        );

    private static string Title(int status) =>
        status switch
        {
            StatusCodes.Status403Forbidden => "Không có quyền",
            StatusCodes.Status413PayloadTooLarge => "Tệp quá lớn",
            StatusCodes.Status503ServiceUnavailable => "Máy chủ đang dừng",
            _ => "Tệp không được nhận",
        };
}

namespace Mtqg.Web.Api;

public static class SecurityHeaders
{
    // The pages use only our own scripts and styles (MudBlazor sets inline style attributes, hence
    // 'unsafe-inline' for styles only). The Scalar API reference needs its inline bootstrap script.
    private const string Pages =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private const string Scalar =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.XContentTypeOptions = "nosniff";
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? Scalar : Pages;
                    // HTTPS (directly, or at a trusted proxy: UseForwardedHeaders runs first): browsers keep to HTTPS for a year.
                    // Not on plain HTTP, where the header means nothing and would only confuse a development machine.
                    if (context.Request.IsHttps)
                        headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                    return Task.CompletedTask;
                });
                await next();
            }
        );
}

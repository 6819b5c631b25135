using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Mtqg.Data;
using Mtqg.Domain.Common;
using Mtqg.Web.Components.Shared;
using Mtqg.Web.Features.Files;
using Scalar.AspNetCore;

namespace Mtqg.Web.Api;

public static partial class ApiSetup
{
    public static IServiceCollection AddMtqgApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.SerializerOptions.Converters.Add(new Features.CriteriaSets.ThresholdValueJsonConverter());
            InputJson.Apply(options.SerializerOptions);
        });
        // A body that cannot be read reaches the error handler below (as it does in Development), which names the field in
        // Vietnamese; otherwise minimal APIs answer an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi(options =>
        {
            OpenApiConventions.Apply(options);
            options.AddSchemaTransformer(InputJson.DescribeCheckedTypes);
        });
        return services;
    }

    public static WebApplication MapMtqgOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", options => options.WithTitle("MTQG — API v1")).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Surprises become a Vietnamese problem for the API and an error page for the UI (logged at Error with their stack);
    /// bad input — a body that cannot be read, a refused value, a text longer than its column — is a 400 naming the field,
    /// and a SQLite database busy with another write is a 503 with Retry-After, both logged at Warning without a stack
    /// (<see cref="Refusal"/>). Status-code pages are for the UI only, never for /api.
    /// </summary>
    public static WebApplication UseMtqgErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(
            new ExceptionHandlerOptions
            {
                StatusCodeSelector = e => Expected(e)?.Status ?? StatusCodes.Status500InternalServerError,
                // The middleware logs a surprise at Error with its stack; an expected refusal is logged by Refusal, at Warning.
                SuppressDiagnosticsCallback = c => Expected(c.Exception) is not null,
                ExceptionHandler = async context =>
                {
                    var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                    // A body past its byte limit (the upload gate's, or the server's own): 413 naming the limit, in Vietnamese.
                    if (error is UploadRefusedException uploadRefused)
                    {
                        await UploadPages.WriteAsync(context, uploadRefused.Refusal);
                        return;
                    }
                    if (error is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                    {
                        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 30_000_000;
                        await UploadPages.WriteAsync(
                            context,
                            new UploadRefusal(
                                StatusCodes.Status413PayloadTooLarge,
                                "Kestrel:Limits:MaxRequestBodySize",
                                $"Nội dung gửi lên quá lớn: tối đa {UploadGate.InMegabytes(limit)}. Hãy gửi tệp nhỏ hơn."
                            )
                        );
                        return;
                    }
                    if (error is StoredTextRefusedException refused)
                    {
                        // A text the column cannot hold or the text rule refuses, missed by the service: refused, nothing written.
                        var message = refused.Problems.All(p => p.Message.Contains(" dài quá ", StringComparison.Ordinal))
                            ? "Dữ liệu quá dài so với nơi lưu; chưa lưu gì."
                            : "Dữ liệu có ký tự không được phép hoặc không có ký tự nhìn thấy được; chưa lưu gì.";
                        context
                            .RequestServices.GetRequiredService<ILoggerFactory>()
                            .CreateLogger("Mtqg.Refusal")
                            .LogWarning("400 {Method} {Path}: {Problems}", context.Request.Method, context.Request.Path, refused.Message);
                        if (Refusal.IsApi(context))
                        {
                            context.Response.StatusCode = StatusCodes.Status400BadRequest;
                            await ApiProblems.Invalid(message, refused.Problems).ExecuteAsync(context);
                        }
                        else
                            context
                                .RequestServices.GetRequiredService<Flash>()
                                .RedirectRefused(context, message, [.. refused.Problems.Select(p => p.Message)]);
                        return;
                    }
                    if (Expected(error) is { } expected)
                    {
                        if (expected.Status == StatusCodes.Status503ServiceUnavailable)
                            context.Response.Headers.RetryAfter = BusyRetrySeconds(context).ToString(CultureInfo.InvariantCulture);
                        await Refusal.WriteAsync(context, expected.Status, expected.Title, expected.Message, expected.Problem);
                        return;
                    }
                    if (Refusal.IsApi(context))
                    {
                        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                        await Results
                            .Problem(
                                "Đã xảy ra lỗi ngoài dự kiến; lỗi đã được ghi lại.",
                                statusCode: StatusCodes.Status500InternalServerError,
                                title: "Lỗi hệ thống"
                            )
                            .ExecuteAsync(context);
                        return;
                    }
                    context.Response.Redirect("/loi");
                },
            }
        );
        app.UseStatusCodePagesWithReExecute("/khong-tim-thay", createScopeForStatusCodePages: true);
        // An empty 401/403/404/405 from the API answers with a Vietnamese problem (written here, so the page above is not used).
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api"),
            branch =>
                branch.UseStatusCodePages(async context =>
                {
                    var status = context.HttpContext.Response.StatusCode;
                    if (status == StatusCodes.Status400BadRequest && QueryBinding.Unreadable(context.HttpContext) is { } unreadable)
                    {
                        await Refusal.WriteAsync(context.HttpContext, status, "Dữ liệu không hợp lệ", unreadable.Message, unreadable);
                        return;
                    }
                    var (title, detail) = status switch
                    {
                        StatusCodes.Status400BadRequest => (
                            "Dữ liệu không hợp lệ",
                            "Yêu cầu không hợp lệ: nội dung không đọc được (kiểm tra JSON và kiểu dữ liệu của từng trường)."
                        ),
                        StatusCodes.Status401Unauthorized => (
                            "Chưa đăng nhập",
                            "Cần đăng nhập: gửi tiêu đề Authorization: Bearer <mã truy cập> lấy từ /api/v1/auth/token."
                        ),
                        StatusCodes.Status403Forbidden => ("Không có quyền", "Tài khoản không có quyền thực hiện việc này."),
                        StatusCodes.Status404NotFound => ("Không tìm thấy", "Không có địa chỉ API này."),
                        StatusCodes.Status405MethodNotAllowed => (
                            "Phương thức không hợp lệ",
                            "Địa chỉ này không nhận phương thức HTTP đã dùng."
                        ),
                        StatusCodes.Status415UnsupportedMediaType => ("Kiểu nội dung không hợp lệ", "Gửi nội dung dạng application/json."),
                        _ => ("Lỗi", $"Yêu cầu không thành công (mã {status})."),
                    };
                    await Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context.HttpContext);
                })
        );
        app.UseRouting(); // after the status-code pages, so that a re-executed request is routed again
        return app;
    }

    private sealed record ExpectedError(int Status, string Title, string Message, Problem? Problem = null);

    /// <summary>The answer to an exception that is the client's doing or a passing state, not a fault; null for a surprise.</summary>
    private static ExpectedError? Expected(Exception? error)
    {
        if (error is null)
            return null;
        if (error is UploadRefusedException upload)
            return new(upload.Refusal.Status, "Tệp không được nhận", upload.Message);
        if (Busy(error))
            return new(
                StatusCodes.Status503ServiceUnavailable,
                "Hệ thống đang bận",
                "Cơ sở dữ liệu đang bận ghi dữ liệu khác; chưa lưu gì. Vui lòng thử lại sau ít giây."
            );
        if (error is StoredTextRefusedException)
            return new(StatusCodes.Status400BadRequest, "Dữ liệu không hợp lệ", error.Message);
        if (QueryValue(error) is { } query)
            return query;
        if (error is InvalidDataException || error.InnerException is InvalidDataException)
            return new(StatusCodes.Status400BadRequest, "Dữ liệu không hợp lệ", InputGuard.UnreadableForm); // the form reader refuses a NUL
        var json = error as JsonException ?? error.InnerException as JsonException;
        if (json is not null)
        {
            var field = InputJson.Field(json.Path);
            var message = json switch
            {
                InputRefusedException => $"Trường {field}: {json.Message}",
                _ when json.Message.Contains("uplicate", StringComparison.Ordinal) =>
                    $"Trường {field} có hai lần trong JSON; gửi mỗi trường một lần.",
                _ => $"Trường {field}: giá trị không đọc được (kiểm tra JSON và kiểu dữ liệu của trường).",
            };
            return new(StatusCodes.Status400BadRequest, "Dữ liệu không hợp lệ", message, new Problem(field, message));
        }
        if (error is BadHttpRequestException bad)
        {
            // "Required parameter "int year" was not provided…", "Failed to bind parameter "int? year" from "x"".
            var parameter = System.Text.RegularExpressions.Regex.Match(bad.Message, "\"(?:[^\" ]+ )?([^\" ]+)\"") is { Success: true } m
                ? m.Groups[1].Value
                : null;
            return bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => new(bad.StatusCode, "Nội dung quá lớn", "Nội dung gửi lên vượt giới hạn cho phép."),
                StatusCodes.Status415UnsupportedMediaType => new(
                    bad.StatusCode,
                    "Kiểu nội dung không hợp lệ",
                    "Gửi nội dung dạng application/json."
                ),
                _ when bad.Message.Contains("body", StringComparison.Ordinal)
                        && !bad.Message.StartsWith("Failed to bind", StringComparison.Ordinal) => new(
                    StatusCodes.Status400BadRequest,
                    "Dữ liệu không hợp lệ",
                    "Thiếu nội dung JSON của yêu cầu.",
                    new Problem("body", "Thiếu nội dung JSON của yêu cầu.")
                ),
                _ when parameter is not null => new(
                    StatusCodes.Status400BadRequest,
                    "Dữ liệu không hợp lệ",
                    $"Tham số {parameter} thiếu hoặc không đúng kiểu.",
                    new Problem(parameter, $"Tham số {parameter} thiếu hoặc không đúng kiểu.")
                ),
                _ => new(
                    bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest,
                    "Dữ liệu không hợp lệ",
                    "Yêu cầu không hợp lệ: nội dung không đọc được (kiểm tra JSON và kiểu dữ liệu của từng trường)."
                ),
            };
        }
        return null;
    }

    /// <summary>
    /// A page's query value its parameter cannot take (<c>?nam=abc</c>): Blazor's <c>[SupplyParameterFromQuery]</c> throws
    /// "Cannot parse the value 'abc' as type '…Int32…' for 'nam'" — a 400 naming the parameter, the value and what it needs.
    /// </summary>
    private static ExpectedError? QueryValue(Exception error)
    {
        if (error is not InvalidOperationException)
            return null;
        var m = QueryParse().Match(error.Message);
        if (!m.Success)
            return null;
        var (value, type, name) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
        var needs = type switch
        {
            _ when type.Contains("Int", StringComparison.Ordinal) => name is "nam" or "year" ? "một năm (ví dụ 2026)" : "một số nguyên",
            _ when type.Contains("Date", StringComparison.Ordinal) => "một ngày dạng dd/MM/yyyy",
            _ when type.Contains("Decimal", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal) => "một số",
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "true hoặc false",
            _ => "một giá trị hợp lệ",
        };
        var shown = InputText.Clean(value.Length > 40 ? value[..40] + "…" : value);
        var message = $"Tham số «{name}» trên địa chỉ có giá trị «{shown}» không hợp lệ: cần {needs}.";
        return new(StatusCodes.Status400BadRequest, "Địa chỉ không hợp lệ", message, new Problem(name, message));
    }

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^Cannot parse the value '(.*)' as type '(.*)' for '([^']*)'",
        System.Text.RegularExpressions.RegexOptions.Singleline
    )]
    private static partial System.Text.RegularExpressions.Regex QueryParse();

    /// <summary>SQLite gave up waiting for another connection's write (SQLITE_BUSY, SQLITE_LOCKED) after its busy timeout.</summary>
    private static bool Busy(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
                return true;
        return false;
    }

    private static int BusyRetrySeconds(HttpContext context) =>
        Math.Max(1, context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Database:SqliteBusyTimeoutSeconds", 5));
}

using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Mtqg.Data;
using Mtqg.Web.Components.Shared;
using Mtqg.Web.Features.Files;
using Scalar.AspNetCore;

namespace Mtqg.Web.Api;

public static class ApiSetup
{
    public static IServiceCollection AddMtqgApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.SerializerOptions.Converters.Add(new Features.CriteriaSets.ThresholdValueJsonConverter());
        });
        services.AddOpenApi(options =>
            options.AddDocumentTransformer(
                (document, _, _) =>
                {
                    document.Info.Title = "MTQG — API v1";
                    document.Info.Description =
                        "Hệ thống quản lý, giám sát Chương trình mục tiêu quốc gia (nông thôn mới, giảm nghèo, vùng đồng bào dân tộc thiểu số và miền núi). Lỗi trả về dạng application/problem+json với thông báo tiếng Việt.";
                    return Task.CompletedTask;
                }
            )
        );
        return services;
    }

    public static WebApplication MapMtqgOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", options => options.WithTitle("MTQG — API v1")).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Surprises become a Vietnamese problem for the API and an error page for the UI; a malformed
    /// request body, or a text longer than its column, is a 400, never a 500. Status-code pages are for the UI only, never for /api.
    /// </summary>
    public static WebApplication UseMtqgErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(
            new ExceptionHandlerOptions
            {
                StatusCodeSelector = e =>
                    e switch
                    {
                        UploadRefusedException refused => refused.Refusal.Status,
                        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                            StatusCodes.Status413PayloadTooLarge,
                        BadHttpRequestException or JsonException or StoredTextTooLongException => StatusCodes.Status400BadRequest,
                        _ => StatusCodes.Status500InternalServerError,
                    },
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
                    var bad = error is BadHttpRequestException or JsonException;
                    var api = context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health");
                    if (error is StoredTextTooLongException tooLong)
                    {
                        // A text longer than its column, missed by the service (decision 0013): refused, nothing written.
                        const string refused = "Dữ liệu quá dài so với nơi lưu; chưa lưu gì.";
                        if (api)
                        {
                            context.Response.StatusCode = StatusCodes.Status400BadRequest;
                            await ApiProblems.Invalid(refused, tooLong.Problems).ExecuteAsync(context);
                        }
                        else
                            context
                                .RequestServices.GetRequiredService<Flash>()
                                .RedirectRefused(context, refused, [.. tooLong.Problems.Select(p => p.Message)]);
                        return;
                    }
                    if (api)
                    {
                        context.Response.StatusCode = bad ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
                        await Results
                            .Problem(
                                bad
                                    ? "Yêu cầu không hợp lệ: nội dung không đọc được (kiểm tra JSON và kiểu dữ liệu của từng trường)."
                                    : "Đã xảy ra lỗi ngoài dự kiến; lỗi đã được ghi lại.",
                                statusCode: context.Response.StatusCode,
                                title: bad ? "Dữ liệu không hợp lệ" : "Lỗi hệ thống"
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
}

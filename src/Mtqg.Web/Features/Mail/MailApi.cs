using Mtqg.Web.Api;

namespace Mtqg.Web.Features.Mail;

public static class MailApi
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<MailQueue>().AddScoped<DossierNotices>().AddScoped<DailyNotices>().AddScoped<MailPreferences>();
        services.AddSingleton<MailWorker>().AddHostedService<MailSender>();
        return services;
    }

    public static IEndpointRouteBuilder MapMailApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me/notifications").WithTags("Tài khoản").RequireAuthorization();
        me.MapGet("/", async Task<IResult> (MailPreferences preferences, CancellationToken ct) =>
                await preferences.GetAsync(ct) is { } settings
                    ? TypedResults.Ok(settings)
                    : ApiProblems.NotFound("Không tìm thấy tài khoản đang đăng nhập.")
            )
            .Produces<NotificationSettings>()
            .WithSummary("Cài đặt nhận thư của tôi: địa chỉ thư điện tử và cách nhận thư khi có việc chờ")
            .WithDescription(
                "{email, choice: immediate | daily | none, choiceName, mailOn}. mailOn = false: hệ thống chưa cấu hình máy chủ thư (Mtqg:Mail:Host), không gửi thư nào."
            );
        me.MapPut("/", async Task<IResult> (NotificationSettingsInput input, MailPreferences preferences, CancellationToken ct) =>
                await preferences.UpdateAsync(input, ct) switch
                {
                    ({ } settings, _) => TypedResults.Ok(settings),
                    (_, var outcome) => ApiProblems.From(outcome),
                }
            )
            .Produces<NotificationSettings>()
            .WithSummary("Đổi cài đặt nhận thư của tôi")
            .WithDescription(
                "Thân: {\"email\": \"ten@donvi.gov.vn\" (trống: không có địa chỉ, không nhận thư), \"choice\": \"immediate\" | \"daily\" | \"none\"}. Địa chỉ sai dạng: 400, không ghi gì."
            );
        return app;
    }
}

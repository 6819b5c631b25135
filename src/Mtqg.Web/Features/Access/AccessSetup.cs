namespace Mtqg.Web.Features.Access;

public static class AccessSetup
{
    public static IServiceCollection AddAccess(this IServiceCollection services) =>
        services.AddScoped<CurrentUser>().AddScoped<AccessPolicy>();

    /// <summary>Reads the request's account once, after authentication and the account-status check.</summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) =>
        app.Use(
            (context, next) =>
            {
                context.RequestServices.GetRequiredService<CurrentUser>().ActAs(context.User);
                return next(context);
            }
        );
}

using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Mtqg.Data;
using Mtqg.Data.Accounts;

namespace Mtqg.Web.Features.Accounts;

public static class AuthenticationSetup
{
    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the data-protection keys at rest; its password in <c>Mtqg:DataProtection:CertificatePassword</c>.</summary>
    public const string CertificatePathSetting = "Mtqg:DataProtection:CertificatePath";

    private static X509Certificate2? Certificate(IConfiguration configuration)
    {
        if (configuration[CertificatePathSetting] is not { Length: > 0 } path)
            return null;
        if (!File.Exists(path))
            throw new InvalidOperationException($"{CertificatePathSetting}: không có tệp chứng thư \"{path}\".");
        return X509CertificateLoader.LoadPkcs12FromFile(path, configuration["Mtqg:DataProtection:CertificatePassword"]);
    }

    public static IServiceCollection AddMtqgAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SignInGuard>();
        // The keys that sign cookies and tokens live in the database (shared by every web node). With a certificate configured
        // they are stored encrypted by it, so a copy of the database alone cannot forge a sign-in (issue 18; README, production).
        var keys = services.AddDataProtection().SetApplicationName("Mtqg").PersistKeysToDbContext<AppDbContext>();
        if (Certificate(configuration) is { } certificate)
            keys.ProtectKeysWithCertificate(certificate);

        services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = Policies.CookieOrBearer;
                options.DefaultChallengeScheme = Policies.CookieOrBearer;
            })
            .AddPolicyScheme(Policies.CookieOrBearer, "Cookie hoặc bearer", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme
            )
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/dang-nhap";
            options.LogoutPath = "/dang-xuat";
            options.AccessDeniedPath = "/khong-co-quyen";
            options.Cookie.Name = "mtqg.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            // The API answers 401/403 as problems; only pages are redirected to the sign-in page.
            options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
        });

        services
            .AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = Mtqg.Domain.Common.PasswordLength.Min;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789._-";
                // Wrong passwords slow down the client that sends them, not the account (SignInGuard): no account lockout.
                options.Lockout.AllowedForNewUsers = false;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddPasswordValidator<PasswordLengthValidator>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppUserClaimsFactory>();

        services
            .AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ManageUsers, policy => policy.RequireRole(Roles.Admin, Roles.Coordinator));
        return services;
    }

    private static Task ApiAware(
        RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context,
        int status
    )
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

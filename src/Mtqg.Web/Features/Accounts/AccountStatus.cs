using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
}

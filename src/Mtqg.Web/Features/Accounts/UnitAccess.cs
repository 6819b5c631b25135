using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Mtqg.Data.Accounts;
using Mtqg.Data.Units;

namespace Mtqg.Web.Features.Accounts;

/// <summary>Puts the account's unit and sector into its sign-in (cookie and bearer token alike).</summary>
public sealed class AppUserClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string UnitClaim = "mtqg:unit", SectorClaim = "mtqg:sector", DisplayNameClaim = "mtqg:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrEmpty(user.UnitCode)) identity.AddClaim(new Claim(UnitClaim, user.UnitCode));
        if (!string.IsNullOrEmpty(user.Sector)) identity.AddClaim(new Claim(SectorClaim, user.Sector));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}

/// <summary>
/// Who may change what, checked on the server for every write. This first cut knows a commune's
/// province; the history-aware policies of the access issue replace it.
/// </summary>
public static class UnitAccess
{
    public static string? UnitCode(this ClaimsPrincipal user) => user.FindFirstValue(AppUserClaimsFactory.UnitClaim);

    /// <summary>
    /// Administrators; the coordination office of the province the commune belongs to today
    /// (<paramref name="provinceNow"/>: for a pre-reform commune, the province its province merged into);
    /// the officer of the commune itself while it is in force.
    /// </summary>
    public static bool CanEnterValues(ClaimsPrincipal user, AdministrativeUnit commune, string provinceNow) =>
        user.IsInRole(Roles.Admin)
        || user.IsInRole(Roles.Coordinator) && user.UnitCode() == provinceNow
        || user.IsInRole(Roles.Commune) && user.UnitCode() == commune.Code && commune.ValidTo is null;

    /// <summary>Administrators and the coordination office of the province (of today) the communes belong to.</summary>
    public static bool CanAssignGroups(ClaimsPrincipal user, string provinceNow) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Coordinator) && user.UnitCode() == provinceNow;
}

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

    /// <summary>Administrators; the coordination office of the commune's province; the commune's own officer.</summary>
    public static bool CanEnterValues(ClaimsPrincipal user, AdministrativeUnit commune) =>
        user.IsInRole(Roles.Admin)
        || user.IsInRole(Roles.Coordinator) && user.UnitCode() == commune.ProvinceCode
        || user.IsInRole(Roles.Commune) && user.UnitCode() == commune.Code;

    /// <summary>Administrators and the coordination office of the commune's province.</summary>
    public static bool CanAssignGroups(ClaimsPrincipal user, string provinceCode) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Coordinator) && user.UnitCode() == provinceCode;
}

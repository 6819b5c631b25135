using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Mtqg.Data.Accounts;
using Mtqg.Web.Features.Access;

namespace Mtqg.Web.Features.Accounts;

/// <summary>Puts the account's unit and sector into its sign-in (cookie and bearer token alike).</summary>
public sealed class AppUserClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrEmpty(user.UnitCode))
            identity.AddClaim(new Claim(CurrentUser.UnitClaim, user.UnitCode));
        if (!string.IsNullOrEmpty(user.Sector))
            identity.AddClaim(new Claim(CurrentUser.SectorClaim, user.Sector));
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}

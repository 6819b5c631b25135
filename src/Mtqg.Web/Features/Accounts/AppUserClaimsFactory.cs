using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Mtqg.Data.Accounts;

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

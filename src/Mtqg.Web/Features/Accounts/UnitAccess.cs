using System.Security.Claims;
using Mtqg.Data.Units;

namespace Mtqg.Web.Features.Accounts;

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

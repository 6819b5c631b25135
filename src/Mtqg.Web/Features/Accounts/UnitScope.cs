using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Units;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Accounts;

/// <summary>
/// What a signed-in account may read, knowing the unit tree and its history: a province covers its
/// communes; a pre-reform commune belongs to the province its province merged into; a commune
/// officer reads their commune and the old communes it was formed from.
/// </summary>
public sealed class UnitScope(AppDbContext db, ProvinceLineage lineage)
{
    public async Task<bool> CanReadCommuneAsync(ClaimsPrincipal user, AdministrativeUnit commune, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (user.IsInRole(Roles.Commune))
        {
            var own = user.UnitCode();
            if (commune.Code == own && commune.ValidTo is null) return true;
            return await db.UnitSuccessions.AnyAsync(s => s.PredecessorId == commune.Id && s.Successor.Code == own && s.Successor.ValidTo == null, ct);
        }
        return CanReadProvinceNow(user, await lineage.ProvinceNowAsync(commune.ProvinceCode, commune.ValidTo));
    }

    /// <summary>A province's detailed data (a province code as it was in <paramref name="year"/>).</summary>
    public async Task<bool> CanReadProvinceAsync(ClaimsPrincipal user, string provinceCode, int year) =>
        user.Identity?.IsAuthenticated == true && !user.IsInRole(Roles.Commune) &&
        CanReadProvinceNow(user, await lineage.ProvinceNowAsync(provinceCode, year < UnitSeeder.ReformDay.Year ? UnitSeeder.LastDayBeforeReform : null));

    // Agencies read their province until assignments (the plans and agencies issue) narrow them to their communes.
    private static bool CanReadProvinceNow(ClaimsPrincipal user, string provinceNow) =>
        user.IsInRole(Roles.Admin)
        || user.IsInRole(Roles.Viewer) && (user.UnitCode() is null || user.UnitCode() == provinceNow)
        || (user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Appraiser) || user.IsInRole(Roles.Agency)) && user.UnitCode() == provinceNow;
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Units;
using Mtqg.Web.Features.Units;
using Mtqg.Domain.Units;

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
        var provinceNow = await lineage.ProvinceNowAsync(commune.ProvinceCode, commune.ValidTo);
        if (user.IsInRole(Roles.Agency)) return user.UnitCode() == provinceNow && await IsAssignedAsync(user, commune, ct);
        return CanReadProvinceNow(user, provinceNow);
    }

    /// <summary>
    /// An agency reads the communes it is (or was) assigned to help: an assignment of its agency (its province and the
    /// agency its sector names) lists the commune, or a commune of today that the pre-reform commune went into.
    /// </summary>
    private async Task<bool> IsAssignedAsync(ClaimsPrincipal user, AdministrativeUnit commune, CancellationToken ct)
    {
        var (province, name) = (user.UnitCode(), user.FindFirstValue(AppUserClaimsFactory.SectorClaim));
        if (province is null || name is null) return false;
        var key = Domain.Units.VietnameseText.Fold(name.Trim());
        var codes = db.Assignments.Where(a => a.ProvinceCode == province && a.Agency.NameKey == key).SelectMany(a => a.Communes.Select(c => c.CommuneCode));
        if (commune.ValidTo is null) return await codes.AnyAsync(c => c == commune.Code, ct);
        return await db.UnitSuccessions.AnyAsync(s => s.PredecessorId == commune.Id && s.Successor.ValidTo == null && codes.Contains(s.Successor.Code), ct);
    }

    /// <summary>A province's detailed data (a province code as it was in <paramref name="year"/>).</summary>
    public async Task<bool> CanReadProvinceAsync(ClaimsPrincipal user, string provinceCode, int year) =>
        user.Identity?.IsAuthenticated == true && !user.IsInRole(Roles.Commune) && !user.IsInRole(Roles.Agency) &&
        CanReadProvinceNow(user, await lineage.ProvinceNowAsync(provinceCode, Reform.IsYearBefore(year) ? Reform.LastDayBefore : null));

    // Agencies read only their assigned communes (above), not a province's detailed data; the summaries are public.
    private static bool CanReadProvinceNow(ClaimsPrincipal user, string provinceNow) =>
        user.IsInRole(Roles.Admin)
        || user.IsInRole(Roles.Viewer) && (user.UnitCode() is null || user.UnitCode() == provinceNow)
        || (user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Appraiser)) && user.UnitCode() == provinceNow;
}

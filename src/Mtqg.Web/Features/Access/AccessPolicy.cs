using System.Text;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Data.Units;
using Mtqg.Domain.Units;
using Mtqg.Domain.Visits;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Access;

/// <summary>
/// Who may read and change what (DESIGN §8), asked by services, endpoints and pages alike; checked on the server for every
/// request. By role and unit, knowing the unit tree and its history: a province covers its communes, including the
/// pre-reform communes of the provinces that merged into it; a commune officer covers their commune and the old communes
/// it was formed from; an agency covers the communes it is assigned to help. One rule, one method — the authorization
/// matrix test (tests/Mtqg.Web.Tests/Access) pins them through every endpoint.
/// </summary>
public sealed class AccessPolicy(CurrentUser user, AppDbContext db, ProvinceLineage lineage, TimeProvider clock)
{
    private Agency? agency;
    private bool agencyRead;

    public CurrentUser User => user;

    // ---- provinces and communes ----

    /// <summary>
    /// A commune's detailed data: the commune officer (their commune and the old communes it was formed from), an agency
    /// (the communes it helps), the province's other accounts (the province of today for a pre-reform commune).
    /// </summary>
    public async Task<bool> CanReadCommuneAsync(AdministrativeUnit commune, CancellationToken ct)
    {
        if (!user.IsAuthenticated)
            return false;
        if (user.Is(Roles.Commune))
        {
            var own = user.Unit;
            if (commune.Code == own && commune.ValidTo is null)
                return true;
            return await db.UnitSuccessions.AnyAsync(
                s => s.PredecessorId == commune.Id && s.Successor.Code == own && s.Successor.ValidTo == null,
                ct
            );
        }
        var provinceNow = await lineage.ProvinceNowAsync(commune.ProvinceCode, commune.ValidTo);
        if (user.Is(Roles.Agency))
            return user.Unit == provinceNow && await IsAssignedAsync(commune, ct);
        return CanReadProvinceNow(provinceNow);
    }

    /// <summary>A province's detailed data (a province code as it was in <paramref name="year"/>): not communes, not agencies.</summary>
    public async Task<bool> CanReadProvinceAsync(string provinceCode, int year) =>
        user.IsAuthenticated
        && !user.Is(Roles.Commune)
        && !user.Is(Roles.Agency)
        && CanReadProvinceNow(await lineage.ProvinceNowAsync(provinceCode, Reform.IsYearBefore(year) ? Reform.LastDayBefore : null));

    /// <summary>
    /// Values of a commune: administrators; the coordination office of the province the commune belongs to today
    /// (<paramref name="provinceNow"/>); the officer of the commune itself while it is in force.
    /// </summary>
    public bool CanEnterValues(AdministrativeUnit commune, string provinceNow) =>
        user.IsAdmin
        || user.Is(Roles.Coordinator) && user.Unit == provinceNow
        || user.Is(Roles.Commune) && user.Unit == commune.Code && commune.ValidTo is null;

    /// <summary>
    /// Whether the account may enter values for any commune of a province (a code as it was in <paramref name="year"/>):
    /// asked before an uploaded values file is read, so nobody who may write none of it gets it parsed. Each commune row of
    /// the file is then checked with <see cref="CanEnterValues"/>.
    /// </summary>
    public async Task<bool> CanEnterValuesInProvinceAsync(string provinceCode, int year, CancellationToken ct)
    {
        if (!user.IsAuthenticated)
            return false;
        if (user.IsAdmin)
            return true;
        var provinceNow = await lineage.ProvinceNowAsync(provinceCode, Reform.IsYearBefore(year) ? Reform.LastDayBefore : null);
        if (user.Is(Roles.Coordinator))
            return user.Unit == provinceNow;
        return user.Is(Roles.Commune)
            && user.Unit is { } commune
            && await db
                .Units.AsNoTracking()
                .AnyAsync(u => u.Code == commune && u.Level == UnitLevel.Commune && u.ValidTo == null && u.ProvinceCode == provinceNow, ct);
    }

    /// <summary>
    /// The coordination office's work in a province of today (and administrators'): commune groups, lists, plans, targets,
    /// assignments, councils and decisions.
    /// </summary>
    public bool CanManageProvince(string province) => user.IsAdmin || user.Is(Roles.Coordinator) && user.Unit == province;

    /// <summary>
    /// A province's plans, lists, assignments, dossiers: administrators, national viewers, and the province's coordination
    /// office, departments, agencies and viewers.
    /// </summary>
    public bool CanReadProvinceWork(string province) =>
        user.IsAuthenticated
        && (
            user.IsAdmin
            || user.Is(Roles.Viewer) && (user.Unit is null || user.Unit == province)
            || (user.Is(Roles.Coordinator) || user.Is(Roles.Appraiser) || user.Is(Roles.Agency)) && user.Unit == province
        );

    // Agencies read only their assigned communes, not a province's detailed data; the summaries are public.
    private bool CanReadProvinceNow(string provinceNow) =>
        user.IsAdmin
        || user.Is(Roles.Viewer) && (user.Unit is null || user.Unit == provinceNow)
        || (user.Is(Roles.Coordinator) || user.Is(Roles.Appraiser)) && user.Unit == provinceNow;

    // ---- money ----

    /// <summary>A province's capital plan: its coordination office writes it (and administrators).</summary>
    public bool CanWriteCapital(string province) => CanManageProvince(province);

    /// <summary>A province's capital plan in detail: administrators, national viewers, and the province's coordination office, appraisers and viewers.</summary>
    public bool CanReadCapital(string province) => user.IsAuthenticated && CanReadProvinceNow(province);

    /// <summary>
    /// The province's finance department (Sở Tài chính): an account of the province carrying the department code STC as
    /// its sector (as appraiser accounts carry theirs, decision 0020).
    /// </summary>
    public bool IsFinanceOf(string province) =>
        user.Is(Roles.Appraiser) && user.Unit == province && SameSector(user.Sector, FinanceDepartment);

    public const string FinanceDepartment = "STC";

    /// <summary>A province's projects, allocations and disbursement: its coordination office, its finance department, administrators.</summary>
    public bool CanWriteProjects(string province) => CanManageProvince(province) || IsFinanceOf(province);

    /// <summary>A province's projects and disbursement in detail: those who read its capital plan (and its finance department).</summary>
    public bool CanReadProjects(string province) => CanReadCapital(province) || IsFinanceOf(province);

    /// <summary>A project's monthly disbursement: those who write the province's projects, and the officer of the investor commune.</summary>
    public bool CanEnterDisbursement(string province, string? investorCommune) =>
        CanWriteProjects(province) || investorCommune is not null && user.Is(Roles.Commune) && user.Unit == investorCommune;

    /// <summary>A commune officer reads the projects of their commune (as investor or as one of its communes).</summary>
    public string? ReadsProjectsOfCommune => user.Is(Roles.Commune) ? user.Unit : null;

    /// <summary>
    /// A commune-year's people's contributions and outstanding construction debt (<paramref name="provinceNow"/>: the
    /// commune's province of today): the commune's own officer, the province's coordination office and finance department,
    /// administrators.
    /// </summary>
    public bool CanWriteCommuneMoney(string provinceNow, string commune) =>
        CanWriteProjects(provinceNow) || user.Is(Roles.Commune) && user.Unit == commune;

    /// <summary>A commune-year's contributions and debt are read as the projects of the commune are.</summary>
    public bool CanReadCommuneMoney(string provinceNow, string commune) =>
        CanReadProjects(provinceNow) || ReadsProjectsOfCommune == commune;

    /// <summary>National figures in detail: administrators and national viewers.</summary>
    public bool ReadsNationally => user.IsAdmin || user.Is(Roles.Viewer) && user.Unit is null;

    // ---- recognition dossiers ----

    public bool CanReadDossier(string province, string commune) =>
        CanReadProvinceWork(province) || user.Is(Roles.Commune) && user.Unit == commune;

    /// <summary>The commune officer of the dossier's commune (and administrators): create, edit, evidence, submit, resubmit.</summary>
    public bool CanEditDossier(string commune) => user.IsAdmin || user.Is(Roles.Commune) && user.Unit == commune;

    /// <summary>An appraiser of the province whose department owns the criterion (and administrators).</summary>
    public bool CanAppraise(string province, string? sector) =>
        user.IsAdmin || user.Is(Roles.Appraiser) && user.Unit == province && SameSector(user.Sector, sector);

    /// <summary>Whether an appraiser (not an administrator) of this province is refused only because of the department.</summary>
    public bool IsAppraiserOf(string province) => user.Is(Roles.Appraiser) && user.Unit == province;

    public static bool SameSector(string? a, string? b) =>
        a is not null
        && b is not null
        && string.Equals(
            a.Trim().Normalize(NormalizationForm.FormC),
            b.Trim().Normalize(NormalizationForm.FormC),
            StringComparison.OrdinalIgnoreCase
        );

    // ---- agencies, visits, recommendations ----

    /// <summary>The agency an agency account works for (its province and the agency its sector names); null otherwise. Read once.</summary>
    public async Task<Agency?> AgencyAsync(CancellationToken ct)
    {
        if (agencyRead)
            return agency;
        if (user.Is(Roles.Agency) && user.Unit is { } province && user.Sector is { } name)
        {
            var key = VietnameseText.Fold(name.Trim());
            agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.ProvinceCode == province && a.NameKey == key, ct);
        }
        agencyRead = true;
        return agency;
    }

    /// <summary>Whether the account is the agency <paramref name="agencyId"/> (administrators are not).</summary>
    public async Task<bool> IsAgencyAsync(int agencyId, CancellationToken ct) =>
        user.Is(Roles.Agency) && (await AgencyAsync(ct))?.Id == agencyId;

    /// <summary>A visit is corrected or deleted by the agency that recorded it (and administrators).</summary>
    public async Task<bool> CanChangeVisitAsync(int agencyId, CancellationToken ct) => user.IsAdmin || await IsAgencyAsync(agencyId, ct);

    /// <summary>An agency reads its own visits; the others as the commune's read scope says.</summary>
    public async Task<bool> CanReadVisitAsync(AdministrativeUnit commune, int agencyId, CancellationToken ct) =>
        await IsAgencyAsync(agencyId, ct) || await CanReadCommuneAsync(commune, ct);

    /// <summary>A closed or rejected recommendation is reopened by the province's coordination office or the agency that raised it.</summary>
    public async Task<bool> CanReopenAsync(string province, int agencyId, CancellationToken ct) =>
        CanManageProvince(province) || await IsAgencyAsync(agencyId, ct);

    /// <summary>
    /// The party the account acts as for a recommendation of this commune: a department (an appraiser of the province, by
    /// its sector), the commune's officer, the province's coordination office; an administrator acts as
    /// <paramref name="responsible"/>, the party that must answer.
    /// </summary>
    public ResponsibleParty? PartyFor(string province, string commune, ResponsibleParty responsible)
    {
        if (user.IsAdmin)
            return responsible;
        if (user.Is(Roles.Appraiser) && user.Unit == province && user.Sector is { Length: > 0 } sector)
            return ResponsibleParty.Department(sector);
        if (user.Is(Roles.Commune) && user.Unit == commune)
            return ResponsibleParty.Commune;
        if (user.Is(Roles.Coordinator) && user.Unit == province)
            return ResponsibleParty.Province;
        return null;
    }

    /// <summary>Progress of a plan's activity: the province's coordination office, and the responsible agency (any agency of the province when none is named).</summary>
    public async Task<bool> CanRecordProgressAsync(string province, int? targetAgencyId, CancellationToken ct)
    {
        if (CanManageProvince(province))
            return true;
        var own = await AgencyAsync(ct);
        return own is not null && own.ProvinceCode == province && (targetAgencyId is null || targetAgencyId == own.Id);
    }

    /// <summary>
    /// An agency reads the communes it is (or was) assigned to help: an assignment of its agency lists the commune, or a
    /// commune of today that the pre-reform commune went into.
    /// </summary>
    private async Task<bool> IsAssignedAsync(AdministrativeUnit commune, CancellationToken ct)
    {
        var (province, name) = (user.Unit, user.Sector);
        if (province is null || name is null)
            return false;
        var key = VietnameseText.Fold(name.Trim());
        var codes = db
            .Assignments.Where(a => a.ProvinceCode == province && a.Agency.NameKey == key)
            .SelectMany(a => a.Communes.Select(c => c.CommuneCode));
        if (commune.ValidTo is null)
            return await codes.AnyAsync(c => c == commune.Code, ct);
        return await db.UnitSuccessions.AnyAsync(
            s => s.PredecessorId == commune.Id && s.Successor.ValidTo == null && codes.Contains(s.Successor.Code),
            ct
        );
    }

    // ---- accounts and the audit trail ----

    /// <summary>The trail is searched by administrators, and by coordination offices within their province.</summary>
    public bool CanSearchAudit => user.IsAdmin || user.Is(Roles.Coordinator) && !string.IsNullOrEmpty(user.Unit);

    /// <summary>The province an account's lists are narrowed to (accounts, the trail); null for administrators.</summary>
    public string? OwnProvince => user.IsAdmin ? null : user.Unit;

    /// <summary>
    /// Administrators manage everyone; a coordinator manages the accounts of its province and its communes other than
    /// administrators and coordinators — not its peers, whose password it could otherwise reset and use (issue 18).
    /// </summary>
    public bool CanManageAccount(string role, string? unit)
    {
        if (user.IsAdmin)
            return true;
        if (!user.Is(Roles.Coordinator) || role is Roles.Admin or Roles.Coordinator || unit is null)
            return false;
        var province = user.Unit;
        if (unit == province)
            return true;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return UnitService.InForce(db.Units, today).Any(u => u.Code == unit && u.Level == UnitLevel.Commune && u.ProvinceCode == province);
    }

    // ==== added for plans, visits, scorecards, criteria sets, units (branch access-features) ====

    /// <summary>
    /// Whether the account answers (responds to, closes) a recommendation of this commune that <paramref name="responsible"/>
    /// must answer: it acts as that party (see <see cref="PartyFor"/>). The status is the caller's to check.
    /// </summary>
    public bool CanAnswer(string province, string commune, ResponsibleParty responsible) =>
        PartyFor(province, commune, responsible) == responsible;
}

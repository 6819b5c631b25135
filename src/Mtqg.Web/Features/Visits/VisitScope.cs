using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Plans;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Visits;

/// <summary>
/// What an account may read of visits and recommendations: the commune in force today, and a query narrowed to a filter
/// and the account's scope (the read rule of one visit is AccessPolicy.CanReadVisitAsync). Shared by visits and recommendations.
/// </summary>
public sealed class VisitScope(AppDbContext db, Agencies agencies, AccessPolicy access, TimeProvider clock)
{
    public DateOnly Today => VietnamTime.Today(clock);

    public Task<AdministrativeUnit?> CommuneNowAsync(string code, CancellationToken ct) => CommuneAtAsync(code, Today, ct);

    /// <summary>The commune a code named on a date: a visit of 2024 was made to a commune of 2024 (DESIGN §9).</summary>
    public Task<AdministrativeUnit?> CommuneAtAsync(string code, DateOnly day, CancellationToken ct) =>
        UnitService.InForce(db.Units.AsNoTracking(), day).FirstOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Commune, ct);

    /// <summary>
    /// Narrows a query of visits or recommendations to what the filter asks and the account may read: a commune (its read
    /// scope, or an agency's own rows there); an agency (the agency itself, or a reader of its province); a province.
    /// An agency account only ever sees rows of the communes it helps or its own.
    /// </summary>
    public async Task<(IQueryable<T>? Query, Outcome Outcome)> ScopeAsync<T>(
        IQueryable<T> query,
        string? province,
        string? communeCode,
        int? agencyId,
        CancellationToken ct
    )
        where T : class
    {
        if (InputText.IsBlank(province) && InputText.IsBlank(communeCode) && agencyId is null)
            return (
                null,
                Outcome.Invalid(
                    "Thiếu điều kiện lọc.",
                    [new("province", "Chọn tỉnh (province), xã (commune) hoặc đơn vị giúp đỡ (agency).")]
                )
            );
        var own = await access.AgencyAsync(ct);
        if (!InputText.IsBlank(communeCode))
        {
            var commune = await CommuneNowAsync(communeCode.Trim(), ct);
            if (commune is null)
                return (null, Outcome.NotFound($"Không có xã mã \"{communeCode}\" đang có hiệu lực."));
            var readable = await access.CanReadCommuneAsync(commune, ct);
            if (!readable && (own is null || own.ProvinceCode != commune.ProvinceCode))
                return (null, Outcome.Forbidden($"Tài khoản không có quyền xem {commune.FullName}."));
            query = query.Where(x => EF.Property<string>(x, "CommuneCode") == commune.Code);
            if (!readable)
                query = query.Where(x => EF.Property<int>(x, "AgencyId") == own!.Id);
        }
        if (agencyId is not null)
        {
            var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agencyId, ct);
            if (agency is null)
                return (null, Outcome.NotFound($"Không có đơn vị giúp đỡ số {agencyId}."));
            if (own?.Id != agency.Id && (own is not null || !access.CanReadProvinceWork(agency.ProvinceCode)))
                return (null, Outcome.Forbidden($"Tài khoản không có quyền xem việc của {agency.Name}."));
            query = query.Where(x => EF.Property<int>(x, "AgencyId") == agency.Id);
        }
        if (!InputText.IsBlank(province))
        {
            if (!access.CanReadProvinceWork(province.Trim()))
                return (null, Outcome.Forbidden($"Tài khoản không có quyền xem số liệu của tỉnh {province}."));
            query = query.Where(x => EF.Property<string>(x, "ProvinceCode") == province.Trim());
            if (own is not null)
            {
                var communes = await agencies.CommunesAsync(own.Id, null, ct);
                query = query.Where(x =>
                    EF.Property<int>(x, "AgencyId") == own.Id || communes.Contains(EF.Property<string>(x, "CommuneCode"))
                );
            }
        }
        return (query, Outcome.Done);
    }
}

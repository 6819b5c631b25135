using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;

namespace Mtqg.Web.Features.Units;

public sealed record UnitSummary(string Code, string Name, string FullName, string Level, string Kind, string? ParentCode);

public sealed record UnitLink(
    string Code,
    string Name,
    string FullName,
    string Level,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string Type,
    string TypeName,
    DateOnly EffectiveOn,
    string? LegalBasis,
    string? ParentName,
    string? ProvinceName
);

public sealed record UnitDetail(
    string Code,
    string Name,
    string FullName,
    string Level,
    string Kind,
    string KindName,
    string? ParentCode,
    string? ParentName,
    string ProvinceCode,
    string? ProvinceName,
    string? RegionName,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<UnitLink> Predecessors,
    IReadOnlyList<UnitLink> Successors
);

public sealed record ProvinceOverview(
    string Code,
    string Name,
    string FullName,
    string Kind,
    int Xa,
    int Phuong,
    int DacKhu,
    int ThiTran,
    int Total
);

public sealed record UnitQuery(UnitLevel? Level, string? Parent, DateOnly AsOf, string? Q);

public sealed class UnitService(AppDbContext db)
{
    public static string LevelCode(UnitLevel level) =>
        level switch
        {
            UnitLevel.Province => "province",
            UnitLevel.District => "district",
            _ => "commune",
        };

    public static UnitLevel? ParseLevel(string? level) =>
        level?.ToLowerInvariant() switch
        {
            "province" => UnitLevel.Province,
            "district" => UnitLevel.District,
            "commune" => UnitLevel.Commune,
            _ => null,
        };

    public static IQueryable<AdministrativeUnit> InForce(IQueryable<AdministrativeUnit> units, DateOnly asOf) =>
        units.Where(u => (u.ValidFrom == null || u.ValidFrom <= asOf) && (u.ValidTo == null || u.ValidTo >= asOf));

    /// <summary>The provinces in force today (after the reform, the 34): what a province code in a request must name.</summary>
    public static IQueryable<AdministrativeUnit> ProvincesNow(IQueryable<AdministrativeUnit> units) =>
        units.Where(u => u.Level == UnitLevel.Province && u.ValidTo == null);

    /// <summary>Whether a code names a province in force today.</summary>
    public static Task<bool> IsProvinceNowAsync(IQueryable<AdministrativeUnit> units, string code, CancellationToken ct) =>
        ProvincesNow(units).AnyAsync(u => u.Code == code, ct);

    public async Task<IReadOnlyList<UnitSummary>> ListAsync(UnitQuery query, CancellationToken ct)
    {
        var units = Filter(query);
        var rows = await units
            .OrderBy(u => u.Level)
            .ThenBy(u => u.Code)
            .Select(u => new
            {
                u.Code,
                u.Name,
                u.FullName,
                u.Level,
                u.Kind,
                u.ParentCode,
            })
            .ToListAsync(ct);
        return rows.Select(u => new UnitSummary(u.Code, u.Name, u.FullName, LevelCode(u.Level), u.Kind.Code(), u.ParentCode)).ToList();
    }

    /// <summary>One page of a province's communes (for the UI), with the total count.</summary>
    public async Task<(IReadOnlyList<UnitRow> Rows, int Total)> PageInProvinceAsync(
        string province,
        UnitQuery query,
        string? kind,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        var units = Filter(query).Where(u => u.ProvinceCode == province);
        if (!string.IsNullOrEmpty(kind) && Enum.GetValues<UnitKind>().FirstOrDefault(k => k.Code() == kind) is var k && k != default)
            units = units.Where(u => u.Kind == k);
        var total = await units.CountAsync(ct);
        var rows = await units
            .OrderBy(u => u.Code)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(u => new UnitRow(u.Code, u.Name, u.FullName, u.Kind, u.Predecessors.Count))
            .ToListAsync(ct);
        return (rows, total);
    }

    private IQueryable<AdministrativeUnit> Filter(UnitQuery query)
    {
        var units = InForce(db.Units.AsNoTracking(), query.AsOf);
        if (query.Level is { } level)
            units = units.Where(u => u.Level == level);
        if (!InputText.IsBlank(query.Parent))
            units = units.Where(u => u.ParentCode == query.Parent);
        var folded = VietnameseText.Fold(query.Q);
        if (folded.Length > 0)
            units = units.Where(u => u.SearchName.Contains(folded) || u.Code == query.Q!.Trim());
        return units;
    }

    public async Task<bool> ExistsAsync(string code, DateOnly asOf, CancellationToken ct) =>
        await InForce(db.Units, asOf).AnyAsync(u => u.Code == code, ct);

    /// <summary>The unit a code names on a date, with where it came from and where it went.</summary>
    public async Task<UnitDetail?> FindAsync(string code, DateOnly asOf, CancellationToken ct)
    {
        var unit = await InForce(db.Units.AsNoTracking(), asOf).Where(u => u.Code == code).FirstOrDefaultAsync(ct);
        if (unit is null)
            return null;

        var predecessors = await db
            .UnitSuccessions.AsNoTracking()
            .Where(s => s.SuccessorId == unit.Id)
            .Select(s => new
            {
                s.Type,
                s.EffectiveOn,
                s.LegalBasis,
                Unit = s.Predecessor,
            })
            .ToListAsync(ct);
        var successors = await db
            .UnitSuccessions.AsNoTracking()
            .Where(s => s.PredecessorId == unit.Id)
            .Select(s => new
            {
                s.Type,
                s.EffectiveOn,
                s.LegalBasis,
                Unit = s.Successor,
            })
            .ToListAsync(ct);

        // Parents and provinces of the linked units, each as in force while that unit was.
        var linked = predecessors.Select(p => p.Unit).Concat(successors.Select(s => s.Unit)).Append(unit).ToList();
        var parentCodes = linked.SelectMany(u => new[] { u.ParentCode, u.ProvinceCode }).Where(c => c != null).Distinct().ToList();
        var parents = await db
            .Units.AsNoTracking()
            .Where(u => parentCodes.Contains(u.Code))
            .Select(u => new
            {
                u.Code,
                u.FullName,
                u.ValidFrom,
                u.ValidTo,
            })
            .ToListAsync(ct);
        string? NameAt(string? parentCode, AdministrativeUnit child)
        {
            var day = child.ValidTo ?? child.ValidFrom ?? asOf;
            return parents
                .FirstOrDefault(p =>
                    p.Code == parentCode && (p.ValidFrom == null || p.ValidFrom <= day) && (p.ValidTo == null || p.ValidTo >= day)
                )
                ?.FullName;
        }

        UnitLink Link(AdministrativeUnit u, SuccessionType type, DateOnly on, string? basis) =>
            new(
                u.Code,
                u.Name,
                u.FullName,
                LevelCode(u.Level),
                u.ValidFrom,
                u.ValidTo,
                type.ToString().ToLowerInvariant(),
                type.Label(),
                on,
                basis,
                u.Level == UnitLevel.Province ? null : NameAt(u.ParentCode, u),
                u.Level == UnitLevel.Province ? null : NameAt(u.ProvinceCode, u)
            );

        return new UnitDetail(
            unit.Code,
            unit.Name,
            unit.FullName,
            LevelCode(unit.Level),
            unit.Kind.Code(),
            unit.Kind.Label(),
            unit.ParentCode,
            unit.ParentCode is null ? null : NameAt(unit.ParentCode, unit),
            unit.ProvinceCode,
            NameAt(unit.ProvinceCode, unit),
            unit.RegionName,
            unit.ValidFrom,
            unit.ValidTo,
            predecessors.OrderBy(p => p.Unit.Code).Select(p => Link(p.Unit, p.Type, p.EffectiveOn, p.LegalBasis)).ToList(),
            successors.OrderBy(s => s.Unit.Code).Select(s => Link(s.Unit, s.Type, s.EffectiveOn, s.LegalBasis)).ToList()
        );
    }

    /// <summary>Every province in force on a date with its count of communes by kind: one grouped query.</summary>
    public async Task<IReadOnlyList<ProvinceOverview>> ProvincesAsync(DateOnly asOf, CancellationToken ct)
    {
        var provinces = await InForce(db.Units.AsNoTracking(), asOf)
            .Where(u => u.Level == UnitLevel.Province)
            .OrderBy(u => u.Code)
            .Select(u => new
            {
                u.Code,
                u.Name,
                u.FullName,
                u.Kind,
            })
            .ToListAsync(ct);
        var counts = await InForce(db.Units.AsNoTracking(), asOf)
            .Where(u => u.Level == UnitLevel.Commune)
            .GroupBy(u => new { u.ProvinceCode, u.Kind })
            .Select(g => new
            {
                g.Key.ProvinceCode,
                g.Key.Kind,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        int Count(string province, UnitKind kind) => counts.FirstOrDefault(c => c.ProvinceCode == province && c.Kind == kind)?.Count ?? 0;
        return provinces
            .Select(p => new ProvinceOverview(
                p.Code,
                p.Name,
                p.FullName,
                p.Kind.Label(),
                Count(p.Code, UnitKind.Xa),
                Count(p.Code, UnitKind.Phuong),
                Count(p.Code, UnitKind.DacKhu),
                Count(p.Code, UnitKind.ThiTran),
                counts.Where(c => c.ProvinceCode == p.Code).Sum(c => c.Count)
            ))
            .ToList();
    }
}

public sealed record UnitRow(string Code, string Name, string FullName, UnitKind Kind, int PredecessorCount);

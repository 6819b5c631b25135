using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Plans;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Plans;

public sealed record CommuneRef(string Code, string Name);

/// <summary>
/// Helping agencies (who may read or manage a province's plans is AccessPolicy's). An agency account belongs to the agency of its province
/// whose name its sector gives (folded, so "Sở Tài chính" and "sở tài chính" are one agency).
/// </summary>
public sealed class Agencies(AppDbContext db, ProvinceLineage lineage)
{
    public static readonly Outcome ProvinceRequired = Outcome.Invalid(
        "Thiếu mã tỉnh.",
        [new Problem("province", "Chọn tỉnh: thêm province=<mã tỉnh> vào địa chỉ.")]
    );

    public static string Key(string name) => VietnameseText.Fold(name.Trim());

    /// <summary>The agency of that name in the province, added (tracked, not saved) when new.</summary>
    public async Task<Agency> FindOrAddAsync(string province, string name, CancellationToken ct)
    {
        var key = Key(name);
        var found = await db.Agencies.FirstOrDefaultAsync(a => a.ProvinceCode == province && a.NameKey == key, ct)
            ?? db.Agencies.Local.FirstOrDefault(a => a.ProvinceCode == province && a.NameKey == key);
        if (found is not null)
            return found;
        var agency = new Agency
        {
            ProvinceCode = province,
            Name = name.Trim(),
            NameKey = key,
        };
        db.Agencies.Add(agency);
        return agency;
    }

    /// <summary>The communes assigned to an agency by any assignment whose period contains <paramref name="on"/> (any period when null).</summary>
    public async Task<HashSet<string>> CommunesAsync(int agencyId, DateOnly? on, CancellationToken ct) =>
        (
            await db
                .Assignments.AsNoTracking()
                .Where(a => a.AgencyId == agencyId && (on == null || a.From <= on && a.To >= on))
                .SelectMany(a => a.Communes.Select(c => c.CommuneCode))
                .Distinct()
                .ToListAsync(ct)
        ).ToHashSet(StringComparer.Ordinal);

    /// <summary>Communes in force today in the province, by code, for the codes asked.</summary>
    public async Task<Dictionary<string, string>> CommunesInProvinceAsync(
        string province,
        IEnumerable<string> codes,
        DateOnly today,
        CancellationToken ct
    )
    {
        var wanted = codes.Distinct().ToList();
        // Before 1 July 2025 the province's communes were those of the provinces that merged into it (DESIGN §9).
        var provinces = today < Reform.Day ? [.. await lineage.OldProvincesOfAsync(province), province] : new List<string> { province };
        return await UnitService
            .InForce(db.Units.AsNoTracking(), today)
            .Where(u => u.Level == UnitLevel.Commune && provinces.Contains(u.ProvinceCode) && wanted.Contains(u.Code))
            .ToDictionaryAsync(u => u.Code, u => u.FullName, ct);
    }

    /// <summary>Every commune of the province in force on <paramref name="on"/> (before 1 July 2025: those of the provinces that merged into it), by name.</summary>
    public async Task<List<CommuneRef>> CommunesOfProvinceAsync(string province, DateOnly on, CancellationToken ct)
    {
        var provinces = on < Reform.Day ? [.. await lineage.OldProvincesOfAsync(province), province] : new List<string> { province };
        var rows = await UnitService
            .InForce(db.Units.AsNoTracking(), on)
            .Where(u => u.Level == UnitLevel.Commune && provinces.Contains(u.ProvinceCode))
            .Select(u => new CommuneRef(u.Code, u.FullName))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))];
    }

    /// <summary>Names of communes in force today (codes not found are left out).</summary>
    public async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> codes, DateOnly today, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToList();
        if (wanted.Count == 0)
            return [];
        return await UnitService
            .InForce(db.Units.AsNoTracking(), today)
            .Where(u => u.Level == UnitLevel.Commune && wanted.Contains(u.Code))
            .ToDictionaryAsync(u => u.Code, u => u.FullName, ct);
    }

    public async Task<string?> ProvinceNameAsync(string province, DateOnly today, CancellationToken ct) =>
        await UnitService
            .InForce(db.Units.AsNoTracking(), today)
            .Where(u => u.Level == UnitLevel.Province && u.Code == province)
            .Select(u => u.FullName)
            .FirstOrDefaultAsync(ct);

    /// <summary>Problems with a list of commune codes: empty, or codes that are not communes of the province today.</summary>
    public async Task<List<Problem>> CheckCommunesAsync(
        string province,
        IReadOnlyList<string>? codes,
        string field,
        bool required,
        DateOnly today,
        CancellationToken ct
    )
    {
        var problems = new List<Problem>();
        var list = (codes ?? []).Select(c => c?.Trim() ?? "").ToList();
        if (required && list.Count == 0)
            problems.Add(new(field, "Phải chọn ít nhất một xã."));
        var known = await CommunesInProvinceAsync(province, list, today, ct);
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Length == 0)
                problems.Add(new($"{field}[{i}]", $"Xã dòng {i + 1}: chưa ghi mã xã."));
            else if (!known.ContainsKey(list[i]))
                problems.Add(
                    new(
                        $"{field}[{i}]",
                        today < Reform.Day
                            ? $"Xã dòng {i + 1}: mã \"{list[i]}\" không phải xã có hiệu lực ngày {VietnamTime.Format(today)} thuộc tỉnh {province} (các tỉnh cũ đã hợp nhất)."
                            : $"Xã dòng {i + 1}: mã \"{list[i]}\" không phải xã đang có hiệu lực của tỉnh {province}."
                    )
                );
        }
        if (list.Count != list.Distinct().Count())
            problems.Add(new(field, "Danh sách xã có mã trùng."));
        return problems;
    }
}

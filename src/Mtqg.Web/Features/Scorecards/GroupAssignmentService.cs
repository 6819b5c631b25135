using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Scorecards;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Scorecards;

public sealed record GroupRow(int UnitId, string Code, string Name, string? Group, string? Proposed);

/// <summary>
/// Assigning communes to the groups (regions) of a criteria set, in bulk, by the coordination office.
/// For sets grouped by the seven regions of Decision 318/QĐ-TTg a region is proposed from the
/// geographic region of the commune's pre-reform province (or its predecessors' provinces).
/// </summary>
public sealed class GroupAssignmentService(AppDbContext db, ProvinceLineage lineage, AccessPolicy access, TimeProvider clock)
{
    // The source's eight geographic regions (provinces-2024.csv) → the seven regions of 318/QĐ-TTg.
    // A proposal only: the office checks it (e.g. where a province sits in 318's table).
    private static readonly Dictionary<string, string> RegionOf318 = new()
    {
        ["Đông Bắc Bộ"] = "TDMNPB",
        ["Tây Bắc Bộ"] = "TDMNPB",
        ["Đồng bằng sông Hồng"] = "DBSH",
        ["Bắc Trung Bộ"] = "BTB",
        ["Duyên hải Nam Trung Bộ"] = "DHNTB",
        ["Tây Nguyên"] = "TN",
        ["Đông Nam Bộ"] = "DNB",
        ["Đồng bằng sông Cửu Long"] = "DBSCL",
    };

    public async Task<IReadOnlyList<GroupRow>> ListAsync(LoadedSet set, string provinceCode, int year, CancellationToken ct)
    {
        var communes = UnitService
            .InForce(db.Units.AsNoTracking(), ScorecardService.YearEnd(year))
            .Where(u =>
                u.Level == UnitLevel.Commune && u.ProvinceCode == provinceCode && (u.Kind == UnitKind.Xa || u.Kind == UnitKind.DacKhu)
            );
        var rows = await communes
            .OrderBy(u => u.Code)
            .Select(u => new
            {
                u.Id,
                u.Code,
                u.FullName,
                u.ValidTo,
                u.ProvinceCode,
            })
            .ToListAsync(ct);
        var assigned = await db
            .GroupAssignments.AsNoTracking()
            .Where(a => a.CriteriaSetId == set.Id && communes.Any(u => u.Id == a.UnitId))
            .ToDictionaryAsync(a => a.UnitId, a => a.GroupId, ct);
        var proposals = await ProposalsAsync(set, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => new GroupRow(
                r.Id,
                r.Code,
                r.FullName,
                assigned.TryGetValue(r.Id, out var g) ? set.GroupCodes[g] : null,
                proposals.GetValueOrDefault(r.Id)
            ))
            .ToList();
    }

    /// <summary>A proposed 318 region per commune: its own pre-reform province's region, or the most common one among its predecessors'.</summary>
    private async Task<Dictionary<int, string>> ProposalsAsync(LoadedSet set, List<int> unitIds, CancellationToken ct)
    {
        if (!RegionOf318.Values.All(set.GroupIds.ContainsKey))
            return [];
        var regions = await db
            .Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Province && u.RegionName != null)
            .Select(u => new
            {
                u.Code,
                u.RegionName,
                u.ValidTo,
            })
            .ToListAsync(ct);
        var regionOfOldProvince = regions.Where(r => r.ValidTo != null).ToDictionary(r => r.Code, r => r.RegionName!);
        var own = await db
            .Units.AsNoTracking()
            .Where(u => unitIds.Contains(u.Id) && u.ValidTo != null && u.ValidTo < Reform.Day)
            .Select(u => new { u.Id, u.ProvinceCode })
            .ToListAsync(ct);
        var inherited = await db
            .UnitSuccessions.AsNoTracking()
            .Where(s => unitIds.Contains(s.SuccessorId) && s.Predecessor.ValidTo < Reform.Day)
            .Select(s => new { s.SuccessorId, s.Predecessor.ProvinceCode })
            .ToListAsync(ct);
        var result = new Dictionary<int, string>();
        foreach (var o in own)
            if (regionOfOldProvince.TryGetValue(o.ProvinceCode, out var r))
                result[o.Id] = RegionOf318[r];
        foreach (var g in inherited.GroupBy(i => i.SuccessorId))
        {
            var region = g.Select(i => regionOfOldProvince.GetValueOrDefault(i.ProvinceCode))
                .Where(r => r is not null)
                .GroupBy(r => r!)
                .OrderByDescending(r => r.Count())
                .Select(r => r.Key)
                .FirstOrDefault();
            if (region is not null)
                result.TryAdd(g.Key, RegionOf318[region]);
        }
        return result;
    }

    /// <summary>Assigns one group to many communes of a province, all or nothing.</summary>
    public async Task<Outcome> AssignAsync(
        LoadedSet set,
        string provinceCode,
        int year,
        IReadOnlyCollection<int> unitIds,
        string? groupCode,
        CancellationToken ct
    )
    {
        if (!access.CanManageProvince(await ProvinceNowAsync(provinceCode, year)))
            return Outcome.Forbidden("Tài khoản không có quyền xếp nhóm xã của tỉnh này.");
        if (unitIds.Count == 0)
            return Outcome.Invalid("Chưa chọn xã nào.", [new Problem("communes", "Chọn ít nhất một xã.")]);
        if (groupCode is null || !set.GroupIds.TryGetValue(groupCode, out var groupId))
            return Outcome.Invalid(
                "Nhóm không hợp lệ.",
                [new Problem("group", $"Chọn một nhóm của bộ tiêu chí {set.Code}: {string.Join(", ", set.GroupIds.Keys)}.")]
            );
        var inProvince = await db
            .Units.Where(u => unitIds.Contains(u.Id) && u.ProvinceCode == provinceCode && u.Level == UnitLevel.Commune)
            .Select(u => u.Id)
            .ToListAsync(ct);
        if (inProvince.Count != unitIds.Count)
            return Outcome.Rejected("Có xã không thuộc tỉnh này; không có gì được ghi.");
        return await WriteAsync(set, inProvince.ToDictionary(id => id, _ => groupId), ct);
    }

    /// <summary>Takes the proposal for every commune of the province that has no group yet.</summary>
    public async Task<(int Count, Outcome Outcome)> ApplyProposalsAsync(LoadedSet set, string provinceCode, int year, CancellationToken ct)
    {
        if (!access.CanManageProvince(await ProvinceNowAsync(provinceCode, year)))
            return (0, Outcome.Forbidden("Tài khoản không có quyền xếp nhóm xã của tỉnh này."));
        var rows = (await ListAsync(set, provinceCode, year, ct)).Where(r => r.Group is null && r.Proposed is not null).ToList();
        var outcome = await WriteAsync(set, rows.ToDictionary(r => r.UnitId, r => set.GroupIds[r.Proposed!]), ct);
        return (rows.Count, outcome);
    }

    /// <summary>The province of today that a province code of that year went into.</summary>
    private Task<string> ProvinceNowAsync(string provinceCode, int year) =>
        lineage.ProvinceNowAsync(provinceCode, Reform.IsYearBefore(year) ? Reform.LastDayBefore : null);

    private async Task<Outcome> WriteAsync(LoadedSet set, Dictionary<int, int> groups, CancellationToken ct)
    {
        var ids = groups.Keys.ToList();
        var existing = await db
            .GroupAssignments.Where(a => a.CriteriaSetId == set.Id && ids.Contains(a.UnitId))
            .ToDictionaryAsync(a => a.UnitId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (unitId, groupId) in groups)
        {
            if (existing.TryGetValue(unitId, out var row))
                (row.GroupId, row.UpdatedAt, row.UpdatedBy) = (groupId, now, access.User.UserName);
            else
                db.GroupAssignments.Add(
                    new CommuneGroupAssignment
                    {
                        CriteriaSetId = set.Id,
                        UnitId = unitId,
                        GroupId = groupId,
                        UpdatedAt = now,
                        UpdatedBy = access.User.UserName,
                    }
                );
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.Entries.Any(x => x.State == EntityState.Added))
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict("Nhóm của một số xã vừa được người khác thay đổi cùng lúc; chưa có gì được ghi. Tải lại rồi thử lại.");
        }
        return Outcome.Done;
    }
}

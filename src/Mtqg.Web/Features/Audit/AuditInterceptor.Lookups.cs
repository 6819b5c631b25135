using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Mtqg.Data;
using Mtqg.Data.Accounts;
using Mtqg.Data.Scorecards;
using Mtqg.Domain.Criteria;

namespace Mtqg.Web.Features.Audit;

/// <summary>The readable names of the audit rows (indicator, group, unit, account), loaded once per SaveChanges.</summary>
public sealed partial class AuditInterceptor
{
    private sealed record IndicatorInfo(int Id, string Code, IndicatorType Type, string SetCode);

    private sealed record GroupInfo(int Id, string Code, string? SetCode);

    private sealed record UserInfo(string Id, string? UserName, string? UnitCode);

    /// <summary>The readable names the rows need, loaded once per SaveChanges: one query per kind of key present.</summary>
    private sealed class Lookups
    {
        private const int Chunk = 2000;
        public Dictionary<int, IndicatorInfo> Indicators { get; } = [];
        public Dictionary<int, string> Units { get; } = [];
        public Dictionary<int, GroupInfo> Groups { get; } = [];
        public Dictionary<string, string> Roles { get; } = [];
        public Dictionary<string, UserInfo> Users { get; } = [];

        public static async Task<Lookups> LoadAsync(AppDbContext db, List<EntityEntry> changed, bool sync, CancellationToken ct)
        {
            var lookups = new Lookups();
            var values = changed.Select(e => e.Entity).OfType<IndicatorValue>().ToList();
            var assignments = changed.Select(e => e.Entity).OfType<CommuneGroupAssignment>().ToList();
            var links = changed.Where(e => e.Entity is IdentityUserRole<string>).ToList();

            foreach (var ids in values.Select(v => v.IndicatorId).Where(id => id > 0).Distinct().Chunk(Chunk))
            foreach (
                var i in await ListAsync(
                    db.Indicators.AsNoTracking()
                        .Where(i => ids.Contains(i.Id))
                        .Select(i => new IndicatorInfo(i.Id, i.Code, i.Type, i.Set.Code)),
                    sync,
                    ct
                )
            )
                lookups.Indicators[i.Id] = i;

            foreach (
                var ids in values
                    .Select(v => v.UnitId)
                    .Concat(assignments.Select(a => a.UnitId))
                    .Where(id => id > 0)
                    .Distinct()
                    .Chunk(Chunk)
            )
            foreach (
                var u in await ListAsync(db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Code }), sync, ct)
            )
                lookups.Units[u.Id] = u.Code;

            var groupIds = changed
                .Where(e => e.Entity is CommuneGroupAssignment)
                .SelectMany(e =>
                    new[]
                    {
                        (int)e.OriginalValues[nameof(CommuneGroupAssignment.GroupId)]!,
                        (int)e.CurrentValues[nameof(CommuneGroupAssignment.GroupId)]!,
                    }
                )
                .Where(id => id > 0)
                .Distinct()
                .ToList();
            foreach (var ids in groupIds.Chunk(Chunk))
            foreach (
                var g in await ListAsync(
                    db.CommuneGroups.AsNoTracking()
                        .Where(g => ids.Contains(g.Id))
                        .Select(g => new GroupInfo(
                            g.Id,
                            g.Code,
                            db.CriteriaSets.Where(s => s.Id == g.CriteriaSetId).Select(s => s.Code).FirstOrDefault()
                        )),
                    sync,
                    ct
                )
            )
                lookups.Groups[g.Id] = g;

            if (links.Count > 0)
            {
                var roleIds = links.Select(l => ((IdentityUserRole<string>)l.Entity).RoleId).Distinct().ToList();
                foreach (
                    var r in await ListAsync(
                        db.Roles.AsNoTracking().Where(r => roleIds.Contains(r.Id)).Select(r => new { r.Id, r.Name }),
                        sync,
                        ct
                    )
                )
                    lookups.Roles[r.Id] = r.Name ?? r.Id;
                var tracked = changed.Select(e => e.Entity).OfType<AppUser>().Select(u => u.Id).ToHashSet();
                var userIds = links
                    .Select(l => ((IdentityUserRole<string>)l.Entity).UserId)
                    .Where(id => !tracked.Contains(id))
                    .Distinct()
                    .ToList();
                if (userIds.Count > 0)
                    foreach (
                        var u in await ListAsync(
                            db.Users.AsNoTracking()
                                .Where(u => userIds.Contains(u.Id))
                                .Select(u => new UserInfo(u.Id, u.UserName, u.UnitCode)),
                            sync,
                            ct
                        )
                    )
                        lookups.Users[u.Id] = u;
            }
            return lookups;
        }

        private static async Task<List<T>> ListAsync<T>(IQueryable<T> query, bool sync, CancellationToken ct) =>
            sync ? query.ToList() : await query.ToListAsync(ct);
    }
}

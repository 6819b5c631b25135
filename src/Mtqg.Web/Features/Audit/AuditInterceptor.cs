using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Mtqg.Data;
using Mtqg.Data.Accounts;
using Mtqg.Data.Audit;
using Mtqg.Data.Scorecards;
using Mtqg.Domain.Criteria;

namespace Mtqg.Web.Features.Audit;

/// <summary>
/// Records every tracked change to indicator values, group assignments, accounts and every <see cref="IAudited"/>
/// entity (criteria sets, plans, assignments, visits, recommendations, the recognition process) as
/// <see cref="AuditEntry"/> rows added to the same SaveChanges, so they commit or roll back with the
/// change itself (decision 0005). Writes that bypass change tracking record their own rows
/// (<see cref="AuditWriter"/>). Readable keys (indicator, set, unit codes) are loaded with one query
/// per kind for the whole SaveChanges, never per row.
/// </summary>
public sealed partial class AuditInterceptor(AuditActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    // The rows this interceptor added to a context, detached once the save ends: a failed save must
    // not leave them behind for a retry to write twice.
    private readonly ConditionalWeakTable<DbContext, List<AuditEntry>> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
            RecordAsync(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        if (eventData.Context is AppDbContext db)
            await RecordAsync(db, sync: false, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var rows))
            return;
        pending.Remove(context);
        foreach (var row in rows)
            context.Entry(row).State = EntityState.Detached;
    }

    private async Task RecordAsync(AppDbContext db, bool sync, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges(); // SaveChanges detects changes only after the interceptors have run
        var changed = new List<EntityEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            if (entry.Entity is AuditEntry)
            {
                // DESIGN §8: the trail cannot be edited or deleted through the application.
                if (entry.State != EntityState.Added)
                    throw new InvalidOperationException("Nhật ký thay đổi chỉ được ghi thêm: không được sửa hay xóa.");
                continue;
            }
            if (entry.Entity is IndicatorValue or CommuneGroupAssignment or AppUser or IdentityUserRole<string> or IAudited)
                changed.Add(entry);
        }
        if (changed.Count == 0)
            return;

        var lookups = await Lookups.LoadAsync(db, changed, sync, ct);
        var at = clock.GetUtcNow().UtcDateTime;
        var (userName, client) = (actor.UserName, actor.Client);
        var rows = new List<AuditEntry>();
        AuditEntry Row(string action, string entity, string? updatedBy) =>
            new()
            {
                At = at,
                UserName = userName ?? updatedBy ?? AuditActor.System,
                Client = client,
                Action = action,
                Entity = entity,
            };

        foreach (var entry in changed)
        {
            switch (entry.Entity)
            {
                case IndicatorValue value:
                {
                    var (old, now) = Values<decimal>(entry, nameof(IndicatorValue.Value));
                    if (old == now)
                        break;
                    var indicator = lookups.Indicators.GetValueOrDefault(value.IndicatorId);
                    var row = Row(
                        ActionOf(entry),
                        nameof(IndicatorValue),
                        EditedBy(entry, nameof(IndicatorValue.UpdatedAt), value.UpdatedBy)
                    );
                    row.UnitId = value.UnitId;
                    row.UnitCode = lookups.Units.GetValueOrDefault(value.UnitId);
                    row.Year = value.Year;
                    row.SetCode = indicator?.SetCode;
                    row.Key = indicator?.Code ?? value.IndicatorId.ToString(CultureInfo.InvariantCulture);
                    row.OldValue = old is { } o ? AuditText.Value(o, indicator?.Type) : null;
                    row.NewValue = now is { } n ? AuditText.Value(n, indicator?.Type) : null;
                    rows.Add(row);
                    break;
                }
                case CommuneGroupAssignment assignment:
                {
                    var (old, now) = Values<int>(entry, nameof(CommuneGroupAssignment.GroupId));
                    if (old == now)
                        break;
                    var group = lookups.Groups.GetValueOrDefault(now ?? old ?? 0);
                    var row = Row(
                        ActionOf(entry),
                        nameof(CommuneGroupAssignment),
                        EditedBy(entry, nameof(CommuneGroupAssignment.UpdatedAt), assignment.UpdatedBy)
                    );
                    row.UnitId = assignment.UnitId;
                    row.UnitCode = lookups.Units.GetValueOrDefault(assignment.UnitId);
                    row.SetCode = group?.SetCode;
                    row.OldValue = old is { } o
                        ? lookups.Groups.GetValueOrDefault(o)?.Code ?? o.ToString(CultureInfo.InvariantCulture)
                        : null;
                    row.NewValue = now is { } n ? group?.Code ?? n.ToString(CultureInfo.InvariantCulture) : null;
                    rows.Add(row);
                    break;
                }
                case IAudited audited:
                {
                    // Every other audited entity (criteria sets, plans, assignments, visits, the recognition process):
                    // the fields its type declares, filed where the row says.
                    var (old, now) = Describe(entry, AuditFields.Of(entry.Metadata.ClrType).Recorded);
                    if (entry.State == EntityState.Modified && old is null && now is null)
                        break;
                    var info = audited.AuditInfo();
                    var row = Row(ActionOf(entry), entry.Metadata.ClrType.Name, null);
                    row.UnitCode = info.UnitCode is { Length: > 0 and <= 10 } unit ? unit : null;
                    row.Key = info.Key is { Length: > 256 } key ? key[..256] : info.Key;
                    (row.Year, row.SetCode, row.OldValue, row.NewValue) = (info.Year, info.SetCode, Cut(old), Cut(now));
                    rows.Add(row);
                    break;
                }
            }
        }
        rows.AddRange(AccountRows(changed, lookups, Row));

        if (rows.Count == 0)
            return;
        db.AuditEntries.AddRange(rows);
        if (pending.TryGetValue(db, out var earlier))
            earlier.AddRange(rows);
        else
            pending.Add(db, rows);
    }

    private static string ActionOf(EntityEntry entry) =>
        entry.State switch
        {
            EntityState.Added => AuditEntry.Create,
            EntityState.Deleted => AuditEntry.Delete,
            _ => AuditEntry.Update,
        };

    /// <summary>
    /// The editor the row itself names, when this very change stamped it (added, or its time changed):
    /// used only when there is no signed-in user, e.g. in an interactive circuit, which has no request.
    /// </summary>
    private static string? EditedBy(EntityEntry entry, string updatedAt, string? updatedBy) =>
        entry.State == EntityState.Added
        || entry.State == EntityState.Modified && !Equals(entry.OriginalValues[updatedAt], entry.CurrentValues[updatedAt])
            ? updatedBy
            : null;

    /// <summary>The value before (null when added) and after (null when deleted).</summary>
    private static (T? Old, T? Now) Values<T>(EntityEntry entry, string property)
        where T : struct =>
        (
            entry.State == EntityState.Added ? null : entry.OriginalValues.GetValue<T>(property),
            entry.State == EntityState.Deleted ? null : entry.CurrentValues.GetValue<T>(property)
        );

    // Only what an administrator needs to trace: never password hashes, security or concurrency stamps.
    private static readonly (string Property, string Label)[] UserFields =
    [
        (nameof(AppUser.UserName), "Tên đăng nhập"),
        (nameof(AppUser.DisplayName), "Tên hiển thị"),
        (nameof(AppUser.UnitCode), "Đơn vị"),
        (nameof(AppUser.Sector), "Sở, ngành"),
        (nameof(AppUser.IsDisabled), "Ngừng hoạt động"),
        (nameof(AppUser.Email), "Thư điện tử"),
        (nameof(AppUser.MailChoice), "Nhận thư"),
        (nameof(AppUser.LockoutEnd), "Khóa đến"),
    ];

    /// <summary>Added: every field as new; deleted: every field as old; modified: only the fields that changed.</summary>
    private static (string? Old, string? Now) Describe(
        EntityEntry entry,
        IReadOnlyList<(string Property, string Label)> fields,
        List<(string, string?)>? extraOld = null,
        List<(string, string?)>? extraNew = null
    )
    {
        var old = new List<(string, string?)>();
        var now = new List<(string, string?)>();
        foreach (var (property, label) in fields)
        {
            var before = entry.State == EntityState.Added ? null : Show(entry.OriginalValues[property]);
            var after = entry.State == EntityState.Deleted ? null : Show(entry.CurrentValues[property]);
            if (entry.State == EntityState.Modified && before == after)
                continue;
            if (entry.State != EntityState.Added)
                old.Add((label, before));
            if (entry.State != EntityState.Deleted)
                now.Add((label, after));
        }
        old.AddRange(extraOld ?? []);
        now.AddRange(extraNew ?? []);
        return (AuditText.Fields(old), AuditText.Fields(now));
    }

    private static string? Cut(string? text) => text is { Length: > 4000 } ? text[..4000] : text;

    private static string? Show(object? value) =>
        value switch
        {
            null => "",
            bool b => AuditText.Bool(b),
            DateTimeOffset d => AuditText.Date(d),
            DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            DateTime d => AuditText.Date(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc))),
            CriteriaSetStatus s => s.Code(),
            decimal d => AuditText.Number(d),
            Enum e => AuditText.Name(e),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };

    /// <summary>One row per account per save: its meaningful fields and the roles granted or withdrawn.</summary>
    private static IEnumerable<AuditEntry> AccountRows(
        List<EntityEntry> changed,
        Lookups lookups,
        Func<string, string, string?, AuditEntry> row
    )
    {
        var users = changed.Where(e => e.Entity is AppUser).ToDictionary(e => ((AppUser)e.Entity).Id);
        var roles = changed
            .Where(e => e.Entity is IdentityUserRole<string>)
            .Select(e => (Link: (IdentityUserRole<string>)e.Entity, e.State))
            .ToLookup(r => r.Link.UserId);
        foreach (var userId in users.Keys.Union(roles.Select(r => r.Key)))
        {
            var entry = users.GetValueOrDefault(userId);
            var granted = RoleNames(roles[userId].Where(r => r.State == EntityState.Added));
            var withdrawn = RoleNames(roles[userId].Where(r => r.State == EntityState.Deleted));
            var extraOld = withdrawn is null ? new List<(string, string?)>() : [("Vai trò", withdrawn)];
            var extraNew = granted is null ? new List<(string, string?)>() : [("Vai trò", granted)];
            string? oldText,
                newText;
            string action,
                userName;
            string? unitCode;
            if (entry is null)
            {
                if (granted is null && withdrawn is null)
                    continue;
                var known = lookups.Users.GetValueOrDefault(userId);
                (action, userName, unitCode) = (AuditEntry.Update, known?.UserName ?? userId, known?.UnitCode);
                (oldText, newText) = (AuditText.Fields(extraOld), AuditText.Fields(extraNew));
            }
            else
            {
                var user = (AppUser)entry.Entity;
                if (
                    entry.State == EntityState.Modified
                    && !Equals(entry.OriginalValues[nameof(AppUser.PasswordHash)], entry.CurrentValues[nameof(AppUser.PasswordHash)])
                )
                    extraNew.Add(("Mật khẩu", "đã đổi"));
                (oldText, newText) = Describe(entry, UserFields, extraOld, extraNew);
                if (entry.State == EntityState.Modified && oldText is null && newText is null)
                    continue;
                action = ActionOf(entry);
                userName = (entry.State == EntityState.Deleted ? entry.OriginalValues[nameof(AppUser.UserName)] as string : user.UserName)
                    ?? userId;
                unitCode = entry.State == EntityState.Deleted ? entry.OriginalValues[nameof(AppUser.UnitCode)] as string : user.UnitCode;
            }
            var result = row(action, nameof(AppUser), null);
            (result.Key, result.UnitCode, result.OldValue, result.NewValue) = (userName, unitCode, oldText, newText);
            yield return result;
        }

        string? RoleNames(IEnumerable<(IdentityUserRole<string> Link, EntityState State)> links)
        {
            var names = links
                .Select(l => lookups.Roles.GetValueOrDefault(l.Link.RoleId) ?? l.Link.RoleId)
                .Order(StringComparer.Ordinal)
                .ToList();
            return names.Count == 0 ? null : string.Join(", ", names);
        }
    }
}

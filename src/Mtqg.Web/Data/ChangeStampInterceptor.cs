using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Mtqg.Data;
using Mtqg.Data.Money;
using Mtqg.Data.Poverty;
using Mtqg.Data.Scorecards;
using Mtqg.Data.Units;

namespace Mtqg.Web.Data;

/// <summary>
/// Every tracked save that changes what a commune is evaluated from (a value, its group, its poverty result) or the units
/// themselves moves their <see cref="EvaluationStamp"/> in the same transaction (decision 0030), and every save of a
/// project, an allocation or a month of disbursement moves its province's <see cref="Mtqg.Data.Money.MoneyStamp"/>
/// (decision 0032): a save without a transaction of its own gets one here, committed when the save ends, so a number never
/// moves without the change nor the change commit without the number.
/// </summary>
public sealed class ChangeStampInterceptor : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> opened = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db && Touched(db) is { } touched)
        {
            if (db.Database.CurrentTransaction is null)
                opened.AddOrUpdate(db, db.Database.BeginTransaction());
            if (touched.Units.Count > 0 || touched.List)
                EvaluationStamps.Touch(db, touched.Units, touched.List);
            if (touched.Provinces.Count > 0 || touched.Projects.Count > 0)
                MoneyStamps.Touch(db, touched.Provinces, touched.Projects);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        if (eventData.Context is AppDbContext db && Touched(db) is { } touched)
        {
            if (db.Database.CurrentTransaction is null)
                opened.AddOrUpdate(db, await db.Database.BeginTransactionAsync(cancellationToken));
            if (touched.Units.Count > 0 || touched.List)
                await EvaluationStamps.TouchAsync(db, touched.Units, touched.List, cancellationToken);
            if (touched.Provinces.Count > 0 || touched.Projects.Count > 0)
                await MoneyStamps.TouchAsync(db, touched.Provinces, touched.Projects, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } transaction)
            using (transaction)
                transaction.Commit();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        if (Take(eventData.Context) is { } transaction)
            await using (transaction)
                await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context)?.Dispose();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } transaction)
            await transaction.DisposeAsync();
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Take(eventData.Context)?.Dispose();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } transaction)
            await transaction.DisposeAsync();
    }

    private IDbContextTransaction? Take(DbContext? db)
    {
        if (db is null || !opened.TryGetValue(db, out var transaction))
            return null;
        opened.Remove(db);
        // Contexts are pooled: only the transaction this save opened, still the context's own, is ended here (one left by an
        // earlier lease was ended when its context went back to the pool).
        return ReferenceEquals(db.Database.CurrentTransaction, transaction) ? transaction : null;
    }

    /// <summary>
    /// What this save changes: the communes whose evaluation inputs change and whether the units list does (evaluation
    /// stamps); the provinces whose money changes, named or through projects not loaded (money stamps). Null when nothing.
    /// </summary>
    private static Touches? Touched(AppDbContext db)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled)
            db.ChangeTracker.DetectChanges();
        Touches? touches = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            switch (entry.Entity)
            {
                case IndicatorValue or CommuneGroupAssignment or PovertyResult:
                    touches ??= new();
                    Both(entry, nameof(IndicatorValue.UnitId), touches.Units);
                    break;
                case AdministrativeUnit:
                    touches ??= new();
                    touches.List = true;
                    break;
                // A project counts in its province's totals by its province alone: a new or removed project, or one moved,
                // moves the number; a renamed one (the page's usual edit) does not.
                case Project when entry.State != EntityState.Modified || entry.Property(nameof(Project.ProvinceCode)).IsModified:
                    touches ??= new();
                    Both(entry, nameof(Project.ProvinceCode), touches.Provinces);
                    break;
                case ProjectAllocation or ProjectDisbursement:
                    touches ??= new();
                    // The project's province: from the project when this context tracks it (a project added in the same
                    // save has no id in the database yet), otherwise looked up by id in the stamp's statement.
                    if (entry.Reference(nameof(ProjectAllocation.Project)).TargetEntry is { Entity: Project project })
                        touches.Provinces.Add(project.ProvinceCode);
                    else
                        Both(entry, nameof(ProjectAllocation.ProjectId), touches.Projects);
                    break;
            }
        }
        return touches;
    }

    /// <summary>A property's value, and its value before the save when the save changes it.</summary>
    private static void Both<T>(EntityEntry entry, string property, List<T> into)
    {
        var value = entry.Property(property);
        into.Add((T)value.CurrentValue!);
        if (entry.State == EntityState.Modified && value.IsModified)
            into.Add((T)value.OriginalValue!);
    }

    private sealed class Touches
    {
        public List<int> Units { get; } = [];
        public bool List { get; set; }
        public List<string> Provinces { get; } = [];
        public List<int> Projects { get; } = [];
    }
}

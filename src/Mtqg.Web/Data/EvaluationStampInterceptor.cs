using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Mtqg.Data;
using Mtqg.Data.Poverty;
using Mtqg.Data.Scorecards;
using Mtqg.Data.Units;

namespace Mtqg.Web.Data;

/// <summary>
/// Every tracked save that changes what a commune is evaluated from (a value, its group, its poverty result) or the units
/// themselves moves their <see cref="EvaluationStamp"/> in the same transaction (decision 0030): a save without a
/// transaction of its own gets one here, committed when the save ends, so the number never moves without the change nor
/// the change commit without the number.
/// </summary>
public sealed class EvaluationStampInterceptor : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> opened = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db && Touched(db) is { } touched)
        {
            if (db.Database.CurrentTransaction is null)
                opened.AddOrUpdate(db, db.Database.BeginTransaction());
            EvaluationStamps.Touch(db, touched.Units, touched.List);
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
            await EvaluationStamps.TouchAsync(db, touched.Units, touched.List, cancellationToken);
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

    /// <summary>The communes whose inputs this save changes, and whether the units list changes; null when neither.</summary>
    private static (List<int> Units, bool List)? Touched(AppDbContext db)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled)
            db.ChangeTracker.DetectChanges();
        var units = new List<int>();
        var list = false;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            switch (entry.Entity)
            {
                case IndicatorValue or CommuneGroupAssignment or PovertyResult:
                    var unit = entry.Property(nameof(IndicatorValue.UnitId));
                    units.Add((int)unit.CurrentValue!);
                    if (entry.State == EntityState.Modified && unit.IsModified)
                        units.Add((int)unit.OriginalValue!);
                    break;
                case AdministrativeUnit:
                    list = true;
                    break;
            }
        }
        return units.Count > 0 || list ? (units, list) : null;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Mtqg.Data;

namespace Mtqg.Web.Data;

/// <summary>
/// The last line of decision 0013 and of the text rule (<see cref="Mtqg.Domain.Common.InputText"/>): a save holding a text
/// longer than its column, a NUL or another refused character, or a required text with nothing visible, is refused before anything is written,
/// on SQLite as on PostgreSQL, with the Vietnamese problems (<see cref="StoredTextRefusedException"/>, answered 400).
/// Services check their own fields first; this catches the path that did not.
/// </summary>
public sealed class StoredTextInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? db)
    {
        if (db is null)
            return;
        if (db.ChangeTracker.AutoDetectChangesEnabled)
            db.ChangeTracker.DetectChanges(); // SaveChanges detects them only after the interceptors
        if (StoredText.Refusals(db.ChangeTracker) is { Count: > 0 } problems)
            throw new StoredTextRefusedException(problems);
    }
}

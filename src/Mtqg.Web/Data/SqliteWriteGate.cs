using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mtqg.Web.Data;

/// <summary>
/// SQLite has one writer at a time, and a transaction here takes the write lock as it begins (<c>BEGIN IMMEDIATE</c>). When
/// it is taken, Microsoft.Data.Sqlite retries by sleeping the thread 150 ms at a time: under a write load (data-entry season,
/// the mixed load of issue 19) the waiting writers block thread-pool threads, every request of the app waits for threads,
/// and the lock often lies free while its next writer sleeps. So the transactions of one app on one database file queue
/// here first, asynchronously and in order, and reach SQLite one by one. The place is released when the transaction
/// commits, rolls back or fails, or at the latest when its connection closes. A writer that cannot get in within the busy
/// timeout (<c>Database:SqliteBusyTimeoutSeconds</c>) gets SQLite's own "database is locked", answered 503 with Retry-After
/// as before. Other processes on the same file still meet SQLite's lock and its retries.
/// </summary>
public sealed class SqliteWriteGate(TimeSpan timeout) : DbTransactionInterceptor, IDbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Files = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbConnection, SemaphoreSlim> held = new();

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection,
        TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default
    )
    {
        if (GateOf(connection) is { } gate)
        {
            if (!await gate.WaitAsync(timeout, cancellationToken))
                throw Locked();
            Hold(connection, gate);
        }
        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection,
        TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result
    )
    {
        if (GateOf(connection) is { } gate)
        {
            if (!gate.Wait(timeout))
                throw Locked();
            Hold(connection, gate);
        }
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Release(ConnectionOf(transaction, eventData));

    public override Task TransactionCommittedAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Release(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Release(ConnectionOf(transaction, eventData));

    public override Task TransactionRolledBackAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Release(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        Release(ConnectionOf(transaction, eventData));

    public override Task TransactionFailedAsync(
        DbTransaction transaction,
        TransactionErrorEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Release(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback rolls back inside the driver, unseen here: its connection's closing
    // (when EF closes what it opened, or the context ends) gives the place back.
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    Task IDbConnectionInterceptor.ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    private static DbConnection? ConnectionOf(DbTransaction transaction, DbContextEventData eventData) =>
        eventData.Context?.Database.GetDbConnection() ?? transaction.Connection;

    private static SemaphoreSlim? GateOf(DbConnection connection) =>
        connection is SqliteConnection { DataSource: { Length: > 0 } file } && file != ":memory:"
            ? Files.GetOrAdd(Path.GetFullPath(file), _ => new SemaphoreSlim(1, 1))
            : null;

    private void Hold(DbConnection connection, SemaphoreSlim gate)
    {
        lock (held)
            held.AddOrUpdate(connection, gate);
    }

    private void Release(DbConnection? connection)
    {
        if (connection is null)
            return;
        SemaphoreSlim? gate;
        lock (held)
        {
            if (!held.TryGetValue(connection, out gate))
                return;
            held.Remove(connection);
        }
        gate.Release();
    }

    private static SqliteException Locked() => new("SQLite Error 5: 'database is locked'.", 5);
}

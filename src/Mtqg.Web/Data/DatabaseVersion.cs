using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mtqg.Web.Data;

/// <summary>
/// The database's version: a text that changes with every commit by any connection, process or node,
/// so that what was computed from the database can be reused exactly while nothing has been committed
/// since (the province summaries, an account's status). PostgreSQL: the current snapshot (the same
/// snapshot means the same committed transactions). SQLite: <c>PRAGMA data_version</c> on a connection
/// of its own that never writes. Null for an in-memory SQLite database: nothing is reused then.
/// <para>
/// A version is always read <b>after</b> the call began, so it covers every commit made before the
/// request that asks. Concurrent callers share reads: a caller joins the next read to start, never one
/// already running (decision 0008). Under 32 concurrent requests that is a handful of reads instead of one
/// per request, and one read per request at worst.
/// </para>
/// </summary>
public sealed class DatabaseVersion : IAsyncDisposable
{
    private readonly NpgsqlDataSource? postgres;
    private readonly SqliteConnection? sqlite;
    private readonly Lock gate = new();
    private bool reading;
    private TaskCompletionSource<string?>? next;

    public DatabaseVersion(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // A small pool of its own, so a version read never waits behind the requests' queries.
            postgres = new NpgsqlDataSourceBuilder(
                new NpgsqlConnectionStringBuilder(connectionString)
                {
                    MaxPoolSize = 2,
                    MinPoolSize = 0,
                    ApplicationName = "mtqg-version",
                }.ToString()
            ).Build();
            return;
        }
        var file = new SqliteConnectionStringBuilder(connectionString);
        if (file.Mode == SqliteOpenMode.Memory || file.DataSource is "" or ":memory:")
            return;
        sqlite = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
    }

    /// <summary>Whether versions can be read at all (false for an in-memory SQLite database).</summary>
    public bool Available => postgres is not null || sqlite is not null;

    /// <summary>The version as of now (read after this call), or null where none can be read.</summary>
    public Task<string?> CurrentAsync(CancellationToken ct)
    {
        if (!Available)
            return Task.FromResult<string?>(null);
        TaskCompletionSource<string?> mine;
        lock (gate)
        {
            if (reading)
                return (next ??= new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(ct);
            reading = true;
            mine = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _ = ReadLoopAsync(mine);
        return mine.Task.WaitAsync(ct);
    }

    /// <summary>Reads for the waiting callers, then for those who came while it read, until nobody waits.</summary>
    private async Task ReadLoopAsync(TaskCompletionSource<string?> callers)
    {
        while (true)
        {
            try
            {
                callers.SetResult(await ReadAsync());
            }
            catch (Exception e)
            {
                callers.SetException(e);
            }
            lock (gate)
            {
                if (next is null)
                {
                    reading = false;
                    return;
                }
                callers = next;
                next = null;
            }
        }
    }

    private async Task<string?> ReadAsync()
    {
        if (postgres is not null)
        {
            await using var command = postgres.CreateCommand("SELECT pg_current_snapshot()::text");
            return (string?)await command.ExecuteScalarAsync();
        }
        if (sqlite!.State != System.Data.ConnectionState.Open)
            sqlite.Open();
        using var pragma = sqlite.CreateCommand();
        pragma.CommandText = "PRAGMA data_version";
        return Convert.ToString(pragma.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
            await postgres.DisposeAsync();
        if (sqlite is not null)
            await sqlite.DisposeAsync();
    }
}

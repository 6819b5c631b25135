using System.Data.Common;
using Microsoft.Data.Sqlite;
using Mtqg.Web.Data;
using Npgsql;

namespace Mtqg.Bench;

/// <summary>
/// A fresh database for one run: a SQLite file in a temporary folder, or a new database on the
/// PostgreSQL server named by <c>--postgres</c>. Removed at the end unless <c>--keep</c>.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? serverConnectionString,
        folder;
    private readonly bool keep;

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string Description { get; }

    private BenchDatabase(DatabaseProvider provider, string connectionString, string description, string? server, string? folder, bool keep)
    {
        (Provider, ConnectionString, Description, serverConnectionString, this.folder, this.keep) = (
            provider,
            connectionString,
            description,
            server,
            folder,
            keep
        );
    }

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public static async Task<BenchDatabase> CreateAsync(string? postgres, bool keep)
    {
        var name = $"mtqg_bench_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
        if (postgres is null)
        {
            var folder = Path.Combine(Path.GetTempPath(), name);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "mtqg.db");
            return new BenchDatabase(
                DatabaseProvider.Sqlite,
                $"Data Source={file}",
                $"SQLite {SqliteVersion()} ({file})",
                null,
                folder,
                keep
            );
        }
        await using (var server = new NpgsqlConnection(postgres))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", server);
            await create.ExecuteNonQueryAsync();
            await using var version = new NpgsqlCommand("SHOW server_version", server);
            var builder = new NpgsqlConnectionStringBuilder(postgres) { Database = name, Pooling = true };
            return new BenchDatabase(
                DatabaseProvider.Postgres,
                builder.ToString(),
                $"PostgreSQL {await version.ExecuteScalarAsync()} (database {name} on {builder.Host}:{builder.Port})",
                postgres,
                null,
                keep
            );
        }
    }

    /// <summary>Closes this process's idle pooled connections (after the in-process app is gone).</summary>
    public void ClearPools()
    {
        if (IsPostgres)
            NpgsqlConnection.ClearAllPools();
        else
            SqliteConnection.ClearAllPools();
    }

    public DbConnection Connection() => IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    public async Task<DbConnection> OpenAsync()
    {
        var connection = Connection();
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// The size of the whole database on disk and how much of it is free: pg_database_size (free: not known, 0); on SQLite the
    /// file after a checkpoint that empties the WAL into it, and its free pages (left by deletes, reused by later writes).
    /// </summary>
    public async Task<(long Bytes, long FreeBytes)> SizeBytesAsync()
    {
        await using var connection = await OpenAsync();
        async Task<long> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        if (IsPostgres)
            return (await ScalarAsync("SELECT pg_database_size(current_database())"), 0);
        await ScalarAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        var pageSize = await ScalarAsync("PRAGMA page_size");
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var bytes = new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        return (bytes, await ScalarAsync("PRAGMA freelist_count") * pageSize);
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }

    public async ValueTask DisposeAsync()
    {
        if (keep)
            return;
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(serverConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand(
                $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)",
                server
            );
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            if (folder is not null && Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}

using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mtqg.Web.Tests.Infrastructure;

/// <summary>
/// The database a test runs on: SQLite by default, PostgreSQL when MTQG_TEST_DATABASE=Postgres
/// (with MTQG_TEST_POSTGRES as the server's connection string). A template is built once per run by
/// the real migrations and seeders; every test gets its own copy of it (a file copy, or
/// CREATE DATABASE … TEMPLATE), so tests share nothing. There are two templates: the plain one (units,
/// national criteria sets, one administrator whose password is generated for the run) and the demo one.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("MTQG_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase);
    public static string Provider => IsPostgres ? "Postgres" : "Sqlite";

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), $"mtqg-tests-{Environment.ProcessId}");
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<bool, bool> TemplatesReady = new();

    /// <summary>The first administrator of the plain template, made the way a real installation makes it (Mtqg:Admin:*).</summary>
    public const string AdminUserName = "quantri.thu";

    /// <summary>Generated once per run: outside demo mode no password is written in the repository.</summary>
    public static string AdminPassword { get; } = $"Qt-{Guid.NewGuid():N}";

    private static string TemplateName(bool demo) => $"mtqg_tpl{(demo ? "_demo" : "")}_{Environment.ProcessId}";

    private static string TemplateFile(bool demo) => Path.Combine(Folder, demo ? "template-demo.db" : "template.db");

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("MTQG_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "MTQG_TEST_DATABASE=Postgres cần MTQG_TEST_POSTGRES (chuỗi kết nối tới máy chủ PostgreSQL thử nghiệm; scripts/pg start in ra chuỗi này)."
            );

    /// <summary>A fresh database for one test, copied from the plain template (or the demo one); returns its connection string.</summary>
    public static async Task<string> CreateAsync(bool demo = false)
    {
        await EnsureTemplateAsync(demo);
        var name = $"t{Guid.NewGuid():N}"[..20];
        if (!IsPostgres)
        {
            var file = Path.Combine(Folder, name + ".db");
            File.Copy(TemplateFile(demo), file);
            return $"Data Source={file}";
        }
        await using (var conn = new NpgsqlConnection(ServerConnectionString))
        {
            await conn.OpenAsync();
            // FILE_COPY copies the template's files after a checkpoint: twice as fast here as the default WAL_LOG (PostgreSQL 15+),
            // which writes the whole copy through the write-ahead log (0.4 s against 0.8 s a copy, measured on the demo template).
            await using var cmd = new NpgsqlCommand(
                $"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName(demo)}\" STRATEGY FILE_COPY",
                conn
            );
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString)
        {
            Database = name,
            Pooling = true,
            MaxPoolSize = 20,
        }.ToString();
    }

    /// <summary>A database with nothing in it, for tests of the first start.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var name = $"e{Guid.NewGuid():N}"[..20];
        if (!IsPostgres)
        {
            Directory.CreateDirectory(Folder);
            return $"Data Source={Path.Combine(Folder, name + ".db")}";
        }
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ToString();
    }

    public static async Task DropAsync(string connectionString)
    {
        if (!IsPostgres)
        {
            SqliteConnection.ClearAllPools();
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                if (File.Exists(f))
                    File.Delete(f);
            return;
        }
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task EnsureTemplateAsync(bool demo)
    {
        if (TemplatesReady.ContainsKey(demo))
            return;
        await Gate.WaitAsync();
        try
        {
            if (TemplatesReady.ContainsKey(demo))
                return;
            Directory.CreateDirectory(Folder);
            string connectionString;
            if (IsPostgres)
            {
                await using (var conn = new NpgsqlConnection(ServerConnectionString))
                {
                    await conn.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{TemplateName(demo)}\" WITH (FORCE)", conn);
                    await drop.ExecuteNonQueryAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{TemplateName(demo)}\"", conn);
                    await create.ExecuteNonQueryAsync();
                }
                connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = TemplateName(demo) }.ToString();
            }
            else
            {
                connectionString = $"Data Source={TemplateFile(demo)}";
            }

            // The real start-up path: migrations, then units, criteria sets and the first administrator (or the demo data).
            var settings = demo
                ? null
                : new Dictionary<string, string> { ["Mtqg:Admin:UserName"] = AdminUserName, ["Mtqg:Admin:Password"] = AdminPassword };
            await using (var app = new MtqgApp(connectionString, migrate: true, settings, ownsDatabase: false, demo: demo))
            {
                app.Server.ToString(); // starts the host
            }
            if (IsPostgres)
                NpgsqlConnection.ClearAllPools();
            else
            {
                SqliteConnection.ClearAllPools();
                await using var conn = new SqliteConnection(connectionString);
                await conn.OpenAsync();
                await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;", conn);
                await checkpoint.ExecuteNonQueryAsync();
            }
            TemplatesReady[demo] = true;
        }
        finally
        {
            Gate.Release();
        }
    }
}

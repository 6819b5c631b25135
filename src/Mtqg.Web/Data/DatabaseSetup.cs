using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Web.Features.Audit;

namespace Mtqg.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=App_Data/mtqg.db";

    public static DatabaseProvider Provider(IConfiguration configuration) =>
        configuration["Database:Provider"] switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var p when p.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            var p
                when p.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
                    || p.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
            var p => throw new InvalidOperationException($"Database:Provider \"{p}\" không hợp lệ: dùng Sqlite hoặc Postgres."),
        };

    public static IServiceCollection AddMtqgDatabase(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment
    )
    {
        var provider = Provider(configuration);
        var connectionString = configuration.GetConnectionString("Mtqg");
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = SqliteConnectionString(
                connectionString ?? DefaultSqlite,
                environment.ContentRootPath,
                configuration.GetValue("Database:SqliteBusyTimeoutSeconds", 5)
            );
        }
        else if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:Provider=Postgres cần chuỗi kết nối ConnectionStrings:Mtqg.");
        }

        // Pooled contexts (their options built once for the process): a new context per request resolved EF's own
        // services anew each time, a sixth of the web process's CPU under the mixed load (issue 19; profile in
        // docs/performance.md). A context goes back to the pool reset: no tracked entity, transaction or setting survives.
        services.AddDbContextPool<AppDbContext>(options => Configure(options, provider, connectionString));
        services.AddSingleton(new DatabaseVersion(provider, connectionString));
        // Every context refuses text longer than its column (decision 0013), then records its tracked changes in the
        // audit trail (decision 0005): the check runs first, so a refused save has added no audit row.
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditActor>();
        services.AddSingleton<StoredTextInterceptor>();
        services.AddSingleton<AuditInterceptor>();
        // Last: a save that changes what communes are evaluated from moves their stamps in its transaction (decision 0030).
        services.AddSingleton<ChangeStampInterceptor>();
        // SQLite: the app's write transactions queue for the one write lock asynchronously (not in SQLite's sleeping retries).
        services.AddSingleton(
            new SqliteWriteGate(TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Database:SqliteBusyTimeoutSeconds", 5))))
        );
        services.ConfigureDbContext<AppDbContext>(
            (sp, options) =>
                options.AddInterceptors(
                    sp.GetRequiredService<StoredTextInterceptor>(),
                    sp.GetRequiredService<AuditInterceptor>(),
                    sp.GetRequiredService<ChangeStampInterceptor>(),
                    sp.GetRequiredService<SqliteWriteGate>()
                ),
            ServiceLifetime.Singleton
        );
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
            options.UseSqlite(connectionString, sql => sql.MigrationsAssembly("Mtqg.Migrations.Sqlite"));
        else
            options.UseNpgsql(connectionString, sql => sql.MigrationsAssembly("Mtqg.Migrations.Postgres"));
    }

    /// <summary>
    /// A relative SQLite file is placed under the content root, and its folder created. A write waits at most
    /// <paramref name="busySeconds"/> (<c>Database:SqliteBusyTimeoutSeconds</c>, 5 by default, unless the connection string
    /// says otherwise) for another write to finish, then answers 503 with Retry-After — not a 30 s wait and a 500.
    /// </summary>
    private static string SqliteConnectionString(string connectionString, string contentRoot, int busySeconds)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (
            builder.DataSource is { Length: > 0 } path
            && path != ":memory:"
            && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal)
        )
        {
            var full = Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            builder.DataSource = full;
        }
        builder.Pooling = true;
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            builder.DefaultTimeout = Math.Max(1, busySeconds);
        return builder.ToString();
    }
}

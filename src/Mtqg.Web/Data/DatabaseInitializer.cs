using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.CriteriaSets;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Data;

/// <summary>
/// Brings the database to a usable state at start-up: the embedded SQLite default migrates itself;
/// PostgreSQL gets its schema from the explicit <c>migrate</c> command (or Database:MigrateOnStart=true on a
/// single node) and refuses to start with pending migrations. Reference data (units, national criteria sets) and accounts are then seeded if missing.
/// </summary>
public sealed class DatabaseInitializer(
    AppDbContext db, IConfiguration configuration, UnitSeeder units, CriteriaSetSeeder criteriaSets,
    AccountSeeder accounts, DemoDataSeeder demoData, Features.Plans.PlanDemoSeeder planDemo, Features.Recognition.RecognitionDemoSeeder recognitionDemo, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(bool migrate, CancellationToken ct = default)
    {
        var provider = DatabaseSetup.Provider(configuration);
        await RefuseSquashedHistoryAsync(provider, ct);
        if (migrate || configuration.GetValue("Database:MigrateOnStart", provider == DatabaseProvider.Sqlite))
        {
            logger.LogInformation("Áp dụng migration cho {Provider}…", provider);
            await db.Database.MigrateAsync(ct);
        }
        else
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
                throw new InvalidOperationException(
                    $"Cơ sở dữ liệu PostgreSQL chưa có lược đồ mới nhất ({pending.Count} migration chưa áp dụng: {string.Join(", ", pending)}). " +
                    "Chạy: dotnet run --project src/Mtqg.Web -- migrate");
        }

        await units.SeedAsync(ct);
        await criteriaSets.SeedAsync(ct);
        await accounts.SeedAsync(ct);
        if (configuration.GetValue<bool>("Mtqg:Demo"))
        {
            await demoData.SeedAsync(ct);
            await planDemo.SeedAsync(ct);
            if (configuration.GetValue("Mtqg:DemoRecognitions", true)) await recognitionDemo.SeedAsync(ct);
        }
    }

    /// <summary>
    /// Decision 0015: the migrations were squashed into one Initial before the first release. A database made by the
    /// old history records migration ids none of which exists any more; migrating it would try to create every table
    /// again, so the app refuses with what to do instead.
    /// </summary>
    private async Task RefuseSquashedHistoryAsync(DatabaseProvider provider, CancellationToken ct)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        if (applied.Count == 0 || applied.Intersect(db.Database.GetMigrations()).Any()) return;
        var what = provider == DatabaseProvider.Sqlite
            ? $"Xoá tệp {db.Database.GetDbConnection().DataSource} rồi khởi động lại: ứng dụng tạo lại cơ sở dữ liệu."
            : "Xoá và tạo lại cơ sở dữ liệu, rồi chạy: dotnet run --project src/Mtqg.Web -- migrate";
        throw new InvalidOperationException(
            $"Cơ sở dữ liệu được tạo bởi các migration cũ ({applied[0]} …), đã gộp thành một migration Initial trước khi phát hành " +
            $"(docs/decisions/0015-one-initial-migration.md), nên không thể nâng cấp. {what}");
    }
}

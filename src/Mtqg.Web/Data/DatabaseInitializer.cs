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
}

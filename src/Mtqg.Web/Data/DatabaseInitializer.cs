using System.Diagnostics;
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
        logger.LogInformation("Khởi tạo cơ sở dữ liệu {Provider} ({Database})…", provider, db.Database.GetDbConnection().DataSource);
        if (migrate || configuration.GetValue("Database:MigrateOnStart", provider == DatabaseProvider.Sqlite))
        {
            await StepAsync("Áp dụng migration", async () =>
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
                await db.Database.MigrateAsync(ct);
                return pending == 0 ? "lược đồ đã mới nhất" : $"{pending} migration đã áp dụng";
            });
        }
        else
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
                throw new InvalidOperationException(
                    $"Cơ sở dữ liệu PostgreSQL chưa có lược đồ mới nhất ({pending.Count} migration chưa áp dụng: {string.Join(", ", pending)}). " +
                    "Chạy: dotnet run --project src/Mtqg.Web -- migrate");
        }

        if (!await db.Units.AnyAsync(ct))
            logger.LogInformation("Cơ sở dữ liệu chưa có dữ liệu: nạp đơn vị hành chính, bộ tiêu chí{Demo} lần đầu (khoảng nửa phút)…",
                configuration.GetValue<bool>("Mtqg:Demo") ? " và dữ liệu minh họa" : "");
        await StepAsync("Đơn vị hành chính và quan hệ kế thừa", async () =>
        {
            await units.SeedAsync(ct);
            return $"{await db.Units.CountAsync(ct):N0} đơn vị, {await db.UnitSuccessions.CountAsync(ct):N0} quan hệ kế thừa cũ → mới";
        });
        await StepAsync("Bộ tiêu chí", async () =>
        {
            await criteriaSets.SeedAsync(ct);
            return string.Join(", ", await db.CriteriaSets.AsNoTracking().OrderBy(s => s.Code).Select(s => s.Code).ToListAsync(ct));
        });
        await StepAsync("Tài khoản", async () =>
        {
            await accounts.SeedAsync(ct);
            return $"{await db.Users.CountAsync(ct):N0} tài khoản";
        });
        if (configuration.GetValue<bool>("Mtqg:Demo"))
        {
            await StepAsync("Dữ liệu minh họa: giá trị chỉ tiêu", async () =>
            {
                await demoData.SeedAsync(ct);
                return $"{await db.IndicatorValues.CountAsync(ct):N0} giá trị";
            });
            await StepAsync("Dữ liệu minh họa: kế hoạch, phân công, buổi làm việc", async () =>
            {
                await planDemo.SeedAsync(ct);
                return $"{await db.Plans.CountAsync(ct):N0} kế hoạch, {await db.Assignments.CountAsync(ct):N0} phân công, {await db.Visits.CountAsync(ct):N0} buổi làm việc";
            });
            if (configuration.GetValue("Mtqg:DemoRecognitions", true))
                await StepAsync("Dữ liệu minh họa: hồ sơ và quyết định công nhận", async () =>
                {
                    await recognitionDemo.SeedAsync(ct);
                    return $"{await db.Dossiers.CountAsync(ct):N0} hồ sơ, {await db.Decisions.CountAsync(ct):N0} quyết định";
                });
        }
    }

    /// <summary>One start-up step, logged with what it holds afterwards and how long it took, so a first start is never silent.</summary>
    private async Task StepAsync(string step, Func<Task<string>> run)
    {
        var watch = Stopwatch.StartNew();
        var result = await run();
        logger.LogInformation("{Step}: {Result} ({Seconds:0.0} giây).", step, result, watch.Elapsed.TotalSeconds);
    }
}

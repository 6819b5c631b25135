using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
    AppDbContext db,
    IConfiguration configuration,
    IOptions<DemoOptions> demoOptions,
    UnitSeeder units,
    Features.Departments.DepartmentSeeder departments,
    Features.Money.ProgrammeSeeder programmes,
    CriteriaSetSeeder criteriaSets,
    AccountSeeder accounts,
    DemoDataSeeder demoData,
    Features.Plans.PlanDemoSeeder planDemo,
    Features.Money.Projects.ProjectDemoSeeder projectDemo,
    Features.Poverty.PovertyDemoSeeder povertyDemo,
    Features.Recognition.RecognitionDemoSeeder recognitionDemo,
    ILogger<DatabaseInitializer> logger
)
{
    public async Task InitializeAsync(bool migrate, CancellationToken ct = default)
    {
        var provider = DatabaseSetup.Provider(configuration);
        logger.LogInformation("Khởi tạo cơ sở dữ liệu {Provider} ({Database})…", provider, db.Database.GetDbConnection().DataSource);
        await RefuseSquashedHistoryAsync(provider, ct);
        if (migrate || configuration.GetValue("Database:MigrateOnStart", provider == DatabaseProvider.Sqlite))
        {
            var watch = Stopwatch.StartNew();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            await db.Database.MigrateAsync(ct);
            logger.LogInformation(
                "Áp dụng migration: {Result} ({Seconds:0.0} giây).",
                pending == 0 ? "lược đồ đã mới nhất" : $"{pending} migration đã áp dụng",
                watch.Elapsed.TotalSeconds
            );
        }
        else
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
                throw new InvalidOperationException(
                    $"Cơ sở dữ liệu PostgreSQL chưa có lược đồ mới nhất ({pending.Count} migration chưa áp dụng: {string.Join(", ", pending)}). "
                        + "Chạy: dotnet run --project src/Mtqg.Web -- migrate"
                );
        }

        // A first start loads everything and reports each step with what it loaded; a later start only checks, and says so in one line
        // (counting 300,000 demo values on every start, tests included, would cost more than it tells).
        var checking = Stopwatch.StartNew();
        var fresh = !await db.Units.AnyAsync(ct);
        var demo = demoOptions.Value.Demo;
        if (fresh)
            logger.LogInformation(
                "Cơ sở dữ liệu chưa có dữ liệu: nạp đơn vị hành chính, bộ tiêu chí{Demo} lần đầu (khoảng nửa phút)…",
                demo ? " và dữ liệu minh họa" : ""
            );

        await StepAsync(
            fresh,
            "Đơn vị hành chính và quan hệ kế thừa",
            () => units.SeedAsync(ct),
            async () => $"{await db.Units.CountAsync(ct):N0} đơn vị, {await db.UnitSuccessions.CountAsync(ct):N0} quan hệ kế thừa cũ → mới"
        );
        await StepAsync(
            fresh,
            "Sở, ngành của các tỉnh",
            () => departments.SeedAsync(ct),
            async () => $"{await db.Departments.CountAsync(ct):N0} sở, ngành (kể cả các sở trước 01/03/2025)"
        );
        await StepAsync(
            fresh,
            "Chương trình mục tiêu quốc gia và chuyên đề",
            () => programmes.SeedAsync(ct),
            async () =>
                $"{await db.Programmes.CountAsync(ct):N0} chương trình, {await db.ProgrammeComponents.CountAsync(ct):N0} nội dung thành phần"
        );
        await StepAsync(
            fresh,
            "Bộ tiêu chí",
            () => criteriaSets.SeedAsync(ct),
            async () => string.Join(", ", await db.CriteriaSets.AsNoTracking().OrderBy(s => s.Code).Select(s => s.Code).ToListAsync(ct))
        );
        await StepAsync(fresh, "Tài khoản", () => accounts.SeedAsync(ct), async () => $"{await db.Users.CountAsync(ct):N0} tài khoản");
        if (demo)
        {
            await StepAsync(
                fresh,
                "Dữ liệu minh họa: giá trị chỉ tiêu",
                () => demoData.SeedAsync(ct),
                async () => $"{await db.IndicatorValues.CountAsync(ct):N0} giá trị"
            );
            await StepAsync(
                fresh,
                "Dữ liệu minh họa: kế hoạch, phân công, buổi làm việc",
                () => planDemo.SeedAsync(ct),
                async () =>
                    $"{await db.Plans.CountAsync(ct):N0} kế hoạch, {await db.Assignments.CountAsync(ct):N0} phân công, {await db.Visits.CountAsync(ct):N0} buổi làm việc"
            );
            await StepAsync(
                fresh,
                "Dữ liệu minh họa: dự án, vốn giao, giải ngân",
                () => projectDemo.SeedAsync(ct),
                async () => $"{await db.Projects.CountAsync(ct):N0} dự án"
            );
            await StepAsync(
                fresh,
                "Dữ liệu minh họa: kết quả rà soát hộ nghèo (số liệu minh họa, không chính thức)",
                () => povertyDemo.SeedAsync(ct),
                async () => $"{await db.PovertyResults.CountAsync(ct):N0} kết quả rà soát"
            );
            if (demoOptions.Value.DemoRecognitions)
                await StepAsync(
                    fresh,
                    "Dữ liệu minh họa: hồ sơ và quyết định công nhận",
                    () => recognitionDemo.SeedAsync(ct),
                    async () => $"{await db.Dossiers.CountAsync(ct):N0} hồ sơ, {await db.Decisions.CountAsync(ct):N0} quyết định"
                );
        }
        if (!fresh)
            logger.LogInformation(
                "Dữ liệu gốc{Demo} đã có sẵn (kiểm tra trong {Seconds:0.0} giây).",
                demo ? " và dữ liệu minh họa" : "",
                checking.Elapsed.TotalSeconds
            );
    }

    /// <summary>One start-up step; on a first start, logged with what the database holds afterwards and how long it took, so it is never silent.</summary>
    private async Task StepAsync(bool report, string step, Func<Task> run, Func<Task<string>> holds)
    {
        var watch = Stopwatch.StartNew();
        await run();
        if (report)
            logger.LogInformation("{Step}: {Result} ({Seconds:0.0} giây).", step, await holds(), watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Decision 0015: the migrations were squashed into one Initial before the first release. A database made by the
    /// old history records migration ids none of which exists any more; migrating it would try to create every table
    /// again, so the app refuses with what to do instead.
    /// </summary>
    private async Task RefuseSquashedHistoryAsync(DatabaseProvider provider, CancellationToken ct)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        if (applied.Count == 0 || applied.Intersect(db.Database.GetMigrations()).Any())
            return;
        var what =
            provider == DatabaseProvider.Sqlite
                ? $"Xoá tệp {db.Database.GetDbConnection().DataSource} rồi khởi động lại: ứng dụng tạo lại cơ sở dữ liệu."
                : "Xoá và tạo lại cơ sở dữ liệu, rồi chạy: dotnet run --project src/Mtqg.Web -- migrate";
        throw new InvalidOperationException(
            $"Cơ sở dữ liệu được tạo bởi các migration cũ ({applied[0]} …), đã gộp thành một migration Initial trước khi phát hành "
                + $"(docs/decisions/0015-one-initial-migration.md), nên không thể nâng cấp. {what}"
        );
    }
}

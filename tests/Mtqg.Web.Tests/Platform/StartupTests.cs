using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Web.Data;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Platform;

/// <summary>What the app refuses at start: a setting out of range, a database made by the migrations before they were squashed.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Mtqg:Files:MaxMegabytes", "0")]
    [InlineData("Mtqg:Files:MaxMegabytes", "-5")]
    [InlineData("Mtqg:Evidence:MaxMegabytes", "0")]
    [InlineData("Mtqg:Uploads:MaxColumns", "0")]
    [InlineData("Mtqg:Uploads:ParseSeconds", "0")]
    [InlineData("Mtqg:SignInRateLimit:PermitPerMinute", "0")]
    public async Task A_setting_out_of_range_stops_the_app_at_start_with_a_message_naming_it(string key, string value)
    {
        await using var app = new MtqgApp(await TestDatabase.CreateAsync(), settings: new Dictionary<string, string> { [key] = value });
        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains(key, Messages(refused));
        Assert.Contains("phải", Messages(refused));
    }

    [Fact]
    public async Task A_database_made_by_the_migrations_before_the_squash_is_refused_with_what_to_do()
    {
        var connectionString = await TestDatabase.CreateEmptyAsync();
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, TestDatabase.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, connectionString);
        await using (var db = new AppDbContext(options.Options))
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                CREATE TABLE "__EFMigrationsHistory" ("MigrationId" varchar(150) NOT NULL PRIMARY KEY, "ProductVersion" varchar(32) NOT NULL);
                INSERT INTO "__EFMigrationsHistory" VALUES ('20261126040855_Initial', '10.0.15'), ('20261126100735_SetRequiredSatisfaction', '10.0.15');
                """
            );
        }

        await using var app = new MtqgApp(connectionString, migrate: true, settings: new Dictionary<string, string>());
        var refused = Messages(Assert.ThrowsAny<Exception>(() => app.Server));
        Assert.Contains("migration cũ", refused);
        Assert.Contains("0015-one-initial-migration", refused);
    }

    /// <summary>The messages of the exception and of those inside it (the host may wrap what the app threw).</summary>
    private static string Messages(Exception e) =>
        e switch
        {
            AggregateException all => string.Join(" | ", all.InnerExceptions.Select(Messages)),
            { InnerException: { } inner } => e.Message + " | " + Messages(inner),
            _ => e.Message,
        };

    [Theory]
    [InlineData(null, true, DatabaseProvider.Sqlite, true)] // a newcomer's `dotnet run`
    [InlineData(null, true, DatabaseProvider.Postgres, false)] // the README's PostgreSQL set-up: never the public demo accounts
    [InlineData(null, false, DatabaseProvider.Sqlite, false)] // Production
    [InlineData("true", false, DatabaseProvider.Postgres, true)] // asked explicitly
    [InlineData("false", true, DatabaseProvider.Sqlite, false)]
    public void Demo_mode_is_on_by_default_only_for_the_embedded_database_in_development(
        string? configured,
        bool development,
        DatabaseProvider provider,
        bool on
    ) => Assert.Equal(on, DemoOptions.IsOn(configured, development, provider));

    [Fact]
    public void A_demo_setting_that_is_not_true_or_false_stops_the_app_naming_it() =>
        Assert.Contains(
            "Mtqg:Demo",
            Assert.Throws<InvalidOperationException>(() => DemoOptions.IsOn("có", true, DatabaseProvider.Sqlite)).Message
        );
}

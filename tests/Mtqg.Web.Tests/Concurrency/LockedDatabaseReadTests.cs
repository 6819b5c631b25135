using System.Data.Common;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Web.Data;
using Mtqg.Web.Tests.Infrastructure;
using Npgsql;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Concurrency;

public sealed class LockedDatabaseReadTests
{
    /// <summary>
    /// Another process (a backup, a maintenance script, a second node's write) holding the values table locked: on SQLite an
    /// exclusive transaction, on PostgreSQL an ACCESS EXCLUSIVE table lock. Released by disposing.
    /// </summary>
    private static async Task<DbConnection> LockValuesAsync(string connectionString)
    {
        DbConnection connection = TestDatabase.IsPostgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = TestDatabase.IsPostgres
            ? "BEGIN; LOCK TABLE \"IndicatorValues\" IN ACCESS EXCLUSIVE MODE;"
            : "BEGIN EXCLUSIVE;";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    [Fact]
    public async Task A_province_summary_asked_while_another_process_holds_the_values_waits_for_it_and_answers_in_full()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var dashboard = app.CreateClient();
        // The units and the set are read (and kept) first, so the only read left to wait is the values'.
        Assert.Equal(HttpStatusCode.OK, (await dashboard.GetAsync(SummaryUrl("15", 2025))).StatusCode);

        var locked = await LockValuesAsync(app.ConnectionString);
        var asked = dashboard.GetAsync(SummaryUrl("15", 2026));
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.False(asked.IsCompleted, "the summary ended (failed, or did not need to wait) while another process held the database");
        await locked.DisposeAsync();

        var response = await asked;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        // The same answer as a second node that read the values with nobody in the way.
        await using var second = new MtqgApp(app.ConnectionString, ownsDatabase: false, demo: true);
        var expected = await second.CreateClient().SummaryAsync("15", 2026);
        Assert.True(expected.GetProperty("communesEvaluated").GetInt32() > 0);
        Assert.Equal(expected.GetRawText(), summary.GetRawText());
    }

    [Fact]
    public async Task The_values_of_an_evaluation_read_while_another_process_holds_the_database_are_read_once_it_lets_go()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var communes = await db.IndicatorValues.Where(v => v.Year == 2026).Select(v => v.UnitId).Distinct().ToListAsync();
        async Task<List<(int, int, decimal)>> ReadAsync()
        {
            var rows = new List<(int, int, decimal)>();
            await ValueReader.ReadAsync(
                db,
                communes,
                2026,
                (unit, indicator, value) =>
                {
                    lock (rows)
                        rows.Add((unit, indicator, value));
                },
                (_, _) => { },
                default
            );
            return [.. rows.Order()];
        }
        var expected = await ReadAsync();
        Assert.NotEmpty(expected);

        var locked = await LockValuesAsync(app.ConnectionString);
        var read = ReadAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.False(read.IsCompleted, "the read ended (failed, or did not need to wait) while another process held the database");
        await locked.DisposeAsync();

        Assert.Equal(expected, await read);
    }
}

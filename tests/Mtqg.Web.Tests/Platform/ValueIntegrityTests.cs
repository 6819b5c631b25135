using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Web.Data;
using Mtqg.Web.Tests.Infrastructure;
using static Mtqg.Web.Tests.Scorecards.DemoSet;

namespace Mtqg.Web.Tests.Platform;

/// <summary>
/// Indicator values keep their references on both databases: SQLite by its foreign keys, PostgreSQL by
/// statement-level checks (decision 0009). A bulk write naming a unit or an indicator that does not exist
/// is refused whole; deleting an indicator takes its values with it.
/// </summary>
public sealed class ValueIntegrityTests
{
    [Fact]
    public async Task A_bulk_write_naming_a_unit_or_an_indicator_that_does_not_exist_is_refused_and_writes_nothing()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var commune = await db.Units.Where(u => u.Code == BaoHa).Select(u => u.Id).FirstAsync();
        var indicator = await db.Indicators.Where(i => i.Code == "1.2").Select(i => i.Id).FirstAsync();
        var before = await db.IndicatorValues.CountAsync();
        foreach (var bad in new[] { new ValueRow(int.MaxValue, 2026, indicator, 1m), new ValueRow(commune, 2026, int.MaxValue, 1m) })
        {
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                var error = await Assert.ThrowsAnyAsync<Exception>(() =>
                    BulkValueWriter.InsertAsync(
                        db,
                        [new ValueRow(commune, 2030, indicator, 5m), bad],
                        DateTime.UtcNow,
                        "kiem.thu",
                        CancellationToken.None
                    )
                );
                Assert.Matches("(?i)foreign key", error.Message);
            }
            db.ChangeTracker.Clear();
            Assert.Equal(before, await db.IndicatorValues.CountAsync());
        }
    }

    [Fact]
    public async Task Deleting_an_indicator_deletes_its_values_and_no_other()
    {
        await using var app = await MtqgApp.StartDemoAsync();
        var admin = await app.ClientAsAsync("demo.admin");
        await admin.PutValuesOkAsync(BaoHa, 2026, new Dictionary<string, object?> { ["1.2"] = 80, ["2.1"] = 100 });
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var indicator = await db.Indicators.Where(i => i.Code == "1.2" && i.Set.Code == "DEMO-MINH-HOA").Select(i => i.Id).FirstAsync();
        var others = await db.IndicatorValues.CountAsync(v => v.IndicatorId != indicator);
        Assert.True(await db.IndicatorValues.AnyAsync(v => v.IndicatorId == indicator));

        await db.Indicators.Where(i => i.Id == indicator).ExecuteDeleteAsync();

        Assert.False(await db.IndicatorValues.AnyAsync(v => v.IndicatorId == indicator));
        Assert.Equal(others, await db.IndicatorValues.CountAsync(v => v.IndicatorId != indicator));
    }
}

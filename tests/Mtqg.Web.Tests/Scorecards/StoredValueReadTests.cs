using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Data.Scorecards;
using Mtqg.Web.Data;
using Mtqg.Web.Tests.Infrastructure;

namespace Mtqg.Web.Tests.Scorecards;

/// <summary>The values every evaluation, summary and dashboard reads (<see cref="ValueReader"/>) are the values stored, to the last decimal.</summary>
public sealed class StoredValueReadTests
{
    private static readonly decimal[] Stored =
    [
        0m,
        0.0001m,
        85.5m,
        85.50m,
        100m,
        100.0m,
        -12.25m,
        9_999_999_999.9999m,
        12_345_678_901.5m,
        99_999_999_999_999.9999m,
    ];

    [Fact]
    public async Task Values_written_one_by_one_and_in_bulk_are_read_back_exactly_by_the_evaluations_reader()
    {
        await using var app = await MtqgApp.StartAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = await db.Units.Where(u => u.Code == "02989").Select(u => u.Id).FirstAsync();
        var indicators = await db.Indicators.OrderBy(i => i.Id).Select(i => i.Id).Take(Stored.Length).ToListAsync();
        var now = DateTime.UtcNow;
        // 2030 through EF (a value saved on a page), 2029 through the bulk writer (an upload, the demo data).
        db.IndicatorValues.AddRange(
            Stored.Select(
                (value, i) =>
                    new IndicatorValue
                    {
                        UnitId = commune,
                        Year = 2030,
                        IndicatorId = indicators[i],
                        Value = value,
                        UpdatedAt = now,
                    }
            )
        );
        await db.SaveChangesAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await BulkValueWriter.InsertAsync(
                db,
                Stored.Select((value, i) => new ValueRow(commune, 2029, indicators[i], value)),
                now,
                "test",
                default
            );
            await transaction.CommitAsync();
        }

        foreach (var year in new[] { 2030, 2029 })
        {
            var read = new Dictionary<int, decimal>();
            await ValueReader.ReadAsync(db, [commune], year, (_, indicator, value) => read.Add(indicator, value), (_, _) => { }, default);
            Assert.Equal(Stored, indicators.Select(i => read[i]));
        }
    }
}

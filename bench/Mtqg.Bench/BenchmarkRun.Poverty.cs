using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Units;

namespace Mtqg.Bench;

/// <summary>
/// The poverty part of the benchmark (issue 15): approved review results of every commune in force in each of ten years
/// (the small scale: one province) bulk-written into the app's table, then the province summary over HTTP beside a
/// hand-written SQL sum of the same results, checked equal. Made-up counts of a plausible size, marked with the standard
/// code "bench" (not official figures).
/// </summary>
public sealed partial class BenchmarkRun
{
    private const int PovertyFirstYear = LoadYear - 9;
    private string? povertyProvince;

    private async Task PovertyLoadAsync(InProcessApp app)
    {
        var rows = new List<(int UnitId, string Commune, string Province, int Year, int Households, int Poor, int NearPoor)>();
        var random = new Random(options.Seed);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            for (var year = PovertyFirstYear; year <= LoadYear; year++)
            {
                var communes = await UnitService
                    .InForce(db.Units.AsNoTracking(), new DateOnly(year, 12, 31))
                    .Where(u => u.Level == UnitLevel.Commune && (options.National || u.ProvinceCode == options.Province))
                    .OrderBy(u => u.Code)
                    .Select(u => new
                    {
                        u.Id,
                        u.Code,
                        u.ProvinceCode,
                    })
                    .ToListAsync();
                foreach (var c in communes)
                {
                    var households = 500 + random.Next(4500);
                    var rate = Math.Max(0.5, 30 - 2.0 * (year - PovertyFirstYear) + random.Next(-5, 6));
                    var poor = (int)(households * rate / 100);
                    rows.Add((c.Id, c.Code, c.ProvinceCode!, year, households, poor, households * random.Next(2, 11) / 100));
                }
            }
        }
        var watch = Stopwatch.StartNew();
        await using (var connection = await database.OpenAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            string[] columns =
            [
                "UnitId",
                "CommuneCode",
                "ProvinceCode",
                "Year",
                "StandardCode",
                "Households",
                "Poor",
                "NearPoor",
                "Deprivations",
                "Status",
                "UpdatedAt",
                "UpdatedBy",
            ];
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                $"""INSERT INTO "PovertyResults" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})""";
            foreach (var i in Enumerable.Range(0, columns.Length))
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                insert.Parameters.Add(parameter);
            }
            object at = database.IsPostgres
                ? DateTime.UtcNow
                : DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            foreach (var r in rows)
            {
                object[] values =
                [
                    r.UnitId,
                    r.Commune,
                    r.Province,
                    r.Year,
                    "bench",
                    r.Households,
                    r.Poor,
                    r.NearPoor,
                    "",
                    "approved",
                    at,
                    "bench",
                ];
                for (var i = 0; i < values.Length; i++)
                    insert.Parameters[i].Value = values[i];
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        var seconds = watch.Elapsed.TotalSeconds;
        povertyProvince = rows.Where(r => r.Year == LoadYear).GroupBy(r => r.Province).MaxBy(g => g.Count())?.Key;
        report.Dataset["povertyResults"] = rows.Count;
        report.Info("poverty results written (one INSERT per row, one transaction)", rows.Count / Math.Max(seconds, 1e-9), "rows/s");
        Step(
            $"poverty: {rows.Count:N0} approved results, {PovertyFirstYear}–{LoadYear}, written in {seconds:0.0} s; largest province {LoadYear}: {povertyProvince}"
        );
    }

    /// <summary>The province summary of the province with the most communes, over HTTP, beside the same totals by SQL.</summary>
    private async Task PovertySummaryAsync(HttpClient client)
    {
        if (povertyProvince is null)
            return;
        await SignInAsync(client);
        var path = $"/api/v1/provinces/{povertyProvince}/years/{LoadYear}/poverty";
        const int warmUp = 5;
        var runs = options.National ? 20 : 10;
        var times = new List<double>();
        JsonElement body = default;
        for (var run = 0; run <= warmUp + runs; run++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            var content = await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException(
                    $"GET {path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(content)}"
                );
            if (run == 0)
                body = JsonDocument.Parse(content).RootElement.Clone();
        }
        var reference = new List<double>();
        (long Households, long Poor, long NearPoor, long Communes) sums = default;
        await using (var connection = await database.OpenAsync())
            for (var run = 0; run <= warmUp + runs; run++)
            {
                var watch = Stopwatch.StartNew();
                sums = await PovertyTotalsAsync(connection, povertyProvince, LoadYear);
                reference.Add(watch.Elapsed.TotalMilliseconds);
            }
        var (warm, referenceWarm) = (times[(warmUp + 1)..], reference[(warmUp + 1)..]);
        var note =
            $"GET {path} signed in ({sums.Communes:N0} communes, their results and the previous year's), one request after another; "
            + "reference: SUM of the approved results of the province-year by hand-written SQL";
        report.Info($"province poverty summary ({povertyProvince}), first request (cold)", times[0], "ms", reference[0], note);
        report.Info($"province poverty summary ({povertyProvince}) p50", Percentile(warm, 50), "ms", Percentile(referenceWarm, 50));
        report.Info($"province poverty summary ({povertyProvince}) p95", Percentile(warm, 95), "ms", Percentile(referenceWarm, 95));
        var app = (
            body.GetProperty("households").GetInt64(),
            body.GetProperty("poor").GetInt64(),
            body.GetProperty("nearPoor").GetInt64(),
            body.GetProperty("approved").GetInt64()
        );
        report.Check(
            "province poverty summary agrees with the reference",
            app == sums,
            $"{povertyProvince} {LoadYear}: app {app}, reference {sums} (households, poor, near-poor, approved communes)"
        );
        Step(
            $"province poverty summary: cold {times[0]:0} ms, p50 {Percentile(warm, 50):0.0} ms, p95 {Percentile(warm, 95):0.0} ms; reference p50 {Percentile(referenceWarm, 50):0.0} ms"
        );
    }

    private static async Task<(long, long, long, long)> PovertyTotalsAsync(DbConnection connection, string province, int year)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(SUM("Households"), 0), COALESCE(SUM("Poor"), 0), COALESCE(SUM("NearPoor"), 0), COUNT(*)
            FROM "PovertyResults" WHERE "ProvinceCode" = @p AND "Year" = @y AND "Status" = 'approved'
            """;
        foreach (var (name, value) in new (string, object)[] { ("@p", province), ("@y", year) })
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value);
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}

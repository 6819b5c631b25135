using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;

namespace Mtqg.Bench;

/// <summary>
/// The national export of a province-year (issue 16 item 4) over HTTP: the province with the most communes of the load
/// year, its JSON document (criteria of every commune, its values by indicator code, titles, poverty, money) beside a
/// hand-written SQL read of the same values, the number of values checked equal. Goal: within 1 s (as a province-year
/// report, DESIGN §7).
/// </summary>
public sealed partial class BenchmarkRun
{
    private async Task NationalExportAsync(HttpClient client, string setCode)
    {
        var province = uploads.Where(u => u.Year == LoadYear).MaxBy(u => u.Communes.Count);
        if (province is null)
            return;
        await SignInAsync(client);
        var path = $"/api/v1/provinces/{province.ProvinceCode}/years/{LoadYear}/national-export?set={setCode}";
        const int warmUp = 2;
        var runs = options.National ? 10 : 5;
        var times = new List<double>();
        var exported = 0;
        var bytes = 0;
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
            {
                bytes = content.Length;
                using var document = JsonDocument.Parse(content);
                exported = document
                    .RootElement.GetProperty("communes")
                    .EnumerateArray()
                    .Sum(c => c.GetProperty("values").EnumerateObject().Count());
            }
        }
        var reference = new List<double>();
        long stored = 0;
        await using (var connection = await database.OpenAsync())
            for (var run = 0; run <= warmUp + runs; run++)
            {
                var watch = Stopwatch.StartNew();
                stored = await ValuesOfProvinceAsync(connection, province.ProvinceCode, setCode);
                reference.Add(watch.Elapsed.TotalMilliseconds);
            }
        var (warm, referenceWarm) = (times[(warmUp + 1)..], reference[(warmUp + 1)..]);
        var note =
            $"GET {path} signed in ({province.Communes.Count:N0} communes, {exported:N0} values, {bytes / 1024:N0} KB), one request after another; "
            + "reference: the province-year's values read by hand-written SQL (rows counted)";
        report.Info(
            $"national export of a province-year ({province.ProvinceCode}), first request (cold)",
            times[0],
            "ms",
            reference[0],
            note
        );
        report.Info(
            $"national export of a province-year ({province.ProvinceCode}) p50",
            Percentile(warm, 50),
            "ms",
            Percentile(referenceWarm, 50)
        );
        report.AtMost(
            $"national export of a province-year ({province.ProvinceCode}) p95",
            Percentile(warm, 95),
            "ms",
            1000,
            Percentile(referenceWarm, 95)
        );
        report.Check(
            "national export carries every stored value of the province-year",
            exported == stored,
            $"{province.ProvinceCode} {LoadYear}: export {exported:N0} values, database {stored:N0}"
        );
        Step(
            $"national export {province.ProvinceCode}: cold {times[0]:0} ms, p50 {Percentile(warm, 50):0.0} ms, p95 {Percentile(warm, 95):0.0} ms, {exported:N0} values; reference p50 {Percentile(referenceWarm, 50):0.0} ms"
        );
    }

    private static async Task<long> ValuesOfProvinceAsync(DbConnection connection, string province, string setCode)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT v."UnitId", v."IndicatorId", v."Value"
            FROM "IndicatorValues" v
            JOIN "Indicators" i ON i."Id" = v."IndicatorId"
            JOIN "CriteriaSets" s ON s."Id" = i."CriteriaSetId"
            JOIN "AdministrativeUnits" u ON u."Id" = v."UnitId"
            WHERE v."Year" = @y AND s."Code" = @s AND u."ProvinceCode" = @p
            """;
        foreach (var (name, value) in new (string, object)[] { ("@y", LoadYear), ("@s", setCode), ("@p", province) })
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value);
            command.Parameters.Add(parameter);
        }
        long rows = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows++;
        return rows;
    }
}

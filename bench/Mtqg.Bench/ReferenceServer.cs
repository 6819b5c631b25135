using System.Data.Common;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mtqg.Bench;

/// <summary>
/// The reference behind HTTP: a bare Kestrel server (no EF, no auth, no Blazor) answering the same
/// two questions as the app's endpoints with the hand-written SQL of <see cref="Reference"/>. Run as
/// its own process (<c>Mtqg.Bench --reference-server</c>) so its latency, throughput and memory
/// compare with the app's under the same load loop.
/// </summary>
public static class ReferenceServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name) =>
            args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required");
        var postgres = Arg("--provider") == "Postgres";
        var connectionString = Arg("--connection");
        DbConnection Connection() => postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        app.MapGet("/summary/{province}/{year:int}", async (string province, int year, int set) =>
        {
            await using var connection = Connection();
            await connection.OpenAsync();
            var summary = await Reference.SummaryAsync(connection, set, province, year);
            return Results.Json(
                new
                {
                    communes = summary.Communes,
                    criteria = summary
                        .Criteria.OrderBy(c => c.Key)
                        .Select(c => new
                        {
                            number = c.Key,
                            communesMet = c.Value.Met,
                            communesApplicable = c.Value.Applicable,
                        }),
                    communesByCriteriaMet = summary
                        .CommunesByCriteriaMet.OrderBy(c => c.Key)
                        .Select(c => new { criteriaMet = c.Key, communes = c.Value }),
                }
            );
        });

        app.MapGet("/export/{year:int}", async (int year, int set) =>
        {
            await using var connection = Connection();
            await connection.OpenAsync();
            var evaluation = await Reference.EvaluateAsync(connection, set, year);
            return Results.Bytes(Csv(evaluation), "text/csv; charset=utf-8", $"reference-{year}.csv");
        });

        // The mixed load's other two requests (issue 19): one commune's values, and an UPDATE of one value.
        app.MapGet("/scorecard/{unit:int}/{year:int}", async (int unit, int year) =>
        {
            await using var connection = Connection();
            await connection.OpenAsync();
            return Results.Json(await Reference.ValuesAsync(connection, unit, year));
        });
        app.MapPut("/value/{unit:int}/{year:int}/{indicator:int}", async (int unit, int year, int indicator, decimal value) =>
        {
            await using var connection = Connection();
            await connection.OpenAsync();
            return Results.Json(new { updated = await Reference.SetValueAsync(connection, unit, year, indicator, value) });
        });

        await app.StartAsync();
        Console.WriteLine($"listening on: {app.Urls.First()}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The commune × criterion matrix as CSV: code, name, criteria met, then one status per criterion.</summary>
    public static byte[] Csv(ReferenceEvaluation e)
    {
        string[] words = ["", "Đạt", "Chưa đạt", "Thiếu số liệu", "Chưa có ngưỡng", "Không áp dụng"];
        var text = new StringBuilder(e.UnitIds.Length * (40 + e.CriterionNumbers.Length * 10));
        text.Append("Mã xã;Tên xã;Số tiêu chí đạt;Tổng số tiêu chí");
        foreach (var n in e.CriterionNumbers)
            text.Append(";TC").Append(n);
        text.Append("\r\n");
        for (var u = 0; u < e.UnitIds.Length; u++)
        {
            text.Append(e.Codes[u]).Append(';').Append(e.Names[u]).Append(';').Append(e.CriteriaMet[u]).Append(';').Append(e.CriteriaTotal);
            for (var c = 0; c < e.CriterionNumbers.Length; c++)
                text.Append(';').Append(words[e.Statuses[u * e.CriterionNumbers.Length + c]]);
            text.Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Bench;

/// <summary>
/// Issue 18 item 9, process-level faults (<c>--faults</c>, docs/reliability.md): the web app as its own process killed
/// with SIGKILL in the middle of an import and started again on the same database; then a soak under the mixed load
/// with its memory sampled; and, on PostgreSQL, two web processes on one database.
/// </summary>
public sealed partial class BenchmarkRun
{
    /// <summary>A web process with a client signed in as the administrator (a bearer token from this node).</summary>
    private sealed class WebNode(ChildProcess process, HttpClient client) : IAsyncDisposable
    {
        public ChildProcess Process { get; } = process;
        public HttpClient Client { get; } = client;

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Process.DisposeAsync();
        }
    }

    public async Task<int> FaultsAsync()
    {
        var total = Stopwatch.StartNew();
        await using var db = database = await BenchDatabase.CreateAsync(options.Postgres, options.Keep);
        report = new Report($"{options.Scale}, faults", database.Description, Machine.Current(), options.Seed);
        Console.WriteLine($"MTQG faults: scale {options.Scale}, {database.Description}, seed {options.Seed}");
        await using (var app = new InProcessApp(AppSettings()))
        {
            var started = Stopwatch.StartNew();
            _ = app.Services; // migrations, units, national criteria sets, the administrator
            Step($"app started on a new database: migrations and units in {started.Elapsed.TotalSeconds:0.0} s");
            await SetUpAsync(app);
            await PrepareDecisionsAsync(app);
            await PrepareImportAsync(app);
        }
        database.ClearPools();

        var phase = Stopwatch.StartNew();
        await (await KillRoundsAsync()).DisposeAsync();
        Step($"kill -9 during an import and during a dossier decision: {phase.Elapsed.TotalSeconds:0} s");
        if (options.SoakSeconds > 0)
        {
            phase.Restart();
            await SoakAsync();
            Step($"soak: {phase.Elapsed.TotalSeconds:0} s");
        }
        else
            Step("soak: skipped (--soak-seconds 0)");
        if (database.IsPostgres)
        {
            phase.Restart();
            await TwoNodesAsync();
            Step($"two web nodes: {phase.Elapsed.TotalSeconds:0} s");
        }

        Console.WriteLine();
        Console.WriteLine(report.Table());
        Console.WriteLine($"total {total.Elapsed.TotalSeconds:0} s");
        if (options.Out is { } path)
        {
            await report.WriteAsync(path);
            Console.WriteLine($"results written to {path}");
        }
        return report.Checks.All(c => c.Passed) ? 0 : 1;
    }

    private async Task<WebNode> StartNodeAsync(string name, int connections = 4, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = options.WebDll ?? Path.Combine(AppContext.BaseDirectory, "Mtqg.Web.dll");
        var process = await ChildProcess.StartAsync(name, dll, [], environment ?? WebEnvironment(), TimeSpan.FromSeconds(120));
        var client = LoadLoop.Client(process.BaseAddress, connections);
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = AdminName, password = adminPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new WebNode(process, client);
    }

    /// <summary>The options, for the nested classes of the fault rounds.</summary>
    private Options Opts => options;

    private static async Task DisposeAnswerAsync(Task<HttpResponseMessage> request) => (await request).Dispose();

    /// <summary>SIGKILL, then the app started again on the same database (and signed in): what a crash and a restart do.</summary>
    private async Task<(WebNode Node, double Seconds)> KillAndRestartAsync(WebNode node, Task? request)
    {
        await node.Process.KillAsync();
        if (request is not null)
            try
            {
                await request;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The connection died with the process: what a browser sees when the server is killed.
            }
        await node.DisposeAsync();
        var restart = Stopwatch.StartNew();
        var started = await StartNodeAsync("web app");
        return (started, restart.Elapsed.TotalSeconds);
    }

    /// <summary>The stored values of a province-year by (commune, indicator), and its import audit rows, read with plain ADO.NET.</summary>
    private async Task<(Dictionary<(int Unit, int Indicator), decimal> Values, long Audit)> StoredAsync(ProvinceYear py)
    {
        var ids = string.Join(',', py.Communes.Select(c => c.Id.ToString(CultureInfo.InvariantCulture)));
        await using var connection = await database.OpenAsync();
        var values = new Dictionary<(int, int), decimal>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText =
                $"""SELECT "UnitId", "IndicatorId", "Value" FROM "IndicatorValues" WHERE "Year" = {py.Year} AND "UnitId" IN ({ids})""";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                values[(reader.GetInt32(0), reader.GetInt32(1))] = Convert.ToDecimal(reader.GetValue(2), CultureInfo.InvariantCulture);
        }
        await using var audit = connection.CreateCommand();
        audit.CommandText =
            $"""SELECT COUNT(*) FROM "AuditEntries" WHERE "Action" = 'import' AND "Year" = {py.Year} AND "UnitId" IN ({ids})""";
        return (values, Convert.ToInt64(await audit.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, ProvinceYear py, LoadedSet set, UploadFile file)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue(ValuesWorkbook.ContentType);
        form.Add(content, "file", file.FileName);
        return await client.PostAsync($"/api/v1/provinces/{py.ProvinceCode}/years/{py.Year}/workbook?set={set.Code}", form);
    }

    private static bool Same(Dictionary<(int, int), decimal> a, Dictionary<(int, int), decimal> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var v) && v == x.Value);
}

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
        }
        database.ClearPools();

        var phase = Stopwatch.StartNew();
        await KillDuringImportAsync();
        Step($"kill -9 during an import: {phase.Elapsed.TotalSeconds:0} s");
        phase.Restart();
        await KillDuringDecisionAsync();
        Step($"kill -9 during a dossier decision: {phase.Elapsed.TotalSeconds:0} s");
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

    private async Task<WebNode> StartNodeAsync(string name, int connections = 4)
    {
        var dll = options.WebDll ?? Path.Combine(AppContext.BaseDirectory, "Mtqg.Web.dll");
        var process = await ChildProcess.StartAsync(name, dll, [], WebEnvironment(), TimeSpan.FromSeconds(120));
        var client = LoadLoop.Client(process.BaseAddress, connections);
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = AdminName, password = adminPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new WebNode(process, client);
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

    /// <summary>
    /// Two workbooks of the largest province-year of the load year from two seeds (A and B: most values differ). A is
    /// uploaded and B after it, then A again in a process just started, timed; then each round uploads the other file to a
    /// freshly started process, kills it with SIGKILL after a random delay within 1.2 × that time, starts the app again on the same
    /// database and reads the province-year back: its values must be all the old ones (and no new audit row) or all the
    /// new ones (and one import audit row per commune changed); an upload answered before the kill must be all new.
    /// </summary>
    private async Task KillDuringImportAsync()
    {
        var py = uploads.Where(u => u.Year == LoadYear).MaxBy(u => u.Communes.Count)!;
        var set = sets[BenchSets.For(py.Year)];
        var generators = new[] { generator, new ValueGenerator(options.Seed + 1) };
        var files = generators.Select(g => new UploadFiles(g).Build(py, set, csv: false)).ToArray();
        var cells = generators
            .Select(g => new UploadFiles(g).Cells(py, set).ToDictionary(c => (c.Commune.Id, c.Indicator.Id), c => c.Value))
            .ToArray();

        var node = await StartNodeAsync("web app");
        double coldSeconds,
            replaceSeconds;
        try
        {
            var watch = Stopwatch.StartNew();
            using (var first = await UploadAsync(node.Client, py, set, files[0]))
                first.EnsureSuccessStatusCode();
            coldSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            using (var second = await UploadAsync(node.Client, py, set, files[1]))
                second.EnsureSuccessStatusCode();
            var warmSeconds = watch.Elapsed.TotalSeconds;
            // Each round runs in a process just started: its upload's usual duration is that of a replacing upload there.
            await node.DisposeAsync();
            node = await StartNodeAsync("web app");
            watch.Restart();
            using (var third = await UploadAsync(node.Client, py, set, files[0]))
                third.EnsureSuccessStatusCode();
            replaceSeconds = watch.Elapsed.TotalSeconds;
            Step(
                $"upload of {files[0].Values:N0} values of province {py.ProvinceCode}: {coldSeconds:0.00} s in a fresh process (all new), "
                    + $"{warmSeconds:0.00} s to replace them with the other file, {replaceSeconds:0.00} s to replace them again in a fresh process"
            );
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        var random = new Random(options.Seed);
        var current = 0;
        var (killedMidUpload, answered, allOld, allNew, failures) = (0, 0, 0, 0, new List<string>());
        var restarts = new List<double>();
        for (var round = 1; round <= options.FaultRounds; round++)
        {
            var next = 1 - current;
            var before = await StoredAsync(py);
            var expected = new Dictionary<(int, int), decimal>(before.Values);
            foreach (var (key, value) in cells[next])
                expected[key] = value;
            var communesChanged = cells[next]
                .Where(c => !before.Values.TryGetValue(c.Key, out var old) || old != c.Value)
                .Select(c => c.Key.Item1)
                .Distinct()
                .Count();
            var delay = TimeSpan.FromSeconds(random.NextDouble() * 1.2 * replaceSeconds);

            var upload = UploadAsync(node.Client, py, set, files[next]);
            await Task.WhenAny(upload, Task.Delay(delay));
            var wasAnswered = upload.IsCompletedSuccessfully && upload.Result.IsSuccessStatusCode;
            await node.Process.KillAsync();
            try
            {
                (await upload).Dispose();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The connection died with the process: what a browser sees when the server is killed.
            }
            await node.DisposeAsync();

            var restart = Stopwatch.StartNew();
            node = await StartNodeAsync("web app");
            restarts.Add(restart.Elapsed.TotalSeconds);
            using var summary = await node.Client.GetAsync($"/api/v1/provinces/{py.ProvinceCode}/years/{py.Year}/summary?set={set.Code}");
            var after = await StoredAsync(py);
            var old = Same(after.Values, before.Values) && after.Audit == before.Audit;
            var @new = Same(after.Values, expected) && after.Audit == before.Audit + communesChanged;
            var outcome =
                old ? "all old"
                : @new ? "all new"
                : "MIXED";
            Step(
                $"round {round}: killed after {delay.TotalSeconds:0.00} s ({(wasAnswered ? "already answered" : "upload in flight")}); "
                    + $"after restart {outcome}, {after.Values.Count:N0} values, {after.Audit - before.Audit} new import audit rows "
                    + $"(expected 0 or {communesChanged}); summary {(int)summary.StatusCode}"
            );
            if (wasAnswered)
                answered++;
            else
                killedMidUpload++;
            if (old)
                allOld++;
            if (@new)
            {
                allNew++;
                current = next;
            }
            if (!old && !@new)
                failures.Add($"round {round}: neither all old nor all new");
            else if (wasAnswered && !@new)
                failures.Add($"round {round}: answered 200 but not all new after the restart");
            if (!summary.IsSuccessStatusCode)
                failures.Add($"round {round}: the summary after the restart answered {(int)summary.StatusCode}");
        }
        await node.DisposeAsync();

        report.Check(
            "kill -9 during an import: all old or all new",
            failures.Count == 0,
            $"{options.FaultRounds} rounds of {files[0].Values:N0} values: {killedMidUpload} killed with the upload in flight, {answered} after its answer; "
                + $"after the restart {allOld} all old, {allNew} all new, audit rows agreeing"
                + (failures.Count == 0 ? "" : $"; FAILURES: {string.Join("; ", failures)}")
        );
        report.Info(
            "kill -9 during an import: restart",
            restarts.Count == 0 ? double.NaN : restarts.Average(),
            "s",
            note: $"mean time to start the app again and sign in after a SIGKILL ({restarts.Count} restarts); kills after a random delay up to 1.2 × {replaceSeconds:0.00} s, the time a replacing upload took in a fresh process"
        );
    }

    private static bool Same(Dictionary<(int, int), decimal> a, Dictionary<(int, int), decimal> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var v) && v == x.Value);
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Mtqg.Web.Features.Scorecards.Evaluation;

namespace Mtqg.Bench;

/// <summary>The soak (memory under a long mixed load) and two web nodes on one PostgreSQL database (<c>--faults</c>).</summary>
public sealed partial class BenchmarkRun
{
    /// <summary>The mix of the performance run (one request in ten a value save) over every commune of the load year's province.</summary>
    private MixedPlan FaultsPlan()
    {
        var set = sets[BenchSets.For(LoadYear)];
        var loadYear = uploads.Where(u => u.Year == LoadYear).ToList();
        var communes = loadYear
            .SelectMany(u => u.Communes)
            .Select(c => new AdministrativeUnitRow(c.Id, c.Code, c.Name, c.ProvinceCode))
            .Take(400)
            .ToList();
        return new MixedPlan(communes, [.. loadYear.Select(u => u.ProvinceCode).Distinct()], MixedIndicator(set), set);
    }

    /// <summary>
    /// The mixed load on a fresh web process for <c>--soak-seconds</c>, its working set sampled every second. The process
    /// runs with workstation GC (DOTNET_gcServer=0 unless <c>--web-env</c> sets it): what is soaked is the app's code, and
    /// with server GC on 2 cores the working set is a saw of 60–100 MB that keeps growing for the first half-minute (four 30 s
    /// soaks out of eight failed a 30 MB bound, +37 to +58 MB, with no leak); with workstation GC it follows the live
    /// heap within a few MB. The first third (at least 10 s) is warm-up (JIT, caches, pools) and not judged; then the median
    /// of the first third of the samples after warm-up against the median of the last third (a single deep collection moves
    /// neither). Bound: growth under 30 MB. Six 30 s soaks in a row on a loaded machine (load average 8–15) grew 7–16 MB;
    /// the app made to keep 16 KB per request grew 123 MB and failed. The bound is about 2.3 MB/s kept for the ~13 s between
    /// the two medians of a 30 s soak: 8 KB per request at 300 requests/s; slower leaks need a longer soak
    /// (<c>--soak-seconds 600</c>). The least-squares slope is reported too.
    /// </summary>
    private async Task SoakAsync()
    {
        var plan = FaultsPlan();
        var environment = WebEnvironment();
        environment.TryAdd("DOTNET_gcServer", "0"); // unless --web-env sets it
        await using var node = await StartNodeAsync("web app", options.Clients, environment);
        var client = node.Client;
        var soak = TimeSpan.FromSeconds(options.SoakSeconds);
        var warmUp = TimeSpan.FromSeconds(Math.Max(10, options.SoakSeconds / 3.0));
        var samples = new List<(double Seconds, double Mb)>();
        var watch = Stopwatch.StartNew();
        var load = LoadLoop.RunAsync(client, n => MixedRequest(plan, n, reference: false), options.Clients, soak, int.MaxValue);
        while (!load.IsCompleted)
        {
            samples.Add((watch.Elapsed.TotalSeconds, node.Process.WorkingSet() / 1048576.0));
            await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(1)));
        }
        var result = await load;
        var judged = samples.Where(s => s.Seconds >= warmUp.TotalSeconds).ToList();
        if (judged.Count < 10)
        {
            report.Check(
                "soak: memory flat after warm-up",
                false,
                $"only {judged.Count} samples after the warm-up: make --soak-seconds longer"
            );
            return;
        }
        static double MedianMb(IEnumerable<(double Seconds, double Mb)> part) => Median([.. part.Select(s => s.Mb)]);
        var start = MedianMb(judged.Take(judged.Count / 3));
        var end = MedianMb(judged.TakeLast(judged.Count / 3));
        var (meanT, meanM) = (judged.Average(s => s.Seconds), judged.Average(s => s.Mb));
        var slope = judged.Sum(s => (s.Seconds - meanT) * (s.Mb - meanM)) / judged.Sum(s => (s.Seconds - meanT) * (s.Seconds - meanT)) * 60;
        var peak = node.Process.PeakWorkingSet() / 1048576.0;
        Step(
            $"soak: {result.Requests:N0} requests in {result.Seconds:0} s ({result.RequestsPerSecond:N0}/s, {result.Errors} errors); working set median "
                + $"{start:0} MB after {warmUp.TotalSeconds:0} s warm-up, {end:0} MB at the end, slope {slope:0.0} MB/min, peak {peak:0} MB; "
                + $"samples every 10 s: {string.Join(", ", samples.Where((_, i) => i % 10 == 0).Select(s => s.Mb.ToString("0")))}"
        );
        var note =
            $"{options.Clients} clients, {result.Seconds:0} s of the mix ({result.Requests:N0} requests, {result.RequestsPerSecond:N0}/s); "
            + $"working set sampled every second, the first {warmUp.TotalSeconds:0} s not judged; medians of the first and of the last third";
        report.Info("soak: working set median after warm-up", start, "MB", note: note);
        report.AtMost("soak: working set median growth after warm-up", end - start, "MB", 30, null);
        report.Info("soak: working set slope after warm-up", slope, "MB/min");
        report.Check(
            "soak: mixed load without errors",
            result.Errors == 0,
            $"{result.Errors} errors in {result.Requests:N0} requests" + (result.FirstError is null ? "" : $" (first: {result.FirstError})")
        );
        report.Check(
            "soak: memory flat after warm-up",
            end - start < 30,
            $"median {start:0} → {end:0} MB ({end - start:+0.0;-0.0} MB, slope {slope:0.0} MB/min, peak {peak:0} MB)"
        );
    }

    /// <summary>
    /// Two web processes on one PostgreSQL database (decisions 0008, 0030): the mix for 10 s, its requests alternating
    /// between the nodes (writes too); then, for five communes, a value saved through node A and the province summary and
    /// the commune's scorecard read through both: the same JSON, the new value in B's scorecard (B's caches saw A's write).
    /// </summary>
    private async Task TwoNodesAsync()
    {
        var plan = FaultsPlan();
        await using var a = await StartNodeAsync("web node A", options.Clients);
        await using var b = await StartNodeAsync("web node B", options.Clients);
        // One token for both: it is protected with keys both nodes read from the database.
        b.Client.DefaultRequestHeaders.Authorization = a.Client.DefaultRequestHeaders.Authorization;
        var nodes = new[] { a.Process.BaseAddress, b.Process.BaseAddress };
        var (py, files, cells) = TwoNodeFiles();
        var load = LoadLoop.RunAsync(
            a.Client,
            n =>
            {
                var (kind, request) = MixedRequest(plan, n, reference: false);
                var node = (n + n / 10) % 2; // writes and reads alike go to A and B in turn
                request.RequestUri = new Uri(nodes[node], request.RequestUri!);
                return ($"{kind} {(node == 0 ? "A" : "B")}", request);
            },
            options.Clients,
            TimeSpan.FromSeconds(10),
            int.MaxValue
        );
        var uploading = UploadsDuringMixAsync(a, b, load, py, plan, files);
        var result = await load;
        var (uploaded, uploadErrors) = await uploading;
        // A value saved while an upload replaces the same commune's values may find its row gone: 409 (reload and retry), an
        // honest answer to two writers at once. Anything else is an error.
        var conflicts = result
            .ErrorsByKind.Where(e =>
                e.Key.StartsWith("write", StringComparison.Ordinal) && e.Key.EndsWith(" 409", StringComparison.Ordinal)
            )
            .Sum(e => e.Value);
        var errors = result.Errors - conflicts;
        Step(
            $"two nodes: {result.Requests:N0} requests in {result.Seconds:0.0} s ({result.RequestsPerSecond:N0}/s), {errors} errors, {conflicts} saves answered 409 (an upload replaced the values)"
                + $", and {uploaded} workbook uploads through B and A in turn, {uploadErrors.Count} refused"
                + (result.FirstError is null ? "" : $" (first: {result.FirstError})")
                + "; "
                + string.Join(", ", result.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value.Requests:N0} p95 {k.Value.P95:0} ms"))
        );
        if (errors > 0 || uploadErrors.Count > 0)
            foreach (var node in new[] { a, b })
                Console.WriteLine($"--- last output of {node.Process.Name}:\n{node.Process.Output()}");
        report.Check(
            "two nodes: mixed load without errors",
            errors == 0 && uploadErrors.Count == 0,
            $"{result.Requests:N0} requests split over two nodes in {result.Seconds:0.0} s, {errors} errors"
                + (
                    errors == 0
                        ? ""
                        : $" ({string.Join(", ", result.ErrorsByKind.Select(e => $"{e.Key} × {e.Value}"))}; first: {result.FirstError})"
                )
                + $", {conflicts} saves answered 409 while an upload replaced the values"
                + $"; meanwhile {uploaded} uploads of the province's workbook ({files[0].Values:N0} values) through B and A in turn, {uploadErrors.Count} refused"
                + (uploadErrors.Count == 0 ? "" : $" (first: {uploadErrors[0]})")
        );

        var set = plan.Set;
        var summaryPath = $"/api/v1/provinces/{plan.Provinces[0]}/years/{LoadYear}/summary?set={set.Code}";
        var differ = new List<string>();
        var checkedReads = 0;
        foreach (var (commune, i) in plan.Communes.Take(5).Select((c, i) => (c, i)))
        {
            // Read through both first, so both nodes have the summary and the scorecard cached before the write.
            var cardPath = $"/api/v1/communes/{commune.Code}/years/{LoadYear}/scorecard?set={set.Code}";
            foreach (var client in new[] { a.Client, b.Client })
            {
                (await client.GetAsync(summaryPath)).EnsureSuccessStatusCode();
                (await client.GetAsync(cardPath)).EnsureSuccessStatusCode();
            }
            var value = 41 + i;
            using var put = await a.Client.PutAsJsonAsync(
                $"/api/v1/communes/{commune.Code}/years/{LoadYear}/values?set={set.Code}",
                new { values = new Dictionary<string, int> { [plan.Indicator.Code] = value } }
            );
            if (!put.IsSuccessStatusCode)
            {
                differ.Add($"{commune.Code}: the save through A answered {(int)put.StatusCode}");
                continue;
            }
            foreach (var path in new[] { summaryPath, cardPath })
            {
                var fromA = await a.Client.GetStringAsync(path);
                var fromB = await b.Client.GetStringAsync(path);
                checkedReads++;
                if (fromA != fromB)
                    differ.Add($"{path}: A and B differ");
            }
            var card = await b.Client.GetFromJsonAsync<JsonElement>(cardPath);
            var shown = card.GetProperty("criteria")
                .EnumerateArray()
                .SelectMany(c => c.GetProperty("indicators").EnumerateArray())
                .First(x => x.GetProperty("code").GetString() == plan.Indicator.Code)
                .GetProperty("value");
            if (shown.ValueKind != JsonValueKind.Number || shown.GetDecimal() != value)
                differ.Add($"{commune.Code}: B shows {shown} after A saved {value}");
        }
        report.Check(
            "two nodes: caches agree after a write through the other node",
            differ.Count == 0,
            differ.Count == 0
                ? $"5 values saved through A; {checkedReads} summaries and scorecards read through A and B identical, B showing each new value"
                : string.Join("; ", differ)
        );
        await TwoNodeWritesAsync(a, b, plan, py, files, cells);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Evaluation;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Bench;

/// <summary>The HTTP phase of the benchmark: the web process under load, freshness, the upload endpoint, summaries against the reference.</summary>
public sealed partial class BenchmarkRun
{
    private async Task HttpAsync(
        Dictionary<int, List<(AdministrativeUnitRow Commune, Mtqg.Domain.Evaluation.Scorecard Card, int Values)>> evaluations
    )
    {
        var dll = options.WebDll ?? Path.Combine(AppContext.BaseDirectory, "Mtqg.Web.dll");
        if (options.MoneyOnly)
        {
            await using var money = await ChildProcess.StartAsync("web app", dll, [], WebEnvironment(), TimeSpan.FromSeconds(120));
            Step($"web app started as process {money.Id} on {money.BaseAddress}");
            using var moneyClient = LoadLoop.Client(money.BaseAddress, 1);
            await DisbursementAsync(moneyClient, money);
            await PovertySummaryAsync(moneyClient);
            await ReportAsync(moneyClient, options.Province);
            report.Info("web app peak working set", money.PeakWorkingSet() / 1048576.0, "MB");
            return;
        }
        var set = sets[BenchSets.For(LoadYear)];
        var provinces = uploads.Where(u => u.Year == LoadYear).Select(u => u.ProvinceCode).ToList();
        var appPaths = provinces.Select(p => $"/api/v1/provinces/{p}/years/{LoadYear}/summary?set={set.Code}").ToList();

        LoadResult appLoad;
        (LoadResult, double) appMixed;
        double appCpu,
            referenceCpu;
        var appExports = new Dictionary<int, double>();
        long appPeak;
        var stepPeaks = new List<string>();
        var started = Stopwatch.StartNew();
        await using (var web = await ChildProcess.StartAsync("web app", dll, [], WebEnvironment(), TimeSpan.FromSeconds(120)))
        {
            Step(
                $"web app started as process {web.Id} on {web.BaseAddress} in {started.Elapsed.TotalSeconds:0.0} s ({dll}); peak working set {Mb(web.PeakWorkingSet())} MB"
            );
            // Each HTTP step's own peak (the kernel's high-water mark restarted after each): which step sets the overall one.
            void Peak(string step)
            {
                var peak = Mb(web.StepPeak());
                stepPeaks.Add($"{step} {peak}");
                Step($"web app peak working set during {step}: {peak} MB (working set now {Mb(web.WorkingSet())} MB)");
            }
            Peak("start");
            using var client = LoadLoop.Client(web.BaseAddress, options.Clients);
            await FreshnessAsync(client, set, provinces[0]);
            await HttpUploadAsync(client);
            Peak("freshness check and upload");

            foreach (var path in appPaths.Concat(appPaths).Take(Math.Max(64, appPaths.Count * 2)))
                (await client.GetAsync(path)).EnsureSuccessStatusCode();
            var cpu = web.CpuTime();
            appLoad = await LoadLoop.RunAsync(client, appPaths, options.Clients, options.Duration, options.MaxRequests);
            appCpu = (web.CpuTime() - cpu).TotalMilliseconds / Math.Max(1, appLoad.Requests);
            Step(
                $"summary load: {appLoad.Requests:N0} requests in {appLoad.Seconds:0.0} s, {appLoad.RequestsPerSecond:N0}/s, p50 {appLoad.P50:0.0} ms, p95 {appLoad.P95:0.0} ms, p99 {appLoad.P99:0.0} ms, {appLoad.Errors} errors, {appLoad.Bytes / Math.Max(1, appLoad.Requests) / 1024.0:0.0} KB per answer'"
            );
            Peak("summary load");
            var mixed = PlanMixed(evaluations, set, provinces);
            appMixed = await MixedLoadAsync(client, mixed, reference: false, web.CpuTime);
            await SummariesAgreeAsync(client, set, provinces);
            Peak("mixed load");
            await DisbursementAsync(client, web);
            Peak("disbursement summaries");
            await PovertySummaryAsync(client);
            Peak("poverty summary");
            await NationalExportAsync(client, set.Code);
            Peak("a province's national export");
            await ReportAsync(client, provinces[0]);
            Peak("province-year report .xlsx");

            foreach (var year in MeasuredYears)
            {
                var exportSet = sets[BenchSets.For(year)];
                // One build: the data has not changed since, so a repeated request would measure the export cache, not the build.
                var build = Stopwatch.StartNew();
                using var built = await client.GetAsync($"/api/v1/years/{year}/scorecards.xlsx?set={exportSet.Code}");
                var body = await built.Content.ReadAsByteArrayAsync();
                built.EnsureSuccessStatusCode();
                var seconds = build.Elapsed.TotalSeconds;
                appExports[year] = seconds;
                Step($"national export {year}: {seconds:0.00} s (one build), {body.Length / 1024:N0} KB");
                Peak($"national export {year}");
                // Unchanged data: the same file again from the export cache (issue 18), eight clients at once.
                var again = Stopwatch.StartNew();
                var repeats = await Task.WhenAll(
                    Enumerable.Range(0, 8).Select(_ => TimeAsync(client, $"/api/v1/years/{year}/scorecards.xlsx?set={exportSet.Code}"))
                );
                var allEight = again.Elapsed.TotalMilliseconds;
                Step($"national export {year} again, 8 clients at once on unchanged data: {allEight:0} ms for all");
                Peak($"national export {year} again");
                report.Check(
                    $"national export {year} is reused while the data is unchanged",
                    repeats.All(r => r.Body.AsSpan().SequenceEqual(body)),
                    $"8 repeats identical to the first file; {allEight:0} ms for the eight against {seconds * 1000:0} ms to build it"
                );
                var rows = MiniExcel.Query(new MemoryStream(body), useHeaderRow: true, sheetName: ResultsWorkbook.ResultsSheet).Count();
                report.Check(
                    $"national export {year} has every commune",
                    rows == evaluations[year].Count,
                    $"{rows:N0} rows for {evaluations[year].Count:N0} communes, {body.Length / 1024.0:N0} KB"
                );
            }
            appPeak = web.PeakWorkingSet();
        }

        LoadResult referenceLoad;
        (LoadResult, double) referenceMixed;
        var referenceExports = new Dictionary<int, double>();
        long referencePeak;
        await using (
            var server = await ChildProcess.StartAsync(
                "reference server",
                Path.Combine(AppContext.BaseDirectory, "Mtqg.Bench.dll"),
                ["--reference-server", "--provider", database.Provider.ToString(), "--connection", database.ConnectionString],
                new Dictionary<string, string>(),
                TimeSpan.FromSeconds(60)
            )
        )
        {
            using var client = LoadLoop.Client(server.BaseAddress, options.Clients);
            var paths = provinces.Select(p => $"/summary/{p}/{LoadYear}?set={set.Id}").ToList();
            foreach (var path in paths.Concat(paths).Take(Math.Max(64, paths.Count * 2)))
                (await client.GetAsync(path)).EnsureSuccessStatusCode();
            var cpu = server.CpuTime();
            referenceLoad = await LoadLoop.RunAsync(client, paths, options.Clients, options.Duration, options.MaxRequests);
            referenceCpu = (server.CpuTime() - cpu).TotalMilliseconds / Math.Max(1, referenceLoad.Requests);
            referenceMixed = await MixedLoadAsync(client, PlanMixed(evaluations, set, provinces), reference: true, server.CpuTime);
            Step(
                $"reference summary load: {referenceLoad.Requests:N0} requests, {referenceLoad.RequestsPerSecond:N0}/s, p50 {referenceLoad.P50:0.0} ms, p95 {referenceLoad.P95:0.0} ms, {referenceLoad.Errors} errors"
            );
            foreach (var year in MeasuredYears)
                referenceExports[year] = (await TimeAsync(client, $"/export/{year}?set={sets[BenchSets.For(year)].Id}")).Seconds;
            referencePeak = server.PeakWorkingSet();
        }

        ReportMixed(appMixed, referenceMixed, PlanMixed(evaluations, set, provinces));
        report.Check(
            "summary load without errors",
            appLoad.Errors == 0 && referenceLoad.Errors == 0,
            $"app {appLoad.Errors} errors{(appLoad.FirstError is null ? "" : $" (first: {appLoad.FirstError})")}, reference {referenceLoad.Errors}"
        );
        var loadNote =
            $"{options.Clients} clients, {options.Duration.TotalSeconds:0} s, {provinces.Count} province(s) in turn, year {LoadYear}; "
            + $"app {appLoad.Requests:N0} requests, reference {referenceLoad.Requests:N0}";
        report.Info("province summary p50", appLoad.P50, "ms", referenceLoad.P50);
        report.AtMost("province summary p95", appLoad.P95, "ms", 50, referenceLoad.P95);
        report.AtLeast(
            "province summary throughput",
            appLoad.RequestsPerSecond,
            "requests/s",
            1000,
            referenceLoad.RequestsPerSecond,
            loadNote
        );
        report.Info(
            "server CPU per summary request",
            appCpu,
            "ms",
            referenceCpu,
            "CPU time of the server process during the load loop / requests (not affected by other load on the machine)"
        );
        foreach (var year in MeasuredYears)
            report.AtMost(
                $"national Excel export, {year} ({evaluations[year].Count:N0} communes)",
                appExports[year],
                "s",
                3,
                referenceExports[year],
                year == MeasuredYears[^1]
                    ? $"app: the first request, one build (repeats on unchanged data come from the export cache); reference: the same matrix from SQL and a loop, as CSV, median of {options.Repeat}"
                    : null
            );
        report.AtMost(
            "web app peak working set",
            appPeak / 1048576.0,
            "MB",
            300,
            referencePeak / 1048576.0,
            "VmHWM of the web app's own process (dotnet Mtqg.Web.dll) over all its HTTP work; reference: the reference server's process; "
                + $"each step's own peak in MB: {string.Join(", ", stepPeaks)}"
        );
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);

    private Dictionary<string, string> WebEnvironment() =>
        new(options.WebEnvironment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__Mtqg"] = database.ConnectionString,
            ["Database__MigrateOnStart"] = "false",
            ["Mtqg__Demo"] = "false",
            // One client asking for many files on purpose: the per-client file limit (issue 18) would only add 429s.
            ["Mtqg__ExportRateLimit__PermitPerMinute"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };

    private async Task<(double Seconds, byte[] Body)> TimeAsync(HttpClient client, string path)
    {
        var times = new List<double>();
        byte[] body = [];
        for (var run = 0; run <= options.Repeat; run++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
            if (run > 0)
                times.Add(watch.Elapsed.TotalSeconds);
        }
        return (Median(times), body);
    }

    /// <summary>DESIGN §7: a value saved through the API shows in the very next summary request (no rebuild step).</summary>
    private async Task FreshnessAsync(HttpClient client, LoadedSet set, string province)
    {
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = AdminName, password = adminPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        var summaryPath = $"/api/v1/provinces/{province}/years/{LoadYear}/summary?set={set.Code}";
        var before = await client.GetFromJsonAsync<JsonElement>(summaryPath);
        var commune = before
            .GetProperty("communes")
            .EnumerateArray()
            .First(c => c.GetProperty("criteriaMet").GetInt32() > 0)
            .GetProperty("code")
            .GetString()!;
        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/communes/{commune}/years/{LoadYear}/scorecard?set={set.Code}");
        var criterion = card.GetProperty("criteria").EnumerateArray().First(c => c.GetProperty("status").GetString() == "met");
        var indicator = criterion.GetProperty("indicators").EnumerateArray().First(i => i.GetProperty("status").GetString() == "met");
        var (code, rule, type) = (
            indicator.GetProperty("code").GetString()!,
            indicator.GetProperty("rule").GetString(),
            indicator.GetProperty("type").GetString()
        );
        object failing =
            type == "boolean" ? false
            : rule is "<=" or "<" ? 100
            : 0;
        var number = criterion.GetProperty("number").GetInt32();
        int Met(JsonElement summary) =>
            summary
                .GetProperty("criteria")
                .EnumerateArray()
                .First(c => c.GetProperty("number").GetInt32() == number)
                .GetProperty("communesMet")
                .GetInt32();

        var watch = Stopwatch.StartNew();
        var put = await client.PutAsJsonAsync(
            $"/api/v1/communes/{commune}/years/{LoadYear}/values?set={set.Code}",
            new { values = new Dictionary<string, object> { [code] = failing } }
        );
        put.EnsureSuccessStatusCode();
        var after = await client.GetFromJsonAsync<JsonElement>(summaryPath);
        var seconds = watch.Elapsed.TotalMilliseconds;
        var restore = await client.PutAsJsonAsync(
            $"/api/v1/communes/{commune}/years/{LoadYear}/values?set={set.Code}",
            new { values = new Dictionary<string, JsonElement> { [code] = indicator.GetProperty("value") } }
        );
        restore.EnsureSuccessStatusCode();
        var restored = await client.GetFromJsonAsync<JsonElement>(summaryPath);
        report.Check(
            "a saved value shows in the next summary",
            Met(after) == Met(before) - 1 && Met(restored) == Met(before),
            $"commune {commune}, indicator {code} set to {failing}: criterion {number} met by {Met(before)} → {Met(after)} communes on the next request ({seconds:0} ms for save + summary), {Met(restored)} after restoring"
        );
    }

    /// <summary>One province-year file (the largest of the load year) uploaded over HTTP with a bearer token: the upload endpoint in the web process, counted in its memory.</summary>
    private async Task HttpUploadAsync(HttpClient client)
    {
        var py = uploads.Where(u => u.Year == LoadYear).MaxBy(u => u.Communes.Count)!;
        var set = sets[BenchSets.For(py.Year)];
        var file = new UploadFiles(generator).Build(py, set, csv: false);
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue(ValuesWorkbook.ContentType);
        form.Add(content, "file", file.FileName);
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync($"/api/v1/provinces/{py.ProvinceCode}/years/{py.Year}/workbook?set={set.Code}", form);
        var seconds = watch.Elapsed.TotalSeconds;
        var body = await response.Content.ReadAsStringAsync();
        report.Check(
            "upload over HTTP",
            response.IsSuccessStatusCode,
            $"{(int)response.StatusCode}: {file.Values:N0} values of province {py.ProvinceCode} in {seconds:0.00} s"
        );
        report.Info($"upload one province-year over HTTP ({file.Values:N0} values, .xlsx)", seconds, "s");
        if (!response.IsSuccessStatusCode)
            Console.WriteLine(body);
    }

    /// <summary>Every province's summary from the app matches the hand-written GROUP BY (criteria, levels, bands).</summary>
    private async Task SummariesAgreeAsync(HttpClient client, LoadedSet set, List<string> provinces)
    {
        var differ = new List<string>();
        await using var connection = await database.OpenAsync();
        foreach (var province in provinces)
        {
            var app = await client.GetFromJsonAsync<JsonElement>($"/api/v1/provinces/{province}/years/{LoadYear}/summary?set={set.Code}");
            var reference = await Reference.SummaryAsync(connection, set.Id, province, LoadYear);
            var total = set.Evaluation.Criteria.Count;
            var same =
                app.GetProperty("communesEvaluated").GetInt32() == reference.Communes
                && app.GetProperty("criteria")
                    .EnumerateArray()
                    .All(c =>
                        reference.Criteria.TryGetValue(c.GetProperty("number").GetInt32(), out var r)
                        && r.Met == c.GetProperty("communesMet").GetInt32()
                        && r.Applicable == c.GetProperty("communesApplicable").GetInt32()
                    )
                && app.GetProperty("levels")[0].GetProperty("communes").GetInt32()
                    == reference.CommunesByCriteriaMet.GetValueOrDefault(total)
                && app.GetProperty("bands")
                    .EnumerateArray()
                    .All(b =>
                    {
                        var min = b.GetProperty("minCriteriaMet").GetInt32();
                        var higher = set
                            .Evaluation.Bands.Where(x => x.MinCriteriaMet > min)
                            .Select(x => x.MinCriteriaMet)
                            .DefaultIfEmpty(int.MaxValue)
                            .Min();
                        return b.GetProperty("communes").GetInt32()
                            == reference.CommunesByCriteriaMet.Where(m => m.Key >= min && m.Key < higher).Sum(m => m.Value);
                    });
            if (!same)
                differ.Add(province);
        }
        report.Check(
            "province summaries agree with the reference",
            differ.Count == 0,
            differ.Count == 0 ? $"{provinces.Count} province(s), year {LoadYear}" : $"differ: {string.Join(", ", differ)}"
        );
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Units;

namespace Mtqg.Bench;

/// <summary>
/// The money part of the benchmark (issue 14, DESIGN §7 "province disbursement summary ≤ 200 ms"): the national set of
/// projects bulk-loaded into the app's tables, then the province (largest province) and national disbursement
/// summaries through the web app beside hand-written SQL (<see cref="MoneyReference"/>) in the same run.
/// </summary>
public sealed partial class BenchmarkRun
{
    private string? largestMoneyProvince;
    private int moneyProjects;

    /// <summary>Generates the projects (every province at the national scale, the small scale's province otherwise) and writes them in bulk.</summary>
    private async Task MoneyLoadAsync(InProcessApp app)
    {
        var build = Stopwatch.StartNew();
        Dictionary<string, List<string>> communes;
        List<string> programmes;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var yearEnd = new DateOnly(MoneySet.Year, 12, 31);
            communes = (
                await UnitService
                    .InForce(db.Units.AsNoTracking(), yearEnd)
                    .Where(u => u.Level == UnitLevel.Commune && (u.Kind == UnitKind.Xa || u.Kind == UnitKind.DacKhu))
                    .Select(u => new { u.ProvinceCode, u.Code })
                    .ToListAsync()
            )
                .GroupBy(u => u.ProvinceCode!)
                .ToDictionary(g => g.Key, g => g.Select(u => u.Code).Order(StringComparer.Ordinal).ToList());
            programmes = await db
                .Programmes.AsNoTracking()
                .Where(p => p.ValidFrom <= yearEnd && p.ValidTo >= new DateOnly(MoneySet.Year, 1, 1))
                .OrderBy(p => p.Code)
                .Select(p => p.Code)
                .ToListAsync();
        }
        if (programmes.Count == 0)
            throw new InvalidOperationException($"No programme in force in {MoneySet.Year}: the programme catalogue was not seeded.");
        var shares = MoneySet.Shares(communes.ToDictionary(c => c.Key, c => c.Value.Count));
        var projects = new List<MoneyProject>();
        var firstId = 1;
        foreach (var (province, count) in shares.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            // Ids as at the national scale, so that a province's projects are the same at both scales.
            if (options.National || province == options.Province)
                projects.AddRange(MoneySet.Province(options.Seed, province, count, communes[province], programmes, firstId));
            firstId += count;
        }
        if (projects.Count == 0)
            throw new InvalidOperationException($"No rural commune in {MoneySet.Year} for province {options.Province}.");
        var built = build.Elapsed.TotalSeconds;
        var (rows, seconds) = await MoneySet.InsertAsync(database, projects);
        moneyProjects = projects.Count;
        largestMoneyProvince = projects.GroupBy(p => p.ProvinceCode).MaxBy(g => g.Count())!.Key;
        var largest = projects.Count(p => p.ProvinceCode == largestMoneyProvince);
        var disbursements = projects.Count * MoneySet.Sources.Length * 12;
        report.Dataset["projects"] = projects.Count;
        report.Dataset["projectProvinces"] = projects.Select(p => p.ProvinceCode).Distinct().Count();
        report.Dataset["projectAllocations"] = projects.Count * MoneySet.Sources.Length;
        report.Dataset["projectDisbursements"] = disbursements;
        report.Dataset["projectsOfLargestProvince"] = largest;
        Step(
            $"money: {projects.Count:N0} projects in {shares.Count(s => projects.Any(p => p.ProvinceCode == s.Key))} province(s) "
                + $"(largest {largestMoneyProvince}: {largest:N0}), {disbursements:N0} monthly disbursements, year {MoneySet.Year}: "
                + $"{rows:N0} rows written in bulk in {seconds:0.0} s (generated in {built:0.0} s)"
        );
    }

    /// <summary>Signs the client in as the administrator (the province summary needs a reader of the province).</summary>
    private async Task SignInAsync(HttpClient client)
    {
        if (client.DefaultRequestHeaders.Authorization is not null)
            return;
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = AdminName, password = adminPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    /// <summary>
    /// The province summary of the province with the most projects and the national summary, over HTTP from the web
    /// process, one request after another: the first request (cold: the app has not run these queries yet) and then
    /// p50/p95 of the next ones, each after a commit of this process (so the app computes it again: decision 0008 reuses a
    /// summary only while nothing has been committed), and p95 of as many on unchanged data (reused); the same figures by
    /// hand-written SQL on a connection of this process, timed the same way; one check that both give the same figures.
    /// </summary>
    private async Task DisbursementAsync(HttpClient client, ChildProcess web)
    {
        await SignInAsync(client);
        var province = largestMoneyProvince!;
        var runs = options.National ? 20 : 10;
        // Between the cold request and the measured ones, ten more unmeasured: the web process has just started, and its
        // first requests also pay for the JIT's second pass over EF's code (CPU of the process, not of the summary).
        const int warmUp = 10;
        var provincePath = $"/api/v1/provinces/{province}/years/{MoneySet.Year}/disbursement";
        var nationalPath = $"/api/v1/years/{MoneySet.Year}/disbursement";

        // A commit between two requests moves the database's version: the next request computes the summary again.
        await using var ticks = await database.OpenAsync();
        await using (var create = ticks.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS bench_tick (n integer)";
            await create.ExecuteNonQueryAsync();
        }
        async Task TickAsync()
        {
            await using var insert = ticks.CreateCommand();
            insert.CommandText = "INSERT INTO bench_tick (n) VALUES (1)";
            await insert.ExecuteNonQueryAsync();
        }

        // The national summary sums again only the provinces whose money changed (decision 0032): before each of its requests
        // a December figure of one province (the next in turn) is entered through the app, raised by a million đồng and
        // put back (with a reason) the next time round, so that province is summed again and the data ends as it began.
        var rooms = await MoneyReference.RoomPerProvinceAsync(ticks, MoneySet.Year);
        if (rooms.Count == 0)
            throw new InvalidOperationException($"No project-source with room in December {MoneySet.Year} to enter a month.");
        var raised = new bool[rooms.Count];
        var turn = 0;
        async Task EnterMonthAsync(int index)
        {
            var (_, project, source, cumulative) = rooms[index];
            raised[index] = !raised[index];
            var body = new Dictionary<string, object>
            {
                ["disbursed"] = new[] { new { source, amount = cumulative + (raised[index] ? 1_000_000L : 0L) } },
            };
            if (!raised[index])
                body["correction"] = "Benchmark: trả lại số liệu ban đầu";
            using var saved = await client.PutAsJsonAsync($"/api/v1/projects/{project}/disbursements/{MoneySet.Year}-12", body);
            if (!saved.IsSuccessStatusCode)
                throw new InvalidOperationException(
                    $"PUT disbursement of project {project}: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}"
                );
        }
        Task MonthAsync() => EnterMonthAsync(turn++ % rooms.Count);

        async Task<(double Cold, List<double> Warm, JsonElement Body, int Bytes, double CpuMs, List<double> Unchanged)> AppAsync(
            string path,
            Func<Task> beforeEach
        )
        {
            var times = new List<double>();
            JsonElement body = default;
            var bytes = 0;
            var cpu = TimeSpan.Zero;
            for (var run = 0; run <= warmUp + runs; run++)
            {
                if (run > 0)
                    await beforeEach();
                // The web process's CPU around the measured request only (not around what was entered before it).
                var cpuBefore = web.CpuTime();
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(path);
                var content = await response.Content.ReadAsByteArrayAsync();
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (run > warmUp)
                    cpu += web.CpuTime() - cpuBefore;
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException(
                        $"GET {path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(content)}"
                    );
                if (run == 0)
                    (body, bytes) = (JsonDocument.Parse(content).RootElement.Clone(), content.Length);
            }
            var cpuMs = cpu.TotalMilliseconds / runs;
            var unchanged = new List<double>();
            for (var run = 0; run < runs; run++)
                unchanged.Add((await TimeAsync(client, path)).Seconds * 1000);
            return (times[0], times[(warmUp + 1)..], body, bytes, cpuMs, unchanged);
        }

        async Task<(double Cold, List<double> Warm, T Result, double CpuMs)> ReferenceAsync<T>(
            Func<System.Data.Common.DbConnection, Task<T>> query
        )
        {
            await using var connection = await database.OpenAsync();
            var times = new List<double>();
            T result = default!;
            var cpu = TimeSpan.Zero;
            for (var run = 0; run <= warmUp + runs; run++)
            {
                if (run == warmUp + 1)
                    cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                result = await query(connection);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            return (
                times[0],
                times[(warmUp + 1)..],
                result,
                (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs
            );
        }

        var appProvince = await AppAsync(provincePath, TickAsync);
        var appNational = await AppAsync(nationalPath, MonthAsync);
        for (var index = 0; index < rooms.Count; index++)
            if (raised[index])
                await EnterMonthAsync(index);
        var refProvince = await ReferenceAsync(c => MoneyReference.ProvinceAsync(c, province, MoneySet.Year));
        var refNational = await ReferenceAsync(c => MoneyReference.NationalAsync(c, MoneySet.Year));
        var projects = refProvince.Result.Projects.Count;

        void Figures(
            string what,
            (double Cold, List<double> Warm, double CpuMs, List<double> Unchanged) app,
            (double Cold, List<double> Warm, double CpuMs) reference,
            string note,
            string measured
        )
        {
            var (p50, p95) = (Percentile(app.Warm, 50), Percentile(app.Warm, 95));
            var (r50, r95) = (Percentile(reference.Warm, 50), Percentile(reference.Warm, 95));
            Step(
                $"{what}: cold {app.Cold:0} ms, p50 {p50:0.0} ms, p95 {p95:0.0} ms ({runs} requests); reference cold {reference.Cold:0} ms, p50 {r50:0.0} ms, p95 {r95:0.0} ms"
            );
            report.Info($"{what}, first request (cold)", app.Cold, "ms", reference.Cold);
            report.Info($"{what} p50", p50, "ms", r50);
            report.AtMost($"{what} p95", p95, "ms", 200, r95, note + "; " + measured);
            report.Info(
                $"{what} p95, unchanged data",
                Percentile(app.Unchanged, 95),
                "ms",
                r95,
                "the same request again with nothing committed between: reused (decisions 0008, 0032)"
            );
            report.Info(
                $"{what}, process CPU per request",
                app.CpuMs,
                "ms",
                reference.CpuMs,
                "CPU time of the web process over the warm requests / requests (steadier than wall time on a busy machine); "
                    + "reference: the benchmark's own process, which on PostgreSQL leaves out the backend's work"
            );
        }
        Figures(
            $"province disbursement summary ({province}, {projects:N0} projects)",
            (appProvince.Cold, appProvince.Warm, appProvince.CpuMs, appProvince.Unchanged),
            (refProvince.Cold, refProvince.Warm, refProvince.CpuMs),
            $"GET {provincePath} signed in, one request after another (the first; then {runs} measured after {warmUp} more), {appProvince.Bytes / 1024.0:N0} KB; "
                + $"the province with the most of the {moneyProjects:N0} projects; reference: the same figures by hand-written SQL "
                + "(per project and source, per month, this year and last) and a loop, on a connection of the benchmark's process",
            "each request after a commit (computed afresh)"
        );
        Figures(
            $"national disbursement summary ({refNational.Result.Count} province(s))",
            (appNational.Cold, appNational.Warm, appNational.CpuMs, appNational.Unchanged),
            (refNational.Cold, refNational.Warm, refNational.CpuMs),
            $"GET {nationalPath} (public); reference: allocation and disbursement summed per project, then per province, by hand-written SQL",
            $"each request after a December figure entered through the app in one of {rooms.Count} province(s) in turn (that province "
                + "summed again, decision 0032); the first request sums every province"
        );

        var differ = MoneyReference.Differences(appProvince.Body, refProvince.Result);
        report.Check(
            "province disbursement summary agrees with the reference",
            differ.Count == 0,
            differ.Count == 0
                ? $"{province}: {projects:N0} projects, allocated {refProvince.Result.Allocated:N0} đồng, disbursed {refProvince.Result.Disbursed:N0} đồng, "
                    + "by programme, source, investor, month and project"
                : string.Join("; ", differ.Take(5))
        );
        var nationalDiffer = MoneyReference.Differences(appNational.Body, refNational.Result);
        report.Check(
            "national disbursement summary agrees with the reference",
            nationalDiffer.Count == 0,
            nationalDiffer.Count == 0
                ? $"{refNational.Result.Count} province(s), allocated {refNational.Result.Values.Sum(v => v.Allocated):N0} đồng, "
                    + $"disbursed {refNational.Result.Values.Sum(v => v.Disbursed):N0} đồng"
                : string.Join("; ", nationalDiffer.Take(5))
        );
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? double.NaN
            : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.CriteriaSets;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Dashboards;
using Mtqg.Web.Features.Scorecards.Evaluation;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Bench;

/// <summary>
/// One benchmark run (DESIGN §7): builds the data set through the app's own services, imports it
/// through the Excel/CSV upload service, evaluates from the database, then starts the web app as its
/// own process on loopback for the HTTP figures and its memory, and measures every figure again with
/// hand-written SQL (<see cref="Reference"/>) in the same run.
/// </summary>
public sealed partial class BenchmarkRun(Options options)
{
    private const string AdminName = "bench.admin";
    private static readonly int[] Years = [.. Enumerable.Range(2021, 10)];

    /// <summary>The years evaluated and exported: the last pre-reform year (63 provinces' communes) and the first full post-reform one.</summary>
    private static readonly int[] MeasuredYears = [2024, 2026];
    private const int LoadYear = 2026;

    private readonly string adminPassword = $"Bench-{Guid.NewGuid():N}-aA1!";
    private readonly ValueGenerator generator = new(options.Seed);
    private readonly Dictionary<string, LoadedSet> sets = [];
    private readonly List<ProvinceYear> uploads = [];
    private Report report = null!;
    private BenchDatabase database = null!;

    public async Task<int> RunAsync()
    {
        var total = Stopwatch.StartNew();
        await using var db = database = await BenchDatabase.CreateAsync(options.Postgres, options.Keep);
        report = new Report(options.Scale, database.Description, Machine.Current(), options.Seed);
        Console.WriteLine($"MTQG benchmark: scale {options.Scale}, {database.Description}, seed {options.Seed}");

        var evaluations = new Dictionary<int, List<(AdministrativeUnitRow Commune, Mtqg.Domain.Evaluation.Scorecard Card, int Values)>>();
        await using (var app = new InProcessApp(AppSettings()))
        {
            var started = Stopwatch.StartNew();
            _ = app.Services; // migrations, units, national criteria sets, the administrator
            Step($"app started on a new database: migrations and units in {started.Elapsed.TotalSeconds:0.0} s");
            if (!options.MoneyOnly)
            {
                await SetUpAsync(app);
                await ImportAsync(app);
            }
            await MoneyLoadAsync(app);
            await PovertyLoadAsync(app);
            await AnalyzeAsync();
            if (!options.MoneyOnly)
            {
                await AllOrNothingAsync(app);
                await ReferenceImportAsync();
                foreach (var year in MeasuredYears)
                    evaluations[year] = await EvaluateAsync(app, year);
                await SummaryServiceAsync(app);
            }
        }
        database.ClearPools();
        var (bytes, free) = await database.SizeBytesAsync();
        var megabytes = bytes / 1048576.0;
        report.Info(
            "database size with the data set",
            megabytes,
            "MB",
            note: database.IsPostgres ? "pg_database_size" : "the SQLite file after a checkpoint (WAL empty)"
        );
        if (!database.IsPostgres)
            report.Info(
                "database free pages (left by deletes, reused by later writes)",
                free / 1048576.0,
                "MB",
                note: "PRAGMA freelist_count × page_size: mostly the reference import's table (as many rows as the import), dropped after it"
            );
        // Issue 19 item 2: the size per million indicator values (the file holds the money, poverty and audit rows too).
        await using (var connection = await database.OpenAsync())
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM \"IndicatorValues\"";
            var values = Convert.ToInt64(await count.ExecuteScalarAsync());
            if (values > 0)
            {
                report.Info("database size per million indicator values (everything stored included)", megabytes / (values / 1e6), "MB");
                if (!database.IsPostgres)
                    report.Info(
                        "database size less free pages, per million indicator values (everything stored included)",
                        (bytes - free) / 1048576.0 / (values / 1e6),
                        "MB"
                    );
            }
        }

        await HttpAsync(evaluations);

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

    private Dictionary<string, string> AppSettings() =>
        new()
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Mtqg"] = database.ConnectionString,
            ["Mtqg:Demo"] = "false",
            ["Mtqg:Admin:UserName"] = AdminName,
            ["Mtqg:Admin:Password"] = adminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        };

    private static void Step(string text) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

    private static ClaimsPrincipal Admin => InProcessApp.Admin(AdminName);

    /// <summary>The scope with the administrator acting in it (the import and group services ask AccessPolicy).</summary>
    private static AsyncServiceScope AsAdmin(AsyncServiceScope scope)
    {
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(Admin);
        return scope;
    }

    /// <summary>The two sets through CriteriaSetService, the communes of each year, and every commune's group through GroupAssignmentService.</summary>
    private async Task SetUpAsync(InProcessApp app)
    {
        foreach (var code in new[] { BenchSets.Before, BenchSets.After })
        {
            // Created as a draft and published, as an administrator does through the API (DESIGN §9).
            await using var scope = AsAdmin(app.Scope());
            var service = scope.ServiceProvider.GetRequiredService<CriteriaSetService>();
            var outcome = await service.CreateAsync(BenchSets.Document(code), default);
            if (outcome.IsDone)
                outcome = await service.PublishAsync(code, default);
            if (!outcome.IsDone)
                throw new InvalidOperationException(
                    $"Criteria set {code} refused: {outcome.Message} {string.Join("; ", outcome.Problems.Select(p => $"{p.Field}: {p.Message}"))}"
                );
            sets[code] = (
                await scope
                    .ServiceProvider.GetRequiredService<SetCatalog>()
                    .GetAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), code, default)
            )!;
        }

        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var lineage = scope.ServiceProvider.GetRequiredService<ProvinceLineage>();
            var oldProvinces = await lineage.OldProvincesOfAsync(options.Province);
            foreach (var year in Years)
            {
                var inForce = UnitService.InForce(db.Units.AsNoTracking(), ScorecardService.YearEnd(year));
                var provinces = await inForce.Where(u => u.Level == UnitLevel.Province).ToDictionaryAsync(u => u.Code, u => u.FullName);
                var communes = await inForce
                    .Where(u => u.Level == UnitLevel.Commune && (u.Kind == UnitKind.Xa || u.Kind == UnitKind.DacKhu))
                    .OrderBy(u => u.Code)
                    .Select(u => new Commune(u.Id, u.Code, u.FullName, u.ProvinceCode))
                    .ToListAsync();
                // Small scale: one province of today and, before the reform, the provinces that went into it.
                var wanted =
                    options.National ? null
                    : year >= 2025 ? [options.Province]
                    : oldProvinces;
                foreach (var province in communes.GroupBy(c => c.ProvinceCode).OrderBy(g => g.Key))
                    if (wanted is null || wanted.Contains(province.Key))
                        uploads.Add(new ProvinceYear(province.Key, provinces[province.Key], year, [.. province]));
            }
        }
        if (uploads.Count == 0)
            throw new InvalidOperationException($"No rural commune found for province {options.Province}.");

        var assigned = 0;
        foreach (var (setCode, byScope) in uploads.GroupBy(u => BenchSets.For(u.Year)).Select(g => (g.Key, g)))
        {
            var set = sets[setCode];
            var units = byScope.SelectMany(py => py.Communes.Select(c => (py.Year, Commune: c))).DistinctBy(x => x.Commune.Id);
            foreach (
                var batch in units.GroupBy(x => (x.Commune.ProvinceCode, x.Year < 2025, Group: generator.Group(setCode, x.Commune.Code)))
            )
            {
                await using var scope = AsAdmin(app.Scope());
                var ids = batch.Select(x => x.Commune.Id).ToList();
                var outcome = await scope
                    .ServiceProvider.GetRequiredService<GroupAssignmentService>()
                    .AssignAsync(set, batch.Key.ProvinceCode, batch.First().Year, ids, batch.Key.Group, default);
                if (!outcome.IsDone)
                    throw new InvalidOperationException($"Group assignment refused: {outcome.Message}");
                assigned += ids.Count;
            }
        }
        var communeYears = uploads.Sum(u => u.Communes.Count);
        report.Dataset["provinceYears"] = uploads.Count;
        report.Dataset["communeYears"] = communeYears;
        report.Dataset["sets"] = sets
            .Values.Select(s => new
            {
                s.Code,
                indicators = s.Indicators.Count,
                criteria = s.Evaluation.Criteria.Count,
            })
            .ToList();
        Step(
            $"2 criteria sets created ({string.Join(", ", sets.Values.Select(s => $"{s.Code}: {s.Evaluation.Criteria.Count} criteria, {s.Indicators.Count} indicators"))}); "
                + $"{assigned:N0} group assignments; {uploads.Count} province-year files for {communeYears:N0} commune-years"
        );
    }

    /// <summary>EvaluationService.EvaluateAsync for every rural commune of the country (its queries included), median of the runs; then the reference.</summary>
    private async Task<List<(AdministrativeUnitRow Commune, Mtqg.Domain.Evaluation.Scorecard Card, int Values)>> EvaluateAsync(
        InProcessApp app,
        int year
    )
    {
        var set = sets[BenchSets.For(year)];
        List<(AdministrativeUnitRow Commune, Mtqg.Domain.Evaluation.Scorecard Card, int Values)> results = [];
        var times = new List<double>();
        for (var run = 0; run <= options.Repeat; run++)
        {
            await using var scope = app.Scope();
            var service = scope.ServiceProvider.GetRequiredService<EvaluationService>();
            var watch = Stopwatch.StartNew();
            results = await service.EvaluateAsync(set, year, null, default);
            if (run > 0)
                times.Add(watch.Elapsed.TotalMilliseconds); // run 0 warms up
        }
        var referenceTimes = new List<double>();
        ReferenceEvaluation reference = null!;
        await using (var connection = await database.OpenAsync())
            for (var run = 0; run <= options.Repeat; run++)
            {
                var watch = Stopwatch.StartNew();
                reference = await Reference.EvaluateAsync(connection, set.Id, year);
                if (run > 0)
                    referenceTimes.Add(watch.Elapsed.TotalMilliseconds);
            }
        var median = Median(times);
        var referenceMedian = Median(referenceTimes);
        var withValues = results.Count(r => r.Values > 0);
        Step(
            $"evaluate {year}: {results.Count:N0} communes ({withValues:N0} with values) in {median:0} ms (runs: {string.Join(", ", times.Select(t => t.ToString("0")))}); reference {referenceMedian:0} ms"
        );
        report.AtMost($"evaluate every commune, {year} ({results.Count:N0})", median, "ms", 300, referenceMedian);

        var referenceMet = reference.UnitIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => reference.CriteriaMet[x.i]);
        var disagree = results
            .Where(r =>
                !referenceMet.TryGetValue(r.Commune.Id, out var met)
                || met != r.Card.CriteriaMet
                || r.Card.CriteriaTotal != reference.CriteriaTotal
            )
            .ToList();
        report.Check(
            $"evaluation {year} agrees with the reference",
            disagree.Count == 0 && results.Count == reference.UnitIds.Length,
            disagree.Count == 0 && results.Count == reference.UnitIds.Length
                ? $"{results.Count:N0} communes, {results.Sum(r => r.Card.CriteriaMet):N0} criteria met, {results.Count(r => r.Card.Reached.Count > 0):N0} reach {set.LowestLevel}"
                : $"{disagree.Count} communes differ (first: {disagree.FirstOrDefault().Commune?.Code}); app {results.Count} communes, reference {reference.UnitIds.Length}"
        );
        return results;
    }

    /// <summary>ProvinceSummaryAsync called in process, one province after another: the service's own cost per request, without HTTP or JSON.</summary>
    private async Task SummaryServiceAsync(InProcessApp app)
    {
        var set = sets[BenchSets.For(LoadYear)];
        var provinces = uploads.Where(u => u.Year == LoadYear).Select(u => u.ProvinceCode).ToList();
        async Task CallAsync(string province)
        {
            await using var scope = app.Scope();
            var (summary, outcome) = await scope
                .ServiceProvider.GetRequiredService<SummaryService>()
                .ProvinceSummaryAsync(province, LoadYear, set.Code, default);
            if (summary is null)
                throw new InvalidOperationException($"Summary of {province}: {outcome.Message}");
        }
        foreach (var province in provinces)
            await CallAsync(province);
        var calls = Math.Max(100, provinces.Count * 3);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
            await CallAsync(provinces[i % provinces.Count]);
        var ms = watch.Elapsed.TotalMilliseconds / calls;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / calls;
        var kb = (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / calls;
        Step($"province summary in process: {ms:0.00} ms per call, {cpuMs:0.00} ms CPU, {kb:N0} KB allocated ({calls} calls)");
        report.Info(
            "province summary, service call in process",
            ms,
            "ms",
            note: $"{calls} sequential calls of SummaryService.ProvinceSummaryAsync: {cpuMs:0.00} ms CPU and {kb:N0} KB allocated per call"
        );
    }

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);
}

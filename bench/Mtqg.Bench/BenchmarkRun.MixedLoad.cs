using System.Globalization;
using System.Net.Http.Json;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Evaluation;

namespace Mtqg.Bench;

/// <summary>
/// Issue 19 item 1: data-entry season. The same clients as the summary load, but one request in ten saves one value through
/// the API (so every cached summary is invalidated) and the rest read a province summary or a commune scorecard in turn —
/// against the app and, with the same mix, against the reference server (hand-written SQL: the summary query, the commune's
/// values, an UPDATE of one value).
/// </summary>
public sealed partial class BenchmarkRun
{
    /// <summary>The communes written and read by the mixed loop, and the percent indicator written (a value they all hold).</summary>
    private sealed record MixedPlan(
        IReadOnlyList<AdministrativeUnitRow> Communes,
        IReadOnlyList<string> Provinces,
        SetIndicator Indicator,
        LoadedSet Set
    );

    private MixedPlan PlanMixed(
        Dictionary<int, List<(AdministrativeUnitRow Commune, Mtqg.Domain.Evaluation.Scorecard Card, int Values)>> evaluations,
        LoadedSet set,
        IReadOnlyList<string> provinces
    )
    {
        var indicator = MixedIndicator(set);
        var communes = evaluations[LoadYear]
            .Where(e => provinces.Contains(e.Commune.ProvinceCode) && e.Values > 0)
            .Select(e => e.Commune)
            .Take(400)
            .ToList();
        return new MixedPlan(communes, provinces, indicator, set);
    }

    /// <summary>The percent indicator the mix writes: one typed by the commune.</summary>
    private static SetIndicator MixedIndicator(LoadedSet set) =>
        set.Indicators.Values.Where(i => i.Type == IndicatorType.Percent && i.Source is null).OrderBy(i => i.Id).First();

    /// <summary>Where the warm-up's requests are numbered from (its writes alternate values like the measured ones).</summary>
    private const int WarmUpOffset = 1_000_000;

    /// <summary>The n-th request of the mix: every tenth a write, otherwise a summary or a scorecard in turn.</summary>
    private static (string Kind, HttpRequestMessage Request) MixedRequest(MixedPlan plan, int n, bool reference)
    {
        var commune = plan.Communes[(n / 10) % plan.Communes.Count];
        // 60 or 70 in turn: valid for a percent indicator, and a real change each time a commune comes round again.
        var value = 60 + 10 * ((n / 10 / plan.Communes.Count) % 2);
        if (n % 10 == 0)
            return (
                "write",
                reference
                    ? new HttpRequestMessage(
                        HttpMethod.Put,
                        $"/value/{commune.Id}/{LoadYear}/{plan.Indicator.Id}?value={value.ToString(CultureInfo.InvariantCulture)}"
                    )
                    : new HttpRequestMessage(HttpMethod.Put, $"/api/v1/communes/{commune.Code}/years/{LoadYear}/values?set={plan.Set.Code}")
                    {
                        Content = JsonContent.Create(new { values = new Dictionary<string, int> { [plan.Indicator.Code] = value } }),
                    }
            );
        var read = plan.Communes[(n * 7) % plan.Communes.Count];
        if (n % 2 == 0)
            return (
                "scorecard",
                new HttpRequestMessage(
                    HttpMethod.Get,
                    reference
                        ? $"/scorecard/{read.Id}/{LoadYear}"
                        : $"/api/v1/communes/{read.Code}/years/{LoadYear}/scorecard?set={plan.Set.Code}"
                )
            );
        var province = plan.Provinces[n % plan.Provinces.Count];
        return (
            "summary",
            new HttpRequestMessage(
                HttpMethod.Get,
                reference
                    ? $"/summary/{province}/{LoadYear}?set={plan.Set.Id}"
                    : $"/api/v1/provinces/{province}/years/{LoadYear}/summary?set={plan.Set.Code}"
            )
        );
    }

    private async Task<(LoadResult Load, double CpuMs)> MixedLoadAsync(
        HttpClient client,
        MixedPlan plan,
        bool reference,
        Func<TimeSpan> cpuTime
    )
    {
        // A second of the same mix first, not counted: data-entry season finds the app warm (the write and scorecard paths
        // compiled, the summaries cached), and the measured seconds should not be its first requests.
        await LoadLoop.RunAsync(
            client,
            n => MixedRequest(plan, WarmUpOffset + n, reference),
            options.Clients,
            TimeSpan.FromSeconds(1),
            2_000
        );
        var cpu = cpuTime();
        var result = await LoadLoop.RunAsync(
            client,
            n => MixedRequest(plan, n, reference),
            options.Clients,
            options.Duration,
            options.MaxRequests
        );
        Step(
            $"{(reference ? "reference " : "")}mixed load: {result.Requests:N0} requests, {result.RequestsPerSecond:N0}/s, {result.Errors} errors"
                + (result.FirstError is null ? "" : $" (first: {result.FirstError})")
                + "; "
                + string.Join(
                    ", ",
                    result.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value.Requests:N0} p95 {k.Value.P95:0.0} ms")
                )
        );
        return (result, (cpuTime() - cpu).TotalMilliseconds / Math.Max(1, result.Requests));
    }

    private void ReportMixed((LoadResult Load, double CpuMs) appRun, (LoadResult Load, double CpuMs) referenceRun, MixedPlan plan)
    {
        var (app, reference) = (appRun.Load, referenceRun.Load);
        double P95(LoadResult r, string kind) => r.ByKind.TryGetValue(kind, out var k) ? k.P95 : double.NaN;
        var note =
            $"{options.Clients} clients, {options.Duration.TotalSeconds:0} s; one request in ten saves one value ({plan.Indicator.Code}) of one of "
            + $"{plan.Communes.Count} communes, the rest read summaries of {plan.Provinces.Count} province(s) and scorecards in turn";
        report.Check(
            "mixed load without errors",
            app.Errors == 0 && reference.Errors == 0,
            $"app {app.Errors} errors{(app.FirstError is null ? "" : $" (first: {app.FirstError})")}, reference {reference.Errors}"
        );
        report.AtMost("mixed load: province summary p95", P95(app, "summary"), "ms", 100, P95(reference, "summary"), note);
        report.Info("mixed load: commune scorecard p95", P95(app, "scorecard"), "ms", P95(reference, "scorecard"));
        report.Info("mixed load: value save p95", P95(app, "write"), "ms", P95(reference, "write"));
        report.AtLeast("mixed load throughput", app.RequestsPerSecond, "requests/s", 500, reference.RequestsPerSecond, note);
        // What a request costs the server, whatever else the machine is doing (the latencies above are not).
        report.Info("server CPU per mixed request", appRun.CpuMs, "ms", referenceRun.CpuMs);
    }
}

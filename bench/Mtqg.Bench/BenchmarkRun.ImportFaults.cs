using System.Diagnostics;
using Mtqg.Web.Features.Scorecards;

namespace Mtqg.Bench;

/// <summary>Issue 18 item 9: kill -9 during an import (<c>--faults</c>, docs/reliability.md).</summary>
public sealed partial class BenchmarkRun
{
    private ImportFaults imports = null!;

    /// <summary>
    /// The two workbooks of the largest province-year of the load year from two seeds (A and B: most values differ); A is
    /// uploaded in the set-up's app, through its API, so the first web process replaces it.
    /// </summary>
    private async Task PrepareImportAsync(InProcessApp app)
    {
        imports = new ImportFaults(this);
        using var admin = await SignedInAsync(app.CreateClient(), AdminName, adminPassword);
        await ExpectAsync(await UploadAsync(admin, imports.Py, imports.Set, imports.Files[0]));
    }

    /// <summary>
    /// Each round uploads the other file to a process that has not uploaded yet, kills it with SIGKILL after a random delay
    /// within 1.2 × the time a replacing upload takes in a process just started, starts the app again on the same database
    /// and reads the province-year back: its values must be all the old ones (and no new audit row) or all the new ones (and
    /// one import audit row per commune changed); an upload answered before the kill must be all new.
    /// </summary>
    private sealed class ImportFaults
    {
        private readonly BenchmarkRun run;
        private readonly Dictionary<(int, int), decimal>[] cells;
        private readonly Random random;
        private readonly List<string> failures = [];
        private readonly List<double> restarts = [];
        private int current;
        private double replaceSeconds;
        private int killedInFlight,
            answered,
            allOld,
            allNew;

        public ImportFaults(BenchmarkRun run)
        {
            this.run = run;
            Py = run.uploads.Where(u => u.Year == LoadYear).MaxBy(u => u.Communes.Count)!;
            Set = run.sets[BenchSets.For(Py.Year)];
            var generators = new[] { run.generator, new ValueGenerator(run.Opts.Seed + 1) };
            Files = [.. generators.Select(g => new UploadFiles(g).Build(Py, Set, csv: false))];
            cells =
            [
                .. generators.Select(g =>
                    new UploadFiles(g).Cells(Py, Set).ToDictionary(c => (c.Commune.Id, c.Indicator.Id), c => c.Value)
                ),
            ];
            random = new Random(run.Opts.Seed);
        }

        public ProvinceYear Py { get; }
        public LoadedSet Set { get; }
        public UploadFile[] Files { get; }

        /// <summary>File B replacing A (uploaded in the set-up) in a process just started: the upload's usual duration in every round.</summary>
        public async Task MeasureAsync(WebNode node)
        {
            var watch = Stopwatch.StartNew();
            await ExpectAsync(await UploadAsync(node.Client, Py, Set, Files[1]));
            replaceSeconds = watch.Elapsed.TotalSeconds;
            current = 1;
            Step(
                $"upload of {Files[1].Values:N0} values of province {Py.ProvinceCode} replacing the other file in a fresh process: {replaceSeconds:0.00} s"
            );
        }

        public async Task<WebNode> RoundAsync(int round, WebNode node)
        {
            var next = 1 - current;
            var before = await run.StoredAsync(Py);
            var expected = new Dictionary<(int, int), decimal>(before.Values);
            foreach (var (key, value) in cells[next])
                expected[key] = value;
            var communesChanged = cells[next]
                .Where(c => !before.Values.TryGetValue(c.Key, out var old) || old != c.Value)
                .Select(c => c.Key.Item1)
                .Distinct()
                .Count();
            var delay = TimeSpan.FromSeconds(random.NextDouble() * 1.2 * replaceSeconds);

            var upload = UploadAsync(node.Client, Py, Set, Files[next]);
            await Task.WhenAny(upload, Task.Delay(delay));
            var wasAnswered = upload.IsCompletedSuccessfully && upload.Result.IsSuccessStatusCode;
            (node, var seconds) = await run.KillAndRestartAsync(node, DisposeAnswerAsync(upload));
            restarts.Add(seconds);

            using var summary = await node.Client.GetAsync($"/api/v1/provinces/{Py.ProvinceCode}/years/{Py.Year}/summary?set={Set.Code}");
            var after = await run.StoredAsync(Py);
            var old = Same(after.Values, before.Values) && after.Audit == before.Audit;
            var @new = Same(after.Values, expected) && after.Audit == before.Audit + communesChanged;
            Step(
                $"import round {round}: killed after {delay.TotalSeconds:0.00} s ({(wasAnswered ? "already answered" : "upload in flight")}); "
                    + $"after restart {(old ? "all old" : @new ? "all new" : "MIXED")}, {after.Values.Count:N0} values, {after.Audit - before.Audit} new import audit rows "
                    + $"(expected 0 or {communesChanged}); summary {(int)summary.StatusCode}"
            );
            if (wasAnswered)
                answered++;
            else
                killedInFlight++;
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
            return node;
        }

        public void Report(int rounds)
        {
            run.report.Check(
                "kill -9 during an import: all old or all new",
                failures.Count == 0,
                $"{rounds} rounds of {Files[0].Values:N0} values: {killedInFlight} killed with the upload in flight, {answered} after its answer; "
                    + $"after the restart {allOld} all old, {allNew} all new, audit rows agreeing"
                    + (failures.Count == 0 ? "" : $"; FAILURES: {string.Join("; ", failures)}")
            );
            run.report.Info(
                "kill -9 during an import: restart",
                restarts.Count == 0 ? double.NaN : restarts.Average(),
                "s",
                note: $"mean time to start the app again and sign in after a SIGKILL ({restarts.Count} restarts); kills after a random delay up to 1.2 × {replaceSeconds:0.00} s, the time a replacing upload took in a fresh process"
            );
        }
    }
}

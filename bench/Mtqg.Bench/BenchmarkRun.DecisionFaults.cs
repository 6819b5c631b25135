using System.Diagnostics;
using System.Net;

namespace Mtqg.Bench;

/// <summary>Issue 18 item 9: kill -9 during a dossier decision, and the rounds of both kinds (<c>--faults</c>, docs/reliability.md).</summary>
public sealed partial class BenchmarkRun
{
    /// <summary>Dossiers a decision of the fault rounds recognises at once (fewer when the province has too few communes).</summary>
    private const int DecisionBatch = 5;

    /// <summary>Communes of the load year's province kept back for the decision of the two-node part.</summary>
    private const int TwoNodeBatch = 3;

    /// <summary>
    /// The kill rounds with as few starts as the checks allow: a process just started times a replacing upload and then a
    /// decision (each the first of its kind there); then each round kills an upload and, in the process started after that
    /// kill (which has not decided anything yet), a decision. Returns the process started after the last kill.
    /// </summary>
    private async Task<WebNode> KillRoundsAsync()
    {
        var decisions = new DecisionFaults(this);
        var node = await StartNodeAsync("web app");
        try
        {
            await imports.MeasureAsync(node);
            await decisions.MeasureAsync(node);
            for (var round = 1; round <= options.FaultRounds; round++)
            {
                node = await imports.RoundAsync(round, node);
                node = await decisions.RoundAsync(round, node);
            }
            await decisions.SendAgainAsync(node);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        imports.Report(options.FaultRounds);
        decisions.Report(options.FaultRounds);
        return node;
    }

    /// <summary>
    /// Batches of dossiers awaiting the decision are prepared in the set-up (one per round and one to time). Each round sends
    /// the decision on its own batch to a process that has not decided yet, kills it with SIGKILL after a random delay within
    /// 1.2 × the time the timed decision took, starts the app again on the same database and reads the batch back with
    /// ADO.NET: the decision must be all there (its row, every dossier recognised by it, one title and one timeline line
    /// each, the audit rows the timed decision wrote) or not at all (every dossier still awaiting it, no title, no such
    /// line, no audit row); a decision answered before the kill must be all there. At the end the API is sent every round's
    /// decision again: it records one left undone (201) and reports one already made (409), and a third sending is refused;
    /// every batch is then recognised.
    /// </summary>
    private sealed class DecisionFaults(BenchmarkRun run)
    {
        private readonly List<List<int>> batches = run.decisionBatches;
        private readonly Random random = new(run.Opts.Seed + 2);
        private readonly List<string> failures = [];
        private readonly List<int> leftUndone = [];
        private DecisionState timed = null!;
        private double decisionSeconds;
        private int killedInFlight,
            answered,
            allOld,
            allNew,
            recorded,
            refused;

        private int PerDecision => batches[0].Count;

        public async Task MeasureAsync(WebNode node)
        {
            var auditBefore = await run.LastAuditIdAsync();
            var watch = Stopwatch.StartNew();
            await ExpectAsync(await DecideAsync(node.Client, DecisionNumber(0), batches[0]), HttpStatusCode.Created);
            decisionSeconds = watch.Elapsed.TotalSeconds;
            timed = await run.DecisionStateAsync(batches[0], DecisionNumber(0), auditBefore);
            Step($"decision on {PerDecision} dossiers in a fresh process: {decisionSeconds:0.00} s; it wrote {timed}");
        }

        public async Task<WebNode> RoundAsync(int round, WebNode node)
        {
            var batch = batches[round];
            var number = DecisionNumber(round);
            var auditBefore = await run.LastAuditIdAsync();
            var before = await run.DecisionStateAsync(batch, number, auditBefore);
            if (before.Awaiting != batch.Count)
                throw new InvalidOperationException($"Decision round {round}: the batch is not awaiting the decision ({before}).");
            var delay = TimeSpan.FromSeconds(random.NextDouble() * 1.2 * decisionSeconds);

            var decision = DecideAsync(node.Client, number, batch);
            await Task.WhenAny(decision, Task.Delay(delay));
            var wasAnswered = decision.IsCompletedSuccessfully;
            if (wasAnswered && decision.Result.StatusCode != HttpStatusCode.Created)
                failures.Add($"round {round}: the decision answered {(int)decision.Result.StatusCode} before the kill, not 201");
            (node, _) = await run.KillAndRestartAsync(node, DisposeAnswerAsync(decision));

            var after = await run.DecisionStateAsync(batch, number, auditBefore);
            var old =
                after.Decisions == 0
                && after.Awaiting == batch.Count
                && after.Titles == 0
                && after.RecognisedEvents == 0
                && after.Events == before.Events
                && after.AuditRows == 0;
            var @new =
                after.Decisions == 1
                && after.Recognised == batch.Count
                && after.Titles == batch.Count
                && after.RecognisedEvents == batch.Count
                && after.Events == before.Events + timed.RecognisedEvents
                && after.Audit.Count == timed.Audit.Count
                && timed.Audit.All(a => after.Audit.GetValueOrDefault(a.Key) == a.Value);
            Step(
                $"decision round {round}: killed after {delay.TotalSeconds:0.00} s ({(wasAnswered ? "already answered" : "decision in flight")}); "
                    + $"after restart {(old ? "all old" : @new ? "all new" : "MIXED")}: {after}"
            );
            if (wasAnswered)
                answered++;
            else
                killedInFlight++;
            if (old)
            {
                allOld++;
                leftUndone.Add(round);
            }
            if (@new)
                allNew++;
            if (!old && !@new)
                failures.Add($"round {round}: neither all old nor all new ({after})");
            else if (wasAnswered && !@new)
                failures.Add($"round {round}: answered 201 but not all new after the restart");
            return node;
        }

        /// <summary>The API after the restarts: a decision left undone is recorded once, one already made is reported as such.</summary>
        public async Task SendAgainAsync(WebNode node)
        {
            for (var round = 1; round < batches.Count; round++)
            {
                var number = DecisionNumber(round);
                var expected = leftUndone.Contains(round) ? HttpStatusCode.Created : HttpStatusCode.Conflict;
                using (var again = await DecideAsync(node.Client, number, batches[round]))
                    if (again.StatusCode != expected)
                        failures.Add($"round {round}: sent again, the decision answered {(int)again.StatusCode}, expected {(int)expected}");
                    else if (expected == HttpStatusCode.Created)
                        recorded++;
                    else
                        refused++;
                using (var third = await DecideAsync(node.Client, number, batches[round]))
                    if (third.StatusCode != HttpStatusCode.Conflict)
                        failures.Add($"round {round}: sent a last time, the decision answered {(int)third.StatusCode}, expected 409");
                var final = await run.DecisionStateAsync(batches[round], number, long.MaxValue);
                if (final.Decisions != 1 || final.Recognised != batches[round].Count || final.Titles != batches[round].Count)
                    failures.Add($"round {round}: at the end {final}");
            }
        }

        public void Report(int rounds)
        {
            run.report.Check(
                "kill -9 during a dossier decision: all old or all new",
                failures.Count == 0,
                $"{rounds} decisions on {PerDecision} dossiers each: {killedInFlight} killed with the decision in flight, {answered} after its answer; "
                    + $"after the restart {allOld} all old, {allNew} all new (decision row, dossiers, titles, timeline, audit rows); "
                    + $"sent again: {recorded} recorded once, {refused} reported as already made"
                    + (failures.Count == 0 ? "" : $"; FAILURES: {string.Join("; ", failures)}")
            );
            run.report.Info(
                "kill -9 during a dossier decision: decision time",
                decisionSeconds,
                "s",
                note: $"the decision on {PerDecision} dossiers in a fresh process; kills after a random delay up to 1.2 × this"
            );
        }
    }

    private static string DecisionNumber(int round) => $"{1000 + round}/QĐ-UBND";
}

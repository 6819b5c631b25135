using System.Diagnostics;
using System.Net;

namespace Mtqg.Bench;

/// <summary>Issue 18 item 9: kill -9 during a dossier decision (<c>--faults</c>, docs/reliability.md).</summary>
public sealed partial class BenchmarkRun
{
    /// <summary>Dossiers a decision of the fault rounds recognises at once (fewer when the province has too few communes).</summary>
    private const int DecisionBatch = 5;

    /// <summary>Communes of the load year's province kept back for the decision of the two-node part.</summary>
    private const int TwoNodeBatch = 3;

    /// <summary>
    /// Batches of dossiers awaiting the decision are prepared through the API (one per round and one to time); the decision
    /// on the first batch is timed in a process just started. Each round then sends the decision on its own batch to a freshly
    /// started process, kills it with SIGKILL after a random delay within 1.2 × that time, starts the app again on the same
    /// database and reads the batch back with ADO.NET: the decision must be all there (its row, every dossier recognised by
    /// it, one title and one timeline line each, the audit rows the timed decision wrote) or not at all (every dossier still
    /// awaiting it, no title, no such line, no audit row); a decision answered before the kill must be all there. At the
    /// end the API is sent every round's decision again: it records one left undone (201) and reports one already made (409),
    /// and a third sending is refused; every batch is then recognised.
    /// </summary>
    private async Task KillDuringDecisionAsync()
    {
        var batches = decisionBatches;
        var perDecision = batches[0].Count;
        var node = await StartNodeAsync("web app");
        double decisionSeconds;
        DecisionState timed;
        try
        {
            var auditBefore = await LastAuditIdAsync();
            var watch = Stopwatch.StartNew();
            await ExpectAsync(await DecideAsync(node.Client, DecisionNumber(0), batches[0]), HttpStatusCode.Created);
            decisionSeconds = watch.Elapsed.TotalSeconds;
            timed = await DecisionStateAsync(batches[0], DecisionNumber(0), auditBefore);
            Step($"decision on {perDecision} dossiers in a fresh process: {decisionSeconds:0.00} s; it wrote {timed}");
            // Each round runs in a process just started, as the timed decision did.
            await node.DisposeAsync();
            node = await StartNodeAsync("web app");
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        var random = new Random(options.Seed + 2);
        var (killedInFlight, answered, allOld, allNew, failures) = (0, 0, 0, 0, new List<string>());
        var leftUndone = new List<int>();
        for (var round = 1; round <= options.FaultRounds; round++)
        {
            var batch = batches[round];
            var number = DecisionNumber(round);
            var auditBefore = await LastAuditIdAsync();
            var before = await DecisionStateAsync(batch, number, auditBefore);
            if (before.Awaiting != batch.Count)
                throw new InvalidOperationException($"Decision round {round}: the batch is not awaiting the decision ({before}).");
            var delay = TimeSpan.FromSeconds(random.NextDouble() * 1.2 * decisionSeconds);

            var decision = DecideAsync(node.Client, number, batch);
            await Task.WhenAny(decision, Task.Delay(delay));
            var wasAnswered = decision.IsCompletedSuccessfully;
            if (wasAnswered && decision.Result.StatusCode != HttpStatusCode.Created)
                failures.Add($"round {round}: the decision answered {(int)decision.Result.StatusCode} before the kill, not 201");
            await node.Process.KillAsync();
            try
            {
                (await decision).Dispose();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The connection died with the process.
            }
            await node.DisposeAsync();
            node = await StartNodeAsync("web app");

            var after = await DecisionStateAsync(batch, number, auditBefore);
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
            var outcome =
                old ? "all old"
                : @new ? "all new"
                : "MIXED";
            Step(
                $"decision round {round}: killed after {delay.TotalSeconds:0.00} s ({(wasAnswered ? "already answered" : "decision in flight")}); after restart {outcome}: {after}"
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
        }

        // The API after the restarts: a decision left undone is recorded once, one already made is reported as such.
        var (recorded, refused) = (0, 0);
        for (var round = 1; round <= options.FaultRounds; round++)
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
            var final = await DecisionStateAsync(batches[round], number, long.MaxValue);
            if (final.Decisions != 1 || final.Recognised != batches[round].Count || final.Titles != batches[round].Count)
                failures.Add($"round {round}: at the end {final}");
        }
        await node.DisposeAsync();

        report.Check(
            "kill -9 during a dossier decision: all old or all new",
            failures.Count == 0,
            $"{options.FaultRounds} decisions on {perDecision} dossiers each: {killedInFlight} killed with the decision in flight, {answered} after its answer; "
                + $"after the restart {allOld} all old, {allNew} all new (decision row, dossiers, titles, timeline, audit rows); sent again: {recorded} recorded once, {refused} reported as already made"
                + (failures.Count == 0 ? "" : $"; FAILURES: {string.Join("; ", failures)}")
        );
        report.Info(
            "kill -9 during a dossier decision: decision time",
            decisionSeconds,
            "s",
            note: $"the decision on {perDecision} dossiers in a fresh process; kills after a random delay up to 1.2 × this"
        );
    }

    private static string DecisionNumber(int round) => $"{1000 + round}/QĐ-UBND";
}

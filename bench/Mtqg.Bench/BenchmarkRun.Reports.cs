using System.Diagnostics;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Mtqg.Bench;

/// <summary>
/// The reports part of the benchmark (issue 16, DESIGN §7: a province-year report as .xlsx within 1 s): the NTM results
/// report of a province-year (every commune × criterion, the counts of the province summary) over HTTP, one request
/// after another, beside the province summary JSON of the same province-year (the same counts without the file); the
/// report's band counts are read back from the workbook and checked equal to the summary's.
/// </summary>
public sealed partial class BenchmarkRun
{
    private async Task ReportAsync(HttpClient client, string province)
    {
        await SignInAsync(client);
        var path = $"/api/v1/reports/ntm-results.xlsx?province={province}&year={LoadYear}";
        var summaryPath = $"/api/v1/provinces/{province}/years/{LoadYear}/summary";
        const int warmUp = 3;
        var runs = options.National ? 20 : 10;
        var (times, reference) = (new List<double>(), new List<double>());
        byte[] file = [];
        JsonElement summary = default;
        for (var run = 0; run <= warmUp + runs; run++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            file = await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(file)}");
            watch.Restart();
            using var json = await client.GetAsync(summaryPath);
            var body = await json.Content.ReadAsByteArrayAsync();
            reference.Add(watch.Elapsed.TotalMilliseconds);
            json.EnsureSuccessStatusCode();
            summary = JsonDocument.Parse(body).RootElement.Clone();
        }
        var (warm, referenceWarm) = (times[(warmUp + 1)..], reference[(warmUp + 1)..]);
        var communes = summary.GetProperty("communesEvaluated").GetInt32();
        var note =
            $"GET {path} signed in ({communes:N0} communes × {summary.GetProperty("criteria").GetArrayLength()} criteria, {file.Length / 1024:N0} KB), one request after another; "
            + "reference: GET of the province summary JSON of the same province-year (the same counts, no file)";
        report.Info($"NTM results report .xlsx ({province}), first request (cold)", times[0], "ms", reference[0], note);
        report.Info($"NTM results report .xlsx ({province}) p50", Percentile(warm, 50), "ms", Percentile(referenceWarm, 50));
        report.AtMost($"NTM results report .xlsx ({province}) p95", Percentile(warm, 95), "ms", 1000, Percentile(referenceWarm, 95));

        var bands = BandCounts(file);
        var expected = summary
            .GetProperty("bands")
            .EnumerateArray()
            .ToDictionary(b => b.GetProperty("name").GetString()!, b => b.GetProperty("communes").GetInt32().ToString());
        report.Check(
            "NTM results report's band counts equal the province summary's",
            expected.All(b => bands.GetValueOrDefault(b.Key) == b.Value),
            $"{province} {LoadYear}: report {string.Join(", ", bands.Select(b => $"{b.Key}={b.Value}"))}; summary {string.Join(", ", expected.Select(b => $"{b.Key}={b.Value}"))}"
        );
        Step(
            $"NTM results report .xlsx ({province}, {communes:N0} communes): cold {times[0]:0} ms, p50 {Percentile(warm, 50):0.0} ms, p95 {Percentile(warm, 95):0.0} ms; summary JSON p50 {Percentile(referenceWarm, 50):0.0} ms"
        );
    }

    /// <summary>The rows of section II of the report (band name → communes), read back with the Open XML SDK.</summary>
    private static Dictionary<string, string> BandCounts(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var rows = document
            .WorkbookPart!.WorksheetParts.Single()
            .Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())
            .ToList();
        var from = rows.FindIndex(r => r.Count > 0 && r[0].StartsWith("II.", StringComparison.Ordinal));
        return rows.Skip(from + 2).TakeWhile(r => r.Count >= 3 && r[0] != "Cộng").ToDictionary(r => r[0], r => r[2]);
    }
}

using System.Net;
using System.Text.Json;

namespace Mtqg.Bench;

/// <summary>The heavier writes of the two-node part (<c>--faults --postgres</c>): workbook uploads and a dossier decision.</summary>
public sealed partial class BenchmarkRun
{
    /// <summary>The two workbooks of the load year's province (the seeds of the import rounds) and their cells by (commune code, indicator code).</summary>
    private (ProvinceYear Py, UploadFile[] Files, Dictionary<(string, string), decimal>[] Cells) TwoNodeFiles()
    {
        var py = uploads.Where(u => u.Year == LoadYear).MaxBy(u => u.Communes.Count)!;
        var set = sets[BenchSets.For(py.Year)];
        var generators = new[] { generator, new ValueGenerator(options.Seed + 1) };
        return (
            py,
            [.. generators.Select(g => new UploadFiles(g).Build(py, set, csv: false))],
            [
                .. generators.Select(g =>
                    new UploadFiles(g).Cells(py, set).ToDictionary(c => (c.Commune.Code, c.Indicator.Code), c => c.Value)
                ),
            ]
        );
    }

    /// <summary>While the two-node mix runs: the province's workbook uploaded through B and A in turn (the two files alternating).</summary>
    private static async Task<(int Uploads, List<string> Errors)> UploadsDuringMixAsync(
        WebNode a,
        WebNode b,
        Task load,
        ProvinceYear py,
        MixedPlan plan,
        UploadFile[] files
    )
    {
        var (count, errors) = (0, new List<string>());
        while (!load.IsCompleted)
        {
            var node = count % 2 == 0 ? b : a;
            using var response = await UploadAsync(node.Client, py, plan.Set, files[count % 2]);
            if (!response.IsSuccessStatusCode)
                errors.Add(
                    $"upload {count + 1} through {(node == a ? "A" : "B")}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
                );
            count++;
        }
        return (count, errors);
    }

    /// <summary>
    /// After the mix: a workbook uploaded through B, then the province summary and three communes' scorecards read through A
    /// and B (the same JSON, A showing the file's values); then the decision on the prepared dossiers recorded through B, and
    /// each dossier, the province's decisions and the summary read through A and B (the same JSON, A showing it recognised).
    /// </summary>
    private async Task TwoNodeWritesAsync(
        WebNode a,
        WebNode b,
        MixedPlan plan,
        ProvinceYear py,
        UploadFile[] files,
        Dictionary<(string, string), decimal>[] cells
    )
    {
        var set = plan.Set;
        var summaryPath = $"/api/v1/provinces/{py.ProvinceCode}/years/{LoadYear}/summary?set={set.Code}";
        var differ = new List<string>();
        var reads = 0;
        async Task<string> SameAsync(string path)
        {
            var fromA = await a.Client.GetStringAsync(path);
            var fromB = await b.Client.GetStringAsync(path);
            reads++;
            if (fromA != fromB)
                differ.Add($"{path}: A and B differ");
            return fromA;
        }

        // Both nodes read everything first (their caches filled), then the write goes through B.
        var communes = py.Communes.Skip(py.Communes.Count / 2).Take(3).ToList();
        var cardPaths = communes.Select(c => $"/api/v1/communes/{c.Code}/years/{LoadYear}/scorecard?set={set.Code}").ToList();
        foreach (var path in cardPaths.Append(summaryPath))
            await SameAsync(path);
        // The file the mix did not upload last, so the upload changes values.
        var file = 0;
        using (var upload = await UploadAsync(b.Client, py, set, files[file]))
            if (!upload.IsSuccessStatusCode)
                differ.Add($"the upload through B answered {(int)upload.StatusCode}");
        await SameAsync(summaryPath);
        var shownFromFile = 0;
        foreach (var (commune, path) in communes.Zip(cardPaths))
        {
            var card = JsonDocument.Parse(await SameAsync(path)).RootElement;
            foreach (
                var indicator in card.GetProperty("criteria").EnumerateArray().SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            )
            {
                var code = indicator.GetProperty("code").GetString()!;
                if (!cells[file].TryGetValue((commune.Code, code), out var expected))
                    continue;
                var value = indicator.GetProperty("value");
                if (value.ValueKind == JsonValueKind.Number && value.GetDecimal() == expected)
                    shownFromFile++;
                else if (value.ValueKind != JsonValueKind.True && value.ValueKind != JsonValueKind.False)
                    differ.Add($"{commune.Code} {code}: A shows {value} after B uploaded {expected}");
            }
        }

        // The decision on the prepared dossiers, through B; the dossiers read through both before and after.
        var dossierPaths = twoNodeDossiers.Select(id => $"/api/v1/dossiers/{id}").ToList();
        foreach (var path in dossierPaths)
            await SameAsync(path);
        const string number = "2000/QĐ-UBND";
        using (var decision = await DecideAsync(b.Client, number, twoNodeDossiers))
            if (decision.StatusCode != HttpStatusCode.Created)
                differ.Add($"the decision through B answered {(int)decision.StatusCode} {await decision.Content.ReadAsStringAsync()}");
        foreach (var path in dossierPaths)
        {
            var dossier = JsonDocument.Parse(await SameAsync(path)).RootElement;
            if (dossier.GetProperty("status").GetString() != "recognised")
                differ.Add($"{path}: A shows {dossier.GetProperty("status")} after B recorded the decision");
        }
        var decisions = await SameAsync($"/api/v1/decisions?province={py.ProvinceCode}");
        if (
            !decisions.Contains(JsonSerializer.Serialize(number)[1..^1], StringComparison.Ordinal)
            && !decisions.Contains(number, StringComparison.Ordinal)
        )
            differ.Add($"the decisions of province {py.ProvinceCode} read through A do not list {number}");
        await SameAsync(summaryPath);

        report.Check(
            "two nodes: an upload and a decision through B, seen alike through A",
            differ.Count == 0,
            differ.Count == 0
                ? $"a workbook of {files[file].Values:N0} values uploaded through B, {shownFromFile} of its values shown by A in 3 scorecards; "
                    + $"a decision on {twoNodeDossiers.Count} dossiers through B, A showing them recognised and the decision listed; {reads} reads through A and B identical"
                : string.Join("; ", differ)
        );
    }
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mtqg.Data;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Bench;

/// <summary>The import measured: every province-year through the upload service, all-or-nothing, and the bare reference.</summary>
public sealed partial class BenchmarkRun
{
    /// <summary>Every province-year through ScorecardExcelService.UploadAsync: .xlsx in even years, CSV in odd years; only the upload is timed.</summary>
    private async Task ImportAsync(InProcessApp app)
    {
        var files = new UploadFiles(generator);
        var timed = new Dictionary<bool, (int Files, long Values, double Seconds, long Bytes)> { [false] = default, [true] = default };
        var building = TimeSpan.Zero;
        foreach (var year in Years)
        {
            var yearWatch = (Values: 0L, Seconds: 0.0);
            foreach (var py in uploads.Where(u => u.Year == year))
            {
                var set = sets[BenchSets.For(year)];
                var csv = year % 2 == 1;
                var build = Stopwatch.StartNew();
                var file = files.Build(py, set, csv);
                building += build.Elapsed;
                await using var scope = AsAdmin(app.Scope());
                var excel = scope.ServiceProvider.GetRequiredService<ScorecardExcelService>();
                using var stream = new MemoryStream(file.Content, writable: false);
                var watch = Stopwatch.StartNew();
                var result = await excel.UploadAsync(py.ProvinceCode, year, set.Code, stream, file.FileName, default);
                var seconds = watch.Elapsed.TotalSeconds;
                if (result.Report is not { } upload)
                    throw new InvalidOperationException(
                        $"Upload of {file.FileName} refused: {result.Outcome.Message} "
                            + string.Join("; ", result.Problems.Take(5).Select(ScorecardExcelService.Describe))
                    );
                // Every value of the file is read and compared; those equal to the stored ones are not written again.
                var values = upload.ValuesChanged + upload.ValuesUnchanged;
                if (values != file.Values)
                    throw new InvalidOperationException($"Upload of {file.FileName} read {values} values, the file has {file.Values}.");
                var t = timed[csv];
                timed[csv] = (t.Files + 1, t.Values + values, t.Seconds + seconds, t.Bytes + file.Content.Length);
                yearWatch = (yearWatch.Values + values, yearWatch.Seconds + seconds);
            }
            Step(
                $"import {year}: {yearWatch.Values:N0} values in {yearWatch.Seconds:0.00} s ({Rate(yearWatch.Values, yearWatch.Seconds):N0} values/s, {(year % 2 == 1 ? "CSV" : ".xlsx")})"
            );
        }
        var all = (
            Files: timed[false].Files + timed[true].Files,
            Values: timed[false].Values + timed[true].Values,
            Seconds: timed[false].Seconds + timed[true].Seconds
        );
        importValues = all.Values;
        importRates = (
            Rate(timed[false].Values, timed[false].Seconds),
            Rate(timed[true].Values, timed[true].Seconds),
            Rate(all.Values, all.Seconds)
        );
        report.Dataset["values"] = all.Values;
        report.Dataset["files"] = all.Files;
        report.Dataset["xlsxMegabytes"] = Math.Round(timed[false].Bytes / 1048576.0, 1);
        report.Dataset["csvMegabytes"] = Math.Round(timed[true].Bytes / 1048576.0, 1);
        Step(
            $"import: {all.Values:N0} values from {all.Files} files in {all.Seconds:0.0} s (files built in {building.TotalSeconds:0.0} s, not timed)"
        );
    }

    /// <summary>
    /// PostgreSQL: fresh statistics after the bulk load, as autovacuum gathers them within a minute or so of
    /// it; without them the planner guesses row counts of a table it still thinks empty. (SQLite is left as
    /// the app leaves it: nothing runs ANALYZE there.)
    /// </summary>
    private async Task AnalyzeAsync()
    {
        if (!database.IsPostgres)
            return;
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE";
        command.CommandTimeout = 600;
        var watch = Stopwatch.StartNew();
        await command.ExecuteNonQueryAsync();
        Step($"PostgreSQL ANALYZE after the bulk load: {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private long importValues;
    private (double Xlsx, double Csv, double All) importRates;

    private static double Rate(double count, double seconds) => seconds > 0 ? count / seconds : 0;

    /// <summary>A file with every value changed and one bad cell on its last row is refused whole: nothing it holds is written.</summary>
    private async Task AllOrNothingAsync(InProcessApp app)
    {
        var py = uploads.Where(u => u.Year == LoadYear).MaxBy(u => u.Communes.Count)!;
        var set = sets[BenchSets.For(py.Year)];
        var changed = new ValueGenerator(options.Seed + 1);
        var file = new UploadFiles(changed).Build(py, set, csv: true);
        var text = System.Text.Encoding.UTF8.GetString(file.Content).TrimEnd('\r', '\n');
        var percent = ValuesWorkbook
            .Indicators(set.Evaluation)
            .Select((indicator, index) => (indicator, index))
            .First(x => x.indicator.Type == Mtqg.Domain.Criteria.IndicatorType.Percent)
            .index;
        var lines = text.Split("\r\n");
        var cells = lines[^1].Split(';').ToList();
        while (cells.Count < 3 + percent + 1)
            cells.Add("");
        cells[3 + percent] = "150";
        lines[^1] = string.Join(';', cells);
        var bad = System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

        async Task<(long Count, decimal Sum)> StoredAsync()
        {
            await using var scope = app.Scope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ids = py.Communes.Select(c => c.Id).ToList();
            var values = await db
                .IndicatorValues.AsNoTracking()
                .Where(v => v.Year == py.Year && ids.Contains(v.UnitId))
                .Select(v => v.Value)
                .ToListAsync();
            return (values.Count, values.Sum());
        }
        var before = await StoredAsync();
        await using (var scope = AsAdmin(app.Scope()))
        {
            using var stream = new MemoryStream(bad);
            var result = await scope
                .ServiceProvider.GetRequiredService<ScorecardExcelService>()
                .UploadAsync(py.ProvinceCode, py.Year, set.Code, stream, file.FileName, default);
            var after = await StoredAsync();
            report.Check(
                "import is all-or-nothing",
                result.Report is null && result.Problems.Count == 1 && after == before,
                $"{file.Values:N0} changed values and one bad cell ({result.Problems.FirstOrDefault()?.Field}): {result.Problems.Count} problem(s), "
                    + $"stored values {(after == before ? "unchanged" : "CHANGED")} ({after.Count:N0})"
            );
        }
    }

    /// <summary>The same rows, one transaction per file, by prepared INSERT (SQLite) or binary COPY (PostgreSQL) into a twin table.</summary>
    private async Task ReferenceImportAsync()
    {
        var files = new UploadFiles(generator);
        var seconds = await Reference.ImportAsync(
            database,
            uploads.Select(py => files.Rows(py, sets[BenchSets.For(py.Year)]).ToList()),
            DateTime.UtcNow
        );
        var rate = Rate(importValues, seconds);
        Step($"reference import: {importValues:N0} values in {seconds:0.0} s ({rate:N0} values/s)");
        report.AtLeast("import .xlsx (upload service)", importRates.Xlsx, "values/s", 50_000, rate);
        report.AtLeast("import CSV (upload service)", importRates.Csv, "values/s", 50_000, rate);
        report.AtLeast(
            "import, all files",
            importRates.All,
            "values/s",
            50_000,
            rate,
            $"{importValues:N0} values in {uploads.Count} files, one transaction each; reference: bulk insert of the same rows into a twin table"
        );
    }
}

using System.Globalization;
using System.Text;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Scorecards.Excel;

namespace Mtqg.Bench;

public sealed record Commune(int Id, string Code, string Name, string ProvinceCode);

/// <summary>One upload: the rural communes of a province (as in force on 31 December of the year) for one year and set.</summary>
public sealed record ProvinceYear(string ProvinceCode, string ProvinceName, int Year, IReadOnlyList<Commune> Communes);

public sealed record UploadFile(string FileName, byte[] Content, int Values);

/// <summary>
/// Builds the files a coordination office would upload: the .xlsx through the app's own values-workbook
/// builder (the template users download, guide sheet and stamp included), or the same sheet saved by
/// Vietnamese Excel as CSV (semicolons, decimal commas, UTF-8).
/// </summary>
public sealed class UploadFiles(ValueGenerator generator)
{
    public IEnumerable<(Commune Commune, SetIndicator Indicator, decimal Value)> Cells(ProvinceYear py, LoadedSet set)
    {
        var indicators = Ordered(set);
        foreach (var commune in py.Communes)
        {
            var group = generator.Group(set.Code, commune.Code);
            foreach (var (evaluation, indicator) in indicators)
                if (generator.Value(evaluation, commune.Code, group, py.Year) is { } value)
                    yield return (commune, indicator, value);
        }
    }

    public UploadFile Build(ProvinceYear py, LoadedSet set, bool csv)
    {
        var rows = py
            .Communes.Select(c => new WorkbookCommune(
                c.Code,
                c.Name,
                generator.Group(set.Code, c.Code),
                Cells(py with { Communes = [c] }, set).ToDictionary(x => x.Indicator.Code, x => x.Value)
            ))
            .ToList();
        var values = rows.Sum(r => r.Values.Count);
        var name = ValuesWorkbook.FileName(py.ProvinceCode, py.Year, set.Code);
        if (!csv)
        {
            var model = new ValuesWorkbookModel(
                py.ProvinceCode,
                py.ProvinceName,
                py.Year,
                set.Code,
                set.Name,
                set.Evaluation,
                BenchSets.Groups,
                rows
            );
            return new UploadFile(name, ValuesWorkbook.Build(model), values);
        }
        return new UploadFile(Path.ChangeExtension(name, ".csv"), Csv(set, rows), values);
    }

    private static byte[] Csv(LoadedSet set, List<WorkbookCommune> rows)
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var indicators = Ordered(set);
        var text = new StringBuilder();
        void Line(IEnumerable<string> fields) => text.Append(string.Join(';', fields.Select(Quote))).Append("\r\n");
        Line([
            ValuesWorkbook.CodeHeader,
            ValuesWorkbook.NameHeader,
            ValuesWorkbook.GroupHeader,
            .. indicators.Select(i => ValuesWorkbook.Header(i.Evaluation)),
        ]);
        foreach (var row in rows)
            Line([
                row.Code,
                row.Name,
                row.Group ?? "",
                .. indicators.Select(i =>
                    !row.Values.TryGetValue(i.Indicator.Code, out var v) ? ""
                    : i.Indicator.Type == IndicatorType.Boolean ? (ValueRules.IsAchieved(v) ? ValuesWorkbook.Met : ValuesWorkbook.NotMet)
                    : v.ToString("0.####", vi)
                ),
            ]);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(";\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    private static List<(Mtqg.Domain.Evaluation.EvaluationIndicator Evaluation, SetIndicator Indicator)> Ordered(LoadedSet set) =>
        [.. ValuesWorkbook.Indicators(set.Evaluation).Select(i => (i, set.Indicators[i.Code]))];

    public IEnumerable<ValueRow> Rows(ProvinceYear py, LoadedSet set) =>
        Cells(py, set).Select(c => new ValueRow(c.Commune.Id, py.Year, c.Indicator.Id, c.Value));
}

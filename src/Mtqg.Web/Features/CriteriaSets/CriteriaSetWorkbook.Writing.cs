using MiniExcelLibs;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Features.Files;

namespace Mtqg.Web.Features.CriteriaSets;

/// <summary>Writing a set as a workbook, one sheet per part, in the columns the reader takes back.</summary>
public static partial class CriteriaSetWorkbook
{
    public static byte[] Build(CriteriaSetDocument doc)
    {
        var revocation = doc.RevocationRule();
        var values = new Dictionary<string, object?>
        {
            ["code"] = doc.Code,
            ["name"] = doc.Name,
            ["legalBasis"] = doc.LegalBasis,
            ["validFrom"] = doc.ValidFrom,
            ["validTo"] = doc.ValidTo,
            ["province"] = doc.Province,
            ["details"] = doc.Details,
            ["source"] = doc.Source,
            ["notes"] = doc.Notes,
            ["requiredSatisfaction"] = doc.Recognition?.RequiredSatisfaction,
            ["failingShareFrom"] = revocation?.FailingShareFrom,
            ["failingShareTo"] = revocation?.FailingShareTo,
            ["protectedCriteria"] = revocation?.ProtectedCriteria is { Count: > 0 } numbers ? string.Join(", ", numbers) : null,
        };
        var header = Fields
            .Select(f => new Dictionary<string, object?>
            {
                ["Trường"] = f.Key,
                ["Mô tả"] = f.Label,
                ["Giá trị"] = values[f.Key],
            })
            .ToList();
        var criteria = doc.Criteria ?? [];
        var indicators = criteria.SelectMany(c => (c.Indicators ?? []).Select(i => (c.Number, Indicator: i))).ToList();
        var sheets = new Dictionary<string, object>
        {
            [SetSheet] = header,
            [LevelSheet] = (doc.Levels ?? [])
                .Select(l => Row(LevelColumns, l.Code, l.Name, l.Rank, l.Pilot ? "có" : null, l.ThresholdsOf))
                .ToList(),
            [GroupSheet] = (doc.Groups ?? []).Select(g => Row(GroupColumns, g.Code, g.Name, g.Description)).ToList(),
            [BandSheet] = (doc.Bands ?? []).Select(b => Row(BandColumns, b.Name, b.MinCriteriaMet)).ToList(),
            [CriterionSheet] = criteria
                .Select(c =>
                    Row(CriterionColumns, c.Number, c.Code, c.Name, c.Heading, c.ResponsibleSector, c.NameVerified ? "có" : "chưa")
                )
                .ToList(),
            [IndicatorSheet] = indicators
                .Select(x =>
                    Row(
                        IndicatorColumns,
                        x.Number,
                        x.Indicator.Code,
                        x.Indicator.Name,
                        x.Indicator.Type,
                        x.Indicator.Unit,
                        x.Indicator.Rule,
                        x.Indicator.NameVerified ? "có" : "chưa",
                        x.Indicator.Notes,
                        x.Indicator.Source
                    )
                )
                .ToList(),
            [ThresholdSheet] = indicators
                .SelectMany(x =>
                    (x.Indicator.Thresholds ?? []).Select(t =>
                        Row(
                            ThresholdColumns,
                            x.Indicator.Code,
                            t.Level,
                            t.Group,
                            t.Year,
                            t.Value switch
                            {
                                { Number: { } n } => n,
                                { Flag: true } => "đạt",
                                _ => null,
                            },
                            t.Note
                        )
                    )
                )
                .ToList(),
            [ConditionSheet] = ConditionRows(doc),
        };
        // An empty sheet still carries its header row, so that a person filling it knows the columns.
        foreach (var (name, columns) in Headers)
            if (sheets[name] is List<Dictionary<string, object?>> { Count: 0 } rows)
                rows.Add(columns.ToDictionary(c => c, _ => (object?)null));
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(buffer, ExportCells.Neutralize(sheets));
        return buffer.ToArray();
    }

    private static Dictionary<string, object?> Row(string[] columns, params object?[] values)
    {
        var row = new Dictionary<string, object?>(columns.Length);
        for (var i = 0; i < columns.Length; i++)
            row[columns[i]] = values[i];
        return row;
    }
}

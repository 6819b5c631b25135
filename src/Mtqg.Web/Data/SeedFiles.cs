using MiniExcelLibs;

namespace Mtqg.Web.Data;

/// <summary>The data files shipped with the app (copied from shared/data with their sources and licences).</summary>
public sealed class SeedFiles(Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    public string Root { get; } =
        configuration["Mtqg:DataPath"] is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "data");

    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Reads a UTF-8 CSV file with a header row; every cell as text (codes keep their leading zeros).</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> ReadCsv(params string[] parts)
    {
        var config = new MiniExcelLibs.Csv.CsvConfiguration { Seperator = ',' };
        foreach (
            IDictionary<string, object?> row in MiniExcel.Query(
                PathOf(parts),
                useHeaderRow: true,
                excelType: ExcelType.CSV,
                configuration: config
            )
        )
            yield return row.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "");
    }
}

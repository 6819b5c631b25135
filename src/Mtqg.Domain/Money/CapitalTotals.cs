namespace Mtqg.Domain.Money;

/// <summary>The totals of a capital plan in whole đồng: all, by source code and by programme code (codes in first-seen order).</summary>
public sealed record CapitalTotals(long Total, IReadOnlyDictionary<string, long> BySource, IReadOnlyDictionary<string, long> ByProgramme)
{
    public static CapitalTotals Of(IEnumerable<(string Programme, string Source, long Amount)> rows)
    {
        long total = 0;
        var bySource = new Dictionary<string, long>(StringComparer.Ordinal);
        var byProgramme = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (programme, source, amount) in rows)
        {
            total = checked(total + amount);
            bySource[source] = checked(bySource.GetValueOrDefault(source) + amount);
            byProgramme[programme] = checked(byProgramme.GetValueOrDefault(programme) + amount);
        }
        return new(total, bySource, byProgramme);
    }

    /// <summary>An amount in whole đồng shown in triệu đồng with vi-VN separators (1.234,5), at most three decimals.</summary>
    public static string Millions(long amount) =>
        (amount / 1_000_000m).ToString("#,##0.###", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
}

namespace Mtqg.Domain.Criteria;

/// <summary>
/// Where an indicator's value may come from instead of being typed by the commune (DESIGN §12): the approved poverty review
/// result of the commune-year. Null (no source) = typed by the commune.
/// </summary>
public static class IndicatorSources
{
    public const string PovertyRate = "poverty.rate";
    public const string NearPovertyRate = "poverty.nearRate";

    /// <summary>The sources known, with what a user reads for each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PovertyRate] = "Tỷ lệ hộ nghèo (kết quả rà soát đã phê duyệt)",
        [NearPovertyRate] = "Tỷ lệ hộ cận nghèo (kết quả rà soát đã phê duyệt)",
    };

    public static bool IsKnown(string? source) => source is not null && Labels.ContainsKey(source);

    /// <summary>The Vietnamese name of a source, or the code itself when it is not known.</summary>
    public static string Label(string source) => Labels.GetValueOrDefault(source, source);
}

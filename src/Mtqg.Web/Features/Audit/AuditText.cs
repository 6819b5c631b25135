using System.Globalization;
using Mtqg.Domain.Criteria;

namespace Mtqg.Web.Features.Audit;

/// <summary>How recorded values are written: invariant culture, so the trail reads the same whatever the page's language.</summary>
public static class AuditText
{
    public const int MaxLength = 4000;

    /// <summary>A stored indicator value: "true"/"false" for a pass/fail indicator, otherwise the decimal without trailing zeros ("99.5").</summary>
    public static string Value(decimal value, IndicatorType? type) =>
        type == IndicatorType.Boolean ? (value == 1m ? "true" : "false") : Number(value);

    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string? Date(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>"Tên: …; Đơn vị: 15": the fields named, in order, skipping none (an empty field shows as "").</summary>
    public static string? Fields(IEnumerable<(string Label, string? Value)> fields)
    {
        var text = string.Join("; ", fields.Select(f => $"{f.Label}: {f.Value}"));
        return text.Length == 0 ? null : Clip(text);
    }

    public static string? Clip(string? text) => text is { Length: > MaxLength } ? text[..(MaxLength - 1)] + "…" : text;
}

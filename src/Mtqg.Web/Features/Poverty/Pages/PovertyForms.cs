namespace Mtqg.Web.Features.Poverty.Pages;

/// <summary>
/// The entry form of a commune-year's review result, bound by the framework ([SupplyParameterFromForm]); the service
/// checks it. Numbers, so that a fractional count reaches the service and is named there; one deprivation count per
/// indicator of the standard in force, in the standard's order.
/// </summary>
public sealed class PovertyEntryForm
{
    public decimal? Households { get; set; }
    public decimal? Poor { get; set; }
    public decimal? NearPoor { get; set; }
    public decimal? PoorEthnicMinority { get; set; }
    public decimal? NearPoorEthnicMinority { get; set; }
    public decimal? EscapedPoverty { get; set; }
    public decimal? NewlyPoor { get; set; }
    public List<decimal?> Deprivations { get; set; } = [];

    public PovertyInput ToInput(IReadOnlyList<PovertyIndicatorView> indicators) =>
        new(
            Households,
            Poor,
            NearPoor,
            PoorEthnicMinority,
            NearPoorEthnicMinority,
            EscapedPoverty,
            NewlyPoor,
            indicators
                .Select((indicator, i) => (indicator.Code, Value: i < Deprivations.Count ? Deprivations[i] : null))
                .Where(d => d.Value is not null)
                .ToDictionary(d => d.Code, d => d.Value)
        );

    public static PovertyEntryForm From(PovertyResultView? r, IReadOnlyList<PovertyIndicatorView> indicators) =>
        new()
        {
            Households = r?.Households,
            Poor = r?.Poor,
            NearPoor = r?.NearPoor,
            PoorEthnicMinority = r?.PoorEthnicMinority,
            NearPoorEthnicMinority = r?.NearPoorEthnicMinority,
            EscapedPoverty = r?.EscapedPoverty,
            NewlyPoor = r?.NewlyPoor,
            Deprivations = indicators
                .Select(i => r is not null && r.Deprivations.TryGetValue(i.Code, out var n) ? (decimal?)n : null)
                .ToList(),
        };
}

/// <summary>The office's approve form (nothing to fill in).</summary>
public sealed class PovertyApproveForm
{
    public string? Confirm { get; set; }
}

/// <summary>The office's reopen form: why.</summary>
public sealed class PovertyReopenForm
{
    public string? Reason { get; set; }
}

/// <summary>How a rate, a change and an unknown are shown on the poverty pages.</summary>
public static class PovertyFormat
{
    public const string Unknown = "chưa có";

    public static string Rate(decimal? rate) => rate is { } r ? $"{r.ToString("0.00", Components.Shared.Format.Vi)}%" : Unknown;

    /// <summary>A change in percentage points, signed ("−2,50 điểm"); unknown when either year is.</summary>
    public static string Change(decimal? change) =>
        change is { } c ? $"{(c > 0 ? "+" : c < 0 ? "−" : "")}{Math.Abs(c).ToString("0.00", Components.Shared.Format.Vi)} điểm %" : Unknown;

    public static string Count(long? n) => n is { } v ? v.ToString("N0", Components.Shared.Format.Vi) : Unknown;

    public static string Money(long? n) => n is { } v ? v.ToString("N0", Components.Shared.Format.Vi) : Unknown;

    public static string Status(string? status) =>
        status switch
        {
            "approved" => "Đã phê duyệt",
            "draft" => "Đã nhập, chưa phê duyệt",
            _ => "Chưa nhập",
        };
}

namespace Mtqg.Domain.Money;

/// <summary>Disbursement rates (DESIGN §10): a percentage with one decimal, rounded half away from zero; null over a zero denominator.</summary>
public static class Rate
{
    public static decimal? Of(long part, long whole) =>
        whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>A rate as pages show it: "67,9%", or "—" when there is none.</summary>
    public static string Show(decimal? rate) =>
        rate is { } r ? r.ToString("0.0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + "%" : "—";
}

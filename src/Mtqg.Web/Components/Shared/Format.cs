using System.Globalization;

namespace Mtqg.Web.Components.Shared;

/// <summary>vi-VN formatting for pages: 1.234,5 and dd/MM/yyyy.</summary>
public static class Format
{
    public static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static string Number(int n) => n.ToString("N0", Vi);

    public static string Number(decimal n) => n.ToString("#,##0.##", Vi);

    public static string Date(DateOnly? d) => d?.ToString("dd/MM/yyyy", Vi) ?? "";
}

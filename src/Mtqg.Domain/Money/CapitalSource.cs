namespace Mtqg.Domain.Money;

/// <summary>
/// A source of funds that reports keep apart (DESIGN §11): the codes of the API, each with its Vietnamese label
/// (data/reference/programmes.json, capital_sources.categories_used, plus "other").
/// </summary>
public static class CapitalSource
{
    public const string CentralInvestment = "central-investment",
        CentralRecurrent = "central-recurrent",
        Local = "local",
        Integrated = "integrated",
        Credit = "credit",
        Enterprise = "enterprise",
        Community = "community",
        Other = "other";

    /// <summary>Every source code in the order reports list them, with its label.</summary>
    public static IReadOnlyList<(string Code, string Label)> All { get; } =
    [
        (CentralInvestment, "Ngân sách trung ương - vốn đầu tư phát triển"),
        (CentralRecurrent, "Ngân sách trung ương - kinh phí sự nghiệp"),
        (Local, "Ngân sách địa phương"),
        (Integrated, "Vốn lồng ghép"),
        (Credit, "Vốn tín dụng chính sách"),
        (Enterprise, "Vốn doanh nghiệp"),
        (Community, "Đóng góp của cộng đồng, người dân"),
        (Other, "Nguồn khác"),
    ];

    private static readonly Dictionary<string, string> Labels = All.ToDictionary(s => s.Code, s => s.Label, StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Labels.ContainsKey(code);

    /// <summary>The Vietnamese label of a code; the code itself when unknown.</summary>
    public static string Label(string code) => Labels.TryGetValue(code, out var label) ? label : code;

    /// <summary>A code from what a person typed: the code, or a label (case-insensitive); null when neither.</summary>
    public static string? Parse(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
            return null;
        foreach (var (code, label) in All)
            if (string.Equals(code, t, StringComparison.OrdinalIgnoreCase) || string.Equals(label, t, StringComparison.OrdinalIgnoreCase))
                return code;
        return null;
    }
}

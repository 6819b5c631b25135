using System.Globalization;
using Mtqg.Domain.Criteria;

namespace Mtqg.Domain.Evaluation;

internal static class Explanations
{
    // vi-VN style (1.234,5) fixed here rather than read from ICU, so the text never depends on the machine.
    private static readonly NumberFormatInfo VietnameseNumbers = NumberFormatInfo.ReadOnly(
        new NumberFormatInfo
        {
            NumberGroupSeparator = ".",
            NumberDecimalSeparator = ",",
            NegativeSign = "-",
        }
    );

    public static string? For(IndicatorResult result)
    {
        var subject = $"Chỉ tiêu {result.Code}";
        switch (result.Status)
        {
            case EvaluationStatus.Missing:
                return $"{subject}: chưa có số liệu";
            case EvaluationStatus.NoThreshold when result.ThresholdRow is null:
                return $"{subject}: chưa có ngưỡng cho nhóm, năm của xã";
            case EvaluationStatus.NoThreshold:
                return $"{subject}: chưa có ngưỡng chính thức";
            case EvaluationStatus.NotMet when result.Rule == Rule.Achieved:
                return $"{subject}: chưa đạt";
            case EvaluationStatus.NotMet when result is { Value: { } value, ThresholdRow: { Value: { } threshold } row }:
                var unit = result.Unit ?? (result.Type == IndicatorType.Percent ? "%" : null);
                var scope = (row.Group, row.Year) switch
                {
                    (null, null) => "",
                    (null, int y) => $" (năm {y})",
                    (string g, null) => $" (nhóm {g})",
                    (string g, int y) => $" (nhóm {g}, năm {y})",
                };
                return $"{subject}: {Quantity(value, unit)} {Failed(result.Rule)} ngưỡng {Quantity(threshold, unit)}{scope}";
            default:
                return null;
        }
    }

    /// <summary>The relation that holds between value and threshold when the rule fails.</summary>
    private static string Failed(Rule rule) =>
        rule switch
        {
            Rule.AtLeast => "<",
            Rule.MoreThan => "≤",
            Rule.AtMost => ">",
            Rule.LessThan => "≥",
            _ => "≠",
        };

    private static string Quantity(decimal number, string? unit)
    {
        var text = number.ToString("#,0.############################", VietnameseNumbers);
        return string.IsNullOrEmpty(unit) ? text
            : unit == "%" ? text + "%"
            : $"{text} {unit}";
    }
}

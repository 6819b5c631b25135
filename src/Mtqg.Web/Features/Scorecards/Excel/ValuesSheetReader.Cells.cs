using System.Globalization;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Units;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>One cell read as its indicator expects it: numbers in Vietnamese or English writing (a typed "85%" for a percent indicator), đạt/chưa đạt, commune codes.</summary>
public static partial class ValuesSheetReader
{
    /// <summary>
    /// One cell against its indicator: not present (empty), a value, a clear (<c>xóa</c>: present, no
    /// value, no error), or an error. Value checks (0–100, size, rounding) are the API's. A number in a cell formatted
    /// as a percentage (<paramref name="percentStyled"/>: Excel shows 97 %, stores 0.97) is, for a percent indicator,
    /// the percentage shown (97); the same 0.97 in a cell without that format stays 0.97.
    /// </summary>
    public static (bool Present, decimal? Value, string? Error) ParseCell(SetIndicator indicator, object? raw, bool percentStyled = false)
    {
        if (IsBlank(raw))
            return (false, null, null);
        var text = raw as string;
        // Folding is costly and only "xóa" folds to "xoa": a cell without an x is a value (most cells are).
        if (text is not null && text.AsSpan().IndexOfAny('x', 'X') >= 0 && VietnameseText.Fold(text) is "xoa")
            return (true, null, null);
        if (indicator.Type == IndicatorType.Boolean)
        {
            bool? flag = raw switch
            {
                bool b => b,
                double d when d is 1 or 0 => d == 1,
                // The words the downloaded workbook writes, as written, before any folding.
                ValuesWorkbook.Met => true,
                ValuesWorkbook.NotMet => false,
                string s => VietnameseText.Fold(s) switch
                {
                    "dat" or "true" or "x" or "1" or "co" => true,
                    "chua dat" or "khong dat" or "false" or "0" or "khong" => false,
                    _ => null,
                },
                _ => null,
            };
            return flag is { } f
                ? (true, ValueRules.FromFlag(f), null)
                : (
                    true,
                    null,
                    $"Chỉ tiêu {indicator.Code} là chỉ tiêu đạt/không đạt: ghi {ValuesWorkbook.Met} hoặc {ValuesWorkbook.NotMet} (hoặc TRUE/FALSE, 1/0, x), không phải {Shown(raw)}."
                );
        }
        decimal? number = raw switch
        {
            double d when double.IsFinite(d) && Math.Abs(d) < 1e13 && percentStyled && indicator.Type == IndicatorType.Percent => (decimal)d
                * 100,
            double d when double.IsFinite(d) && Math.Abs(d) < 1e15 => (decimal)d,
            decimal m => m,
            int i => i,
            long l => l,
            string s => Number(s, indicator.Type == IndicatorType.Percent),
            _ => null,
        };
        if (number is null)
            return (
                true,
                null,
                $"Chỉ tiêu {indicator.Code} cần một số{(indicator.Type == IndicatorType.Percent ? " từ 0 đến 100 (%)" : indicator.Unit is null ? "" : $" ({indicator.Unit})")}, không phải {Shown(raw)}."
            );
        var (value, error) = ValueRules.Check(indicator.Type, indicator.Code, number.Value);
        return (true, value, error);
    }

    /// <summary>"85", "85,5", "85.5", "1.234,5", "85%" (percent only); a lone separator is the decimal one.</summary>
    private static decimal? Number(string text, bool percent)
    {
        var t = text.Trim().Replace(" ", "").Replace("\u00a0", "");
        if (percent && t.EndsWith('%'))
            t = t[..^1];
        int dots = t.Count(c => c == '.'),
            commas = t.Count(c => c == ',');
        if (dots > 0 && commas > 0)
        {
            var (group, point) = t.LastIndexOf('.') > t.LastIndexOf(',') ? (",", '.') : (".", ',');
            t = t.Replace(group, "").Replace(point, '.');
        }
        else if (commas == 1)
            t = t.Replace(',', '.');
        else if (commas > 1 || dots > 1)
            t = t.Replace(",", "").Replace(".", "");
        return decimal.TryParse(
            t,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out var n
        )
            ? n
            : null;
    }

    /// <summary>A commune code as written, or with the leading zeros Excel drops from a number (2989 → 02989).</summary>
    private static string? CommuneCode(object? raw)
    {
        var text = raw switch
        {
            null => null,
            double d when d >= 0 && d == Math.Floor(d) && d < 1e9 => ((long)d).ToString(CultureInfo.InvariantCulture),
            _ => Text(raw)?.Trim(),
        };
        if (string.IsNullOrEmpty(text))
            return null;
        return text.Length < 5 && text.All(char.IsAsciiDigit) ? text.PadLeft(5, '0') : text;
    }
}

using System.Globalization;
using System.Text;

namespace Mtqg.Domain.Units;

public static class VietnameseText
{
    /// <summary>
    /// Folds a name for accent-insensitive search: lower case, tone and vowel marks removed, đ → d,
    /// spaces collapsed. "Tân Thượng" and "tan  thuong" both fold to "tan thuong"; tone placement
    /// ("Hòa" / "Hoà") no longer matters.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
                continue;
            var c = ch switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(ch),
            };
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                    sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            sb.Append(c);
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd();
    }
}

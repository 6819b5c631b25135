using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mtqg.Domain.Common;

/// <summary>
/// What text the system accepts, said once (DESIGN §8): no NUL or other control character (Cc) — tab, line feed and
/// carriage return only in text of several lines —, and no bidirectional override or isolate (U+202A–202E, U+2066–2069),
/// which can make a name read differently from what it is. PostgreSQL refuses a NUL outright; SQLite would keep it:
/// both are refused first, the same way. Required text must hold at least one visible character.
/// </summary>
public static class InputText
{
    /// <summary>Whether <paramref name="c"/> is never accepted (in text of one line when <paramref name="multiLine"/> is false).</summary>
    public static bool IsRefused(char c, bool multiLine = true) =>
        char.IsControl(c) ? !(multiLine && c is '\t' or '\n' or '\r') : c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>The first refused character of <paramref name="text"/>, described in Vietnamese ("ký tự điều khiển U+0000 ở vị trí 3"); null when none.</summary>
    public static string? Refusal(string? text, bool multiLine = true)
    {
        if (text is null)
            return null;
        for (var i = 0; i < text.Length; i++)
            if (IsRefused(text[i], multiLine))
                return $"{(char.IsControl(text[i]) ? "ký tự điều khiển" : "ký tự đổi chiều văn bản")} U+{(int)text[i]:X4} ở vị trí {i + 1}";
        return null;
    }

    /// <summary>The message of a refused text: "Tên kế hoạch chứa ký tự điều khiển U+0000 ở vị trí 3; xóa ký tự đó rồi gửi lại."</summary>
    public static string Message(string label, string refusal) => $"{label} chứa {refusal}; xóa ký tự đó rồi gửi lại.";

    /// <summary>The problem of <paramref name="field"/> when <paramref name="text"/> holds a refused character; null otherwise.</summary>
    public static Problem? Check(string field, string label, string? text, bool multiLine = true) =>
        Refusal(text, multiLine) is { } refusal ? new Problem(field, Message(label, refusal)) : null;

    /// <summary>
    /// True when <paramref name="text"/> has nothing a reader can see: null, empty, only white space, only control or
    /// format characters (zero-width space U+200B, joiners, the byte-order mark, soft hyphen) or blank fillers.
    /// Required text is refused when blank, as if it were absent.
    /// </summary>
    public static bool IsBlank([NotNullWhen(false)] string? text)
    {
        if (text is null)
            return true;
        foreach (var c in text)
            if (!IsInvisible(c))
                return false;
        return true;
    }

    /// <summary><paramref name="text"/> without its refused characters (one line), for names the system keeps from a file.</summary>
    public static string Clean(string text) =>
        text.Any(c => IsRefused(c, multiLine: false)) ? new string([.. text.Where(c => !IsRefused(c, multiLine: false))]) : text;

    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c)
        || c is '\u034F' or '\u115F' or '\u1160' or '\u2800' or '\u3164' or '\uFFA0' // combining grapheme joiner, Hangul fillers, blank braille
        || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;
}

/// <summary>The years and dates the system accepts anywhere (DESIGN §8): the programme's years, 2000–2100, never year 0 or 10000.</summary>
public static class InputRange
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;
    public static readonly DateOnly FirstDate = new(FirstYear, 1, 1);
    public static readonly DateOnly LastDate = new(LastYear, 12, 31);

    public static bool IsYear(int year) => year is >= FirstYear and <= LastYear;

    public static bool IsDate(DateOnly date) => date >= FirstDate && date <= LastDate;

    public static string YearMessage(string label, long year) => $"{label} ({year}) phải trong khoảng {FirstYear}–{LastYear}.";

    public static string DateMessage(string label, DateOnly date) =>
        $"{label} ({VietnamTime.Format(date)}) phải trong khoảng {VietnamTime.Format(FirstDate)}–{VietnamTime.Format(LastDate)}.";

    /// <summary>The problem of <paramref name="field"/> when <paramref name="year"/> is outside 2000–2100; null otherwise (or when absent).</summary>
    public static Problem? CheckYear(string field, string label, int? year) =>
        year is { } y && !IsYear(y) ? new Problem(field, YearMessage(label, y)) : null;

    /// <summary>The problem of <paramref name="field"/> when <paramref name="date"/> is outside 01/01/2000–31/12/2100; null otherwise.</summary>
    public static Problem? CheckDate(string field, string label, DateOnly? date) =>
        date is { } d && !IsDate(d) ? new Problem(field, DateMessage(label, d)) : null;
}

/// <summary>How long a password may be, on every path that sets one (create, reset, change one's own, the first administrator).</summary>
public static class PasswordLength
{
    public const int Min = 8;
    public const int Max = 128;

    public static string TooLong => $"Mật khẩu dài tối đa {Max} ký tự.";
}

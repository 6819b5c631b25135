namespace Mtqg.Web.Features.Files;

/// <summary>
/// Text people typed (a recommendation, a dossier note, a plan's name, an audit value) goes into workbooks that others open in a
/// spreadsheet program, where text starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> (or a tab or carriage return) can be
/// taken for a formula once the cell is edited or the sheet saved as CSV (issue 18, OWASP "CSV injection"). Every export
/// passes its sheets through <see cref="Neutralize(Dictionary{string, object})"/> (a sheet whose rows are made as they are
/// written, each value through <see cref="Neutralize(object)"/>): such text is written with a leading
/// apostrophe, the spreadsheet's own sign for "this is text". Numbers, dates and booleans are cells of their own type and
/// are left alone.
/// </summary>
public static class ExportCells
{
    private const string FormulaStarts = "=+-@\t\r";

    public static object? Neutralize(object? value) =>
        value is string { Length: > 0 } text && FormulaStarts.Contains(text[0]) ? "'" + text : value;

    /// <summary>One sheet's rows, each a header → value map, with formula-looking text made inert (a list, so the writer knows its size).</summary>
    public static List<Dictionary<string, object?>> Neutralize(IEnumerable<Dictionary<string, object?>> rows) =>
        rows.Select(row =>
            {
                var safe = new Dictionary<string, object?>(row.Count);
                foreach (var (header, value) in row)
                    safe[header] = Neutralize(value);
                return safe;
            })
            .ToList();

    /// <summary>Every sheet of a workbook (sheet name → rows).</summary>
    public static Dictionary<string, object> Neutralize(Dictionary<string, object> sheets) =>
        sheets.ToDictionary<KeyValuePair<string, object>, string, object>(
            sheet => sheet.Key,
            sheet =>
                sheet.Value is IEnumerable<Dictionary<string, object?>> rows
                    ? Neutralize(rows)
                    : throw new ArgumentException($"Sheet \"{sheet.Key}\": rows must be header → value maps.", nameof(sheets))
        );
}

namespace Mtqg.Web.Features.Visits;

/// <summary>How the visit pages read their form fields: one line per item, ISO dates from date inputs.</summary>
public static class VisitForm
{
    /// <summary>The kinds of support a visit records, with their Vietnamese names, in the order forms offer them.</summary>
    public static readonly (string Code, string Name)[] SupportKinds =
    [
        .. Enum.GetValues<Mtqg.Domain.Visits.SupportKind>().Select(k => (VisitService.SupportCode(k), VisitService.SupportName(k))),
    ];

    /// <summary>
    /// The support rows of a posted visit form (fields support{i}.kind/description/quantity/unit/value): every row with a
    /// description, a quantity or a value, in order; rows left empty are not support.
    /// </summary>
    public static List<SupportInput> Support(IFormCollection form)
    {
        var rows = new List<SupportInput>();
        for (var i = 0; form.ContainsKey($"support{i}.kind"); i++)
        {
            string? Field(string name) => form[$"support{i}.{name}"].ToString() is { Length: > 0 } text ? text.Trim() : null;
            if (Field("description") is null && Field("quantity") is null && Field("value") is null)
                continue;
            rows.Add(
                new SupportInput(
                    Field("kind"),
                    Field("description"),
                    Number(Field("quantity")),
                    Field("unit"),
                    (long?)Number(Field("value"))
                )
            );
        }
        return rows;
    }

    public static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A date as a page's field posts it: dd/MM/yyyy (or yyyy-MM-dd); null when empty or not a date.</summary>
    public static DateOnly? Date(string? text) => Mtqg.Domain.Common.VietnamTime.ParseDate(text);

    public static decimal? Number(string? text) =>
        decimal.TryParse(
            text?.Replace(',', '.'),
            System.Globalization.NumberStyles.Number,
            System.Globalization.CultureInfo.InvariantCulture,
            out var n
        )
            ? n
            : null;
}

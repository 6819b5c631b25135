namespace Mtqg.Web.Features.Visits;

/// <summary>How the visit pages read their form fields: one line per item, dates day first (or ISO), numbers with , or .</summary>
public static class VisitForm
{
    /// <summary>The kinds of support a visit records, with their Vietnamese names, in the order forms offer them.</summary>
    public static readonly (string Code, string Name)[] SupportKinds =
    [
        .. Enum.GetValues<Mtqg.Domain.Visits.SupportKind>().Select(k => (VisitService.SupportCode(k), VisitService.SupportName(k))),
    ];

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

/// <summary>
/// A visit as the new-visit and correction forms post it, bound by the framework (root names: date, communeCode,
/// participants…, and the repeated rows <c>Support[i].Kind</c>… and <c>Rec[i].Text</c>…).
/// </summary>
public sealed class VisitPostForm
{
    public string? Date { get; set; }
    public string? CommuneCode { get; set; }
    public string? Participants { get; set; }
    public string? Content { get; set; }
    public string? Findings { get; set; }
    public string? Difficulties { get; set; }

    // The framework leaves a collection null when the form sent none of its rows.
    public List<SupportRow>? Support { get; set; }
    public List<RecommendationRow>? Rec { get; set; }

    /// <summary>Every support row with a description, a quantity or a value, in order; rows left empty are not support.</summary>
    public List<SupportInput> SupportInputs() =>
        [
            .. (Support ?? [])
                .Where(r => !IsBlank(r.Description) || !IsBlank(r.Quantity) || !IsBlank(r.Value))
                .Select(r => new SupportInput(
                    Trim(r.Kind),
                    Trim(r.Description),
                    VisitForm.Number(r.Quantity),
                    Trim(r.Unit),
                    (long?)VisitForm.Number(r.Value)
                )),
        ];

    /// <summary>Every recommendation row with a text.</summary>
    public List<RecommendationInput> Recommendations() =>
        [
            .. (Rec ?? [])
                .Where(r => !IsBlank(r.Text))
                .Select(r => new RecommendationInput(r.Text, r.Responsible, r.Sector, VisitForm.Date(r.DueDate))),
        ];

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string? Trim(string? text) => IsBlank(text) ? null : text!.Trim();
}

public sealed class SupportRow
{
    public string? Kind { get; set; }
    public string? Description { get; set; }
    public string? Quantity { get; set; }
    public string? Unit { get; set; }
    public string? Value { get; set; }
}

public sealed class RecommendationRow
{
    public string? Text { get; set; }
    public string? Responsible { get; set; }
    public string? Sector { get; set; }
    public string? DueDate { get; set; }
}

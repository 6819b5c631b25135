using Mtqg.Web.Features.Plans;

namespace Mtqg.Web.Features.Visits;

/// <summary>kind: gift | money | materials | inKind.</summary>
public sealed record SupportInput(string? Kind, string? Description, decimal? Quantity, string? Unit, long? Value);
/// <summary>responsible: department (with sector) | commune | province.</summary>
public sealed record RecommendationInput(string? Text, string? Responsible, string? Sector, DateOnly? DueDate);
/// <summary>agencyId: only for administrators; an agency account records its own visits.</summary>
public sealed record VisitInput(DateOnly? Date, int? AgencyId, string? CommuneCode, List<string>? Participants, string? Content, string? Findings,
    List<SupportInput>? Support, List<string>? Difficulties, List<RecommendationInput>? Recommendations);

public sealed record SupportView(string Kind, string KindName, string Description, decimal? Quantity, string? Unit, long? Value);
public sealed record VisitLine(int Id, DateOnly Date, int AgencyId, string AgencyName, string CommuneCode, string CommuneName, string Content, int Recommendations, int OpenRecommendations, long SupportValue);
public sealed record VisitView(int Id, DateOnly Date, int AgencyId, string AgencyName, string ProvinceCode, string CommuneCode, string CommuneName,
    IReadOnlyList<string> Participants, string Content, string? Findings, IReadOnlyList<SupportView> Support, long SupportValue,
    IReadOnlyList<string> Difficulties, IReadOnlyList<RecommendationLine> Recommendations, string? CreatedBy, DateTime CreatedAt);

/// <summary>status: open | inProgress | closed | notApplicable; responsible: department | commune | province.</summary>
public sealed record RecommendationLine(int Id, int VisitId, string Text, DateOnly RaisedOn, string RaisedBy, int AgencyId, string ProvinceCode, string CommuneCode, string CommuneName,
    string Responsible, string? Sector, string ResponsibleName, DateOnly? DueDate, string Status, string StatusName, bool IsOverdue, int DaysOpen,
    string? Response, DateTime? RespondedAt, string? ClosedBy, DateTime? ClosedAt, string? RejectionReason);

public sealed record RecommendationEventView(DateTime AtUtc, string Actor, string Action, string ActionName, string From, string To, string? Text);
public sealed record RecommendationView(RecommendationLine Recommendation, IReadOnlyList<RecommendationEventView> History, bool CanAnswer, bool CanReopen);

public sealed record AnswerInput(string? Text);

public sealed record RecommendationFilter(string? Province, string? Commune, int? Agency, bool OpenOnly = true);

/// <summary>How the visit pages read their form fields: one line per item, ISO dates from date inputs.</summary>
public static class VisitForm
{
    /// <summary>The kinds of support a visit records, with their Vietnamese names, in the order forms offer them.</summary>
    public static readonly (string Code, string Name)[] SupportKinds =
        [.. Enum.GetValues<Mtqg.Domain.Visits.SupportKind>().Select(k => (VisitService.SupportCode(k), VisitService.SupportName(k)))];

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
            if (Field("description") is null && Field("quantity") is null && Field("value") is null) continue;
            rows.Add(new SupportInput(Field("kind"), Field("description"), Number(Field("quantity")), Field("unit"), (long?)Number(Field("value"))));
        }
        return rows;
    }

    public static List<string> Lines(string? text) => [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    public static DateOnly? Date(string? text) => DateOnly.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
    public static decimal? Number(string? text) =>
        decimal.TryParse(text?.Replace(',', '.'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}

using System.Globalization;
using Mtqg.Web.Features.Visits;

namespace Mtqg.Web.Features.Plans.Pages;

/// <summary>
/// A plan's fields as the new-plan and correction forms post them (<see cref="PlanFields"/> names them), bound by the
/// framework ([SupplyParameterFromForm]); dates stay text so that a malformed one is named by the service's check.
/// </summary>
public sealed class PlanForm
{
    public string? Number { get; set; }
    public string? Issuer { get; set; }
    public string? IssuedOn { get; set; }
    public string? PeriodFrom { get; set; }
    public string? PeriodTo { get; set; }
    public string? Title { get; set; }

    /// <summary>The version the correction was made from (decision 0016); none on a new plan.</summary>
    public string? Version { get; set; }

    public PlanInput ToInput(string? province) =>
        new(province, Number, Issuer, VisitForm.Date(IssuedOn), VisitForm.Date(PeriodFrom), VisitForm.Date(PeriodTo), Title);
}

/// <summary>
/// The add-target form, bound by the framework (root names as posted: kind, name, level, year…). Numbers stay text here so that
/// a wrong one reaches the service, which names it; the fields a kind does not use are dropped by <see cref="ToInput"/>.
/// </summary>
public sealed class TargetForm
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Level { get; set; }
    public string? Year { get; set; }
    public string? Goal { get; set; }
    public string? BaselineYear { get; set; }
    public string? CommuneCode { get; set; }
    public string? Unit { get; set; }
    public string? Scope { get; set; }
    public string? Mode { get; set; }
    public string? CommuneListId { get; set; }
    public string? Agency { get; set; }

    public TargetInput ToInput()
    {
        var kind = Kind ?? "";
        var (activity, rate) = (kind == "activity", kind == "rateReduction");
        int? year = int.TryParse(Year, out var y) ? y : null;
        int? listId = int.TryParse(CommuneListId, out var l) ? l : null;
        int? baseline = int.TryParse(BaselineYear, out var b) ? b : null;
        return new TargetInput(
            kind,
            Name,
            activity || rate ? null : Level,
            activity ? null : year,
            kind == "namedCommune" ? CommuneCode : null,
            Number(Goal),
            activity ? Unit : null,
            Scope,
            Mode,
            null,
            activity || rate ? listId : null,
            activity ? Agency : null,
            rate ? baseline : null
        );
    }

    /// <summary>"12", "12,5" or "12.5".</summary>
    public static decimal? Number(string? text) =>
        decimal.TryParse(text?.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>A commune list as its new and correction forms post it (root names: name, communes, asOf, version).</summary>
public sealed class CommuneListForm
{
    public string? Name { get; set; }
    public string? Communes { get; set; }
    public string? AsOf { get; set; }
    public string? Version { get; set; }

    public CommuneListInput ToInput(string province, DateOnly? asOf) => new(province, Name, CommuneLists.Codes(Communes), asOf);
}

/// <summary>An assignment as its new and correction forms post it (<see cref="AssignmentFields"/> names the fields).</summary>
public sealed class AssignmentForm
{
    public string? Agency { get; set; }
    public string? Communes { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Leader { get; set; }

    public AssignmentInput ToInput(string province) =>
        new(province, Agency, CommuneLists.Codes(Communes), VisitForm.Date(From), VisitForm.Date(To), Leader);
}

/// <summary>A target's progress form (date, amount, commune, evidence text, an evidence file).</summary>
public sealed class ProgressForm
{
    public string? Date { get; set; }
    public string? Amount { get; set; }
    public string? CommuneCode { get; set; }
    public string? Evidence { get; set; }
    public IFormFile? File { get; set; }
}

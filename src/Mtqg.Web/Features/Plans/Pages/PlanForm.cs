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

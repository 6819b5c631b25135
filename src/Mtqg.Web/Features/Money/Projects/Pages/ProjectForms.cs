namespace Mtqg.Web.Features.Money.Projects.Pages;

/// <summary>The monthly cumulative disbursement entered on a project's page: one source at a time, in whole đồng.</summary>
public sealed class DisbursementForm
{
    public string? Month { get; set; }
    public string? Source { get; set; }
    public long? Amount { get; set; }
    public string? Correction { get; set; }

    public DisbursementInput ToInput() => new([new SourceAmountInput(Source, Amount)], Correction);
}

namespace Mtqg.Web.Features.Recognition.Decisions.Pages;

/// <summary>
/// A recognition decision as the board's batch forms and the dossier page post it (root names: number, date, signer, batch;
/// the dossiers checked as <c>Dossier[id]=true</c>), bound by the framework. The date stays text: dd/MM/yyyy or ISO.
/// </summary>
public sealed class DecisionForm
{
    public string? Number { get; set; }
    public string? Date { get; set; }
    public string? Signer { get; set; }
    public string? Batch { get; set; }
    public Dictionary<int, bool>? Dossier { get; set; } // null when none is checked

    public List<int> Chosen() => [.. (Dossier ?? []).Where(d => d.Value && d.Key > 0).Select(d => d.Key).Order()];
}

/// <summary>A revocation as the maintenance review posts it: the titles checked as <c>Title[id]=true</c>, the reason.</summary>
public sealed class RevocationForm
{
    public string? Number { get; set; }
    public string? Date { get; set; }
    public string? Signer { get; set; }
    public string? Reason { get; set; }
    public Dictionary<int, bool>? Title { get; set; } // null when none is checked

    public List<int> Chosen() => [.. (Title ?? []).Where(t => t.Value && t.Key > 0).Select(t => t.Key).Order()];
}

/// <summary>
/// The dossier page's forms (update, appraisal, council, decision, evidence), whichever is sent, bound by the framework; a
/// field a form does not carry stays empty. Numbers and dates stay text: the page names what it cannot read.
/// </summary>
public sealed class DossierPostForm
{
    public string Satisfaction { get; set; } = "";
    public string Declared { get; set; } = "";
    public string Note { get; set; } = "";
    public string Version { get; set; } = "";
    public string Comment { get; set; } = "";
    public string Action { get; set; } = "";
    public string Date { get; set; } = "";
    public string For { get; set; } = "";
    public string Against { get; set; } = "";
    public string Members { get; set; } = "";
    public string Conclusion { get; set; } = "";
    public string Number { get; set; } = "";
    public string Signer { get; set; } = "";
    public string Batch { get; set; } = "";
    public string EvidenceId { get; set; } = "";
    public string Target { get; set; } = "";
    public IFormFile? File { get; set; }
}

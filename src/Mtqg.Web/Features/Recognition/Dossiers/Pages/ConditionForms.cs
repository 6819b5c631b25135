namespace Mtqg.Web.Features.Recognition.Dossiers.Pages;

/// <summary>The commune's declarations of its level's conditions, as the dossier page posts them ([SupplyParameterFromForm]).</summary>
public sealed class DeclarationsForm
{
    public string? Version { get; set; }
    public List<DeclarationEntry> Items { get; set; } = [];

    public IReadOnlyList<ConditionDeclaration> ToDeclarations() =>
        [.. Items.Select(i => new ConditionDeclaration(i.Code, i.Evidence, i.Document))];
}

public sealed class DeclarationEntry
{
    public string? Code { get; set; }
    public string? Evidence { get; set; }
    public string? Document { get; set; }
}

/// <summary>The coordination office's judgement of one declared condition.</summary>
public sealed class JudgementForm
{
    public string? Code { get; set; }

    /// <summary>"met" or "not_met".</summary>
    public string? Result { get; set; }
    public string? Note { get; set; }

    public ConditionAppraisalRequest ToRequest() =>
        new(
            Result switch
            {
                "met" => true,
                "not_met" => false,
                _ => null,
            },
            Note
        );
}

using Mtqg.Domain.Common;
using Mtqg.Domain.Evaluation;

namespace Mtqg.Domain.Recognition;

/// <summary>
/// One criterion of a dossier as the scorecard judged it when the commune last refreshed it;
/// frozen at submission. <see cref="ResponsibleSector"/> names the department that appraises it
/// (null when the criteria set names none: such a dossier cannot be submitted).
/// </summary>
public sealed record DossierCriterion(int Number, string Code, string Name, string? ResponsibleSector, EvaluationStatus Status)
{
    /// <summary>
    /// The criteria that apply at the scorecard's level, in its order, each with the sector that
    /// owns it (by criterion number). Criteria that do not apply at the level are left out:
    /// nobody appraises them.
    /// </summary>
    public static IReadOnlyList<DossierCriterion> FromScorecard(Scorecard card, IReadOnlyDictionary<int, string> responsibleSectors) =>
        [
            .. card
                .Criteria.Where(c => c.Status != EvaluationStatus.NotApplicable)
                .Select(c => new DossierCriterion(
                    c.Number,
                    c.Code,
                    c.Name,
                    responsibleSectors.TryGetValue(c.Number, out var sector) && !InputText.IsBlank(sector) ? sector.Trim() : null,
                    c.Status
                )),
        ];

    /// <summary>"tiêu chí 8 (Môi trường)", as used in messages.</summary>
    public string Label => $"tiêu chí {Number} ({Name})";
}

using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;

namespace Mtqg.Bench.Micro;

/// <summary>An interchange document as the engine's model (what SetCatalog builds from the database).</summary>
public static class Sets
{
    public static EvaluationSet Evaluation(CriteriaSetDocument doc) =>
        new(
            [.. doc.Levels!.Select(l => new EvaluationLevel(l.Code!, l.Name!, l.Rank!.Value))],
            [.. doc.Bands!.Select(b => new EvaluationBand(b.Name!, b.MinCriteriaMet!.Value))],
            [
                .. doc.Criteria!.Select(c => new EvaluationCriterion(
                    c.Number!.Value,
                    c.Code!,
                    c.Name!,
                    [
                        .. c.Indicators!.Select(i => new EvaluationIndicator(
                            i.Code!,
                            i.Name!,
                            CriteriaVocabulary.Types[i.Type!],
                            CriteriaVocabulary.Rules[i.Rule!],
                            i.Unit,
                            [
                                .. i.Thresholds!.Select(t => new EvaluationThreshold(
                                    t.Level!,
                                    t.Group,
                                    t.Year,
                                    t.Value is not { } v ? null
                                        : v.Flag is true ? 1m
                                        : v.Number
                                )),
                            ]
                        )),
                    ]
                )),
            ]
        );
}

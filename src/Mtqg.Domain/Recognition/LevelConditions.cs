namespace Mtqg.Domain.Recognition;

/// <summary>A condition of a level beyond thresholds, as a set defines it: <see cref="Judged"/> is <c>title</c> or <c>declared</c>.</summary>
public sealed record LevelCondition(string Code, string Text, string Judged, string? HeldLevel)
{
    public bool ByTitle => Judged == Criteria.CriteriaSetValidator.JudgedByTitle;
}

/// <summary>
/// A level condition on one dossier: what the commune declared (<see cref="Evidence"/>, <see cref="Document"/>) and the
/// judgement (<see cref="Met"/>: null = not judged; a title condition is judged by the system from the titles held).
/// </summary>
public sealed record ConditionState(LevelCondition Condition, string? Evidence, string? Document, bool? Met, string? JudgeNote);

/// <summary>
/// The ladder's conditions on a dossier (DESIGN §9, 319/QĐ-TTg): a dossier is submitted only when every declared condition has
/// the commune's declaration and every title condition is held; a decision is recorded only when every condition is judged met.
/// Each function names every condition that stops the step, in the set's order.
/// </summary>
public static class LevelConditions
{
    /// <summary>What stops submitting: a declared condition without a declaration, a title condition the commune does not hold.</summary>
    public static IReadOnlyList<string> BeforeSubmit(IEnumerable<ConditionState> conditions) =>
        conditions
            .Select(c =>
                c.Condition.ByTitle
                    ? c.Met == true
                        ? null
                        : $"{c.Condition.Code} «{c.Condition.Text}»: xã chưa giữ danh hiệu mức {c.Condition.HeldLevel}"
                    : string.IsNullOrWhiteSpace(c.Evidence)
                        ? $"{c.Condition.Code} «{c.Condition.Text}»: xã chưa kê khai, chưa có minh chứng"
                        : null
            )
            .OfType<string>()
            .ToList();

    /// <summary>What stops a recognition decision: a condition not judged, or judged not met.</summary>
    public static IReadOnlyList<string> BeforeDecision(IEnumerable<ConditionState> conditions) =>
        conditions
            .Select(c =>
                c.Met switch
                {
                    true => null,
                    false => $"{c.Condition.Code} «{c.Condition.Text}»: được xét là chưa đạt",
                    null => $"{c.Condition.Code} «{c.Condition.Text}»: Văn phòng điều phối chưa xét",
                }
            )
            .OfType<string>()
            .ToList();
}

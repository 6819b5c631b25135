namespace Mtqg.Domain.Evaluation;

/// <summary>The status of an indicator or a criterion at one level (DESIGN §6).</summary>
public enum EvaluationStatus
{
    Met = 1,
    NotMet = 2,
    Missing = 3,
    NoThreshold = 4,
    NotApplicable = 5,
}

public static class EvaluationStatusVocabulary
{
    /// <summary>The code used in JSON: <c>met</c>, <c>not_met</c>, <c>missing</c>, <c>no_threshold</c>, <c>not_applicable</c>.</summary>
    public static string Code(this EvaluationStatus status) =>
        status switch
        {
            EvaluationStatus.Met => "met",
            EvaluationStatus.NotMet => "not_met",
            EvaluationStatus.Missing => "missing",
            EvaluationStatus.NoThreshold => "no_threshold",
            _ => "not_applicable",
        };

    public static string Label(this EvaluationStatus status) =>
        status switch
        {
            EvaluationStatus.Met => "Đạt",
            EvaluationStatus.NotMet => "Chưa đạt",
            EvaluationStatus.Missing => "Chưa có số liệu",
            EvaluationStatus.NoThreshold => "Chưa có ngưỡng",
            _ => "Không áp dụng",
        };
}

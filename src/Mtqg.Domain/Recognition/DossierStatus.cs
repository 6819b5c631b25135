namespace Mtqg.Domain.Recognition;

public enum DossierStatus
{
    Draft = 1,
    Submitted = 2,
    SentBack = 3,
    Resubmitted = 4,
    Appraised = 5,
    CouncilHeld = 6,
    Recognised = 7,
    Rejected = 8,
}

/// <summary>Where one criterion stands in appraisal.</summary>
public enum CriterionAppraisalState
{
    NotSubmitted = 0,
    Pending = 1,
    Met = 2,
    NotMet = 3,
    SentBack = 4,
}

/// <summary>What a department concluded on a criterion ("đạt" / "chưa đạt").</summary>
public enum AppraisalResult
{
    Met = 1,
    NotMet = 2,
}

/// <summary>What one appraisal step did: judged the criterion, or returned it to the commune.</summary>
public enum AppraisalStep
{
    Met = 1,
    NotMet = 2,
    SentBack = 3,
}

public enum DossierEventKind
{
    Created = 1,
    CriteriaRefreshed = 2,
    Submitted = 3,
    CriterionAppraised = 4,
    CriterionSentBack = 5,
    ReturnedToCommune = 6,
    Resubmitted = 7,
    AllCriteriaMet = 8,
    CouncilHeld = 9,
    Rejected = 10,
    Recognised = 11,
}

public static class DossierVocabulary
{
    public static string Label(this DossierStatus status) =>
        status switch
        {
            DossierStatus.Draft => "Đang soạn",
            DossierStatus.Submitted => "Đã nộp, đang thẩm định",
            DossierStatus.SentBack => "Trả lại xã để bổ sung",
            DossierStatus.Resubmitted => "Đã nộp lại, đang thẩm định",
            DossierStatus.Appraised => "Đã thẩm định đạt, chờ hội đồng",
            DossierStatus.CouncilHeld => "Hội đồng đề nghị công nhận, chờ quyết định",
            DossierStatus.Recognised => "Đã công nhận",
            _ => "Không công nhận",
        };

    public static string Label(this AppraisalResult result) => result == AppraisalResult.Met ? "đạt" : "chưa đạt";
}

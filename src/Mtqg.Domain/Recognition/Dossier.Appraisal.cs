using Mtqg.Domain.Common;

namespace Mtqg.Domain.Recognition;

/// <summary>Appraisal by the departments: a criterion judged or sent back, the dossier resubmitted, rounds closed when nothing waits.</summary>
public sealed partial class Dossier
{
    public Outcome Appraise(int criterionNumber, string sector, AppraisalResult result, string? comment, Actor user, DateTime utcNow)
    {
        if (RefuseAppraisalStep("thẩm định", criterionNumber, sector, user) is { } refusal)
            return refusal;
        var criterion = Find(criterionNumber)!;
        if (result == AppraisalResult.NotMet && InputText.IsBlank(comment))
            return Outcome.Rejected($"Không thể kết luận {criterion.Label} chưa đạt mà không ghi lý do.");

        var text = InputText.IsBlank(comment) ? null : comment.Trim();
        Record(criterion, result == AppraisalResult.Met ? AppraisalStep.Met : AppraisalStep.NotMet, text, user, utcNow);
        Log(
            user,
            utcNow,
            DossierEventKind.CriterionAppraised,
            $"{sector.Trim()} thẩm định {criterion.Label}: {result.Label()}{(text is null ? "" : $" — {text}")}."
        );

        if (result == AppraisalResult.NotMet)
        {
            Status = DossierStatus.Rejected;
            Log(user, utcNow, DossierEventKind.Rejected, $"Hồ sơ không được công nhận: {criterion.Label} được thẩm định chưa đạt.");
            return Outcome.Done;
        }
        CloseRoundIfNothingWaits(user, utcNow);
        return Outcome.Done;
    }

    public Outcome SendBack(int criterionNumber, string sector, string reason, Actor user, DateTime utcNow)
    {
        if (RefuseAppraisalStep("trả lại", criterionNumber, sector, user) is { } refusal)
            return refusal;
        var criterion = Find(criterionNumber)!;
        if (InputText.IsBlank(reason))
            return Outcome.Rejected($"Không thể trả lại {criterion.Label} mà không ghi lý do.");

        Record(criterion, AppraisalStep.SentBack, reason.Trim(), user, utcNow);
        Log(user, utcNow, DossierEventKind.CriterionSentBack, $"{sector.Trim()} trả lại {criterion.Label}: {reason.Trim()}.");
        CloseRoundIfNothingWaits(user, utcNow);
        return Outcome.Done;
    }

    /// <summary>Sends the sent-back criteria, and only those, to their departments again.</summary>
    public Outcome Resubmit(Actor user, DateTime utcNow)
    {
        if (Status != DossierStatus.SentBack)
            return Outcome.Rejected($"Không thể nộp lại: hồ sơ đang ở trạng thái «{Status.Label()}»; chỉ nộp lại hồ sơ bị trả lại.");
        var sentBack = _criteria.Where(c => StateOf(c.Number) == CriterionAppraisalState.SentBack).ToList();
        var gaps = sentBack.Select(CriterionGap).OfType<string>().ToList();
        if (gaps.Count > 0)
            return Outcome.Rejected($"Chưa thể nộp lại: {string.Join("; ", gaps)}.");

        Status = DossierStatus.Resubmitted;
        foreach (var criterion in sentBack)
            SendToAppraisal(criterion.Number, utcNow);
        Log(user, utcNow, DossierEventKind.Resubmitted, $"Nộp lại {string.Join(", ", sentBack.Select(c => c.Label))}.");
        return Outcome.Done;
    }

    private Outcome? RefuseAppraisalStep(string verb, int criterionNumber, string sector, Actor user)
    {
        if (Status is not (DossierStatus.Submitted or DossierStatus.Resubmitted))
            return Outcome.Rejected(
                $"Không thể {verb}: hồ sơ đang ở trạng thái «{Status.Label()}»; chỉ {verb} khi hồ sơ đã nộp hoặc nộp lại."
            );
        if (Find(criterionNumber) is not { } criterion)
            return Outcome.Rejected($"Không thể {verb}: hồ sơ không có tiêu chí {criterionNumber}.");
        if (user.Id == CreatedBy.Id || user.Id == SubmittedBy?.Id)
            return Outcome.Rejected("Người lập hoặc nộp hồ sơ không được tự thẩm định hồ sơ của mình.");
        if (!SameSector(criterion.ResponsibleSector, sector))
            return Outcome.Rejected(
                $"Không thể {verb} {criterion.Label}: tiêu chí do {criterion.ResponsibleSector} thẩm định, không phải {sector}."
            );
        return StateOf(criterionNumber) switch
        {
            CriterionAppraisalState.Pending => null,
            CriterionAppraisalState.SentBack => Outcome.Rejected(
                $"Không thể {verb} {criterion.Label}: tiêu chí đã trả lại xã, chờ xã nộp lại."
            ),
            var done => Outcome.Rejected(
                $"Không thể {verb} {criterion.Label}: tiêu chí đã được thẩm định {(done == CriterionAppraisalState.Met ? "đạt" : "chưa đạt")}"
                    + $"{LastStepOf(criterionNumber) switch { { } a => $" lúc {a.At:dd/MM/yyyy HH:mm} UTC bởi {a.ByUserName}", null => "" }}; không thẩm định lại."
            ),
        };
    }

    private void CloseRoundIfNothingWaits(Actor user, DateTime utcNow)
    {
        if (PendingCriteria.Count > 0)
            return;
        var sentBack = _criteria.Where(c => StateOf(c.Number) == CriterionAppraisalState.SentBack).ToList();
        if (sentBack.Count > 0)
        {
            Status = DossierStatus.SentBack;
            Log(
                user,
                utcNow,
                DossierEventKind.ReturnedToCommune,
                $"Các sở đã thẩm định xong; trả lại xã {string.Join(", ", sentBack.Select(c => c.Label))}."
            );
            return;
        }
        Status = DossierStatus.Appraised;
        Log(user, utcNow, DossierEventKind.AllCriteriaMet, $"Cả {_criteria.Count} tiêu chí được thẩm định đạt; chờ hội đồng thẩm định.");
    }

    private void SendToAppraisal(int number, DateTime utcNow)
    {
        _states[number] = CriterionAppraisalState.Pending;
        _sentToAppraisalAt[number] = utcNow;
        _rounds[number] = _rounds.GetValueOrDefault(number) + 1;
    }

    private void Record(DossierCriterion criterion, AppraisalStep step, string? comment, Actor user, DateTime utcNow)
    {
        _appraisals.Add(
            new CriterionAppraisal(
                criterion.Number,
                _rounds[criterion.Number],
                criterion.ResponsibleSector!,
                step,
                comment,
                _sentToAppraisalAt[criterion.Number],
                utcNow,
                user.Id,
                user.Name
            )
        );
        _states[criterion.Number] = step switch
        {
            AppraisalStep.Met => CriterionAppraisalState.Met,
            AppraisalStep.NotMet => CriterionAppraisalState.NotMet,
            _ => CriterionAppraisalState.SentBack,
        };
    }

    private CriterionAppraisal? LastStepOf(int number) => _appraisals.LastOrDefault(a => a.CriterionNumber == number);
}

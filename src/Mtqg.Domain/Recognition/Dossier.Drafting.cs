using System.Globalization;
using Mtqg.Domain.Common;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Money;

namespace Mtqg.Domain.Recognition;

/// <summary>The commune's part of a dossier: its criteria from the scorecard, satisfaction, debt, note, and submission.</summary>
public sealed partial class Dossier
{
    /// <summary>
    /// Takes the criteria from the commune's current scorecard. In a draft every criterion is
    /// replaced; once sent back, only the sent-back criteria are, because the others stay as the
    /// departments appraised them.
    /// </summary>
    public Outcome RefreshCriteria(Scorecard card, IReadOnlyDictionary<int, string> responsibleSectors, Actor user, DateTime utcNow)
    {
        if (Status is not (DossierStatus.Draft or DossierStatus.SentBack))
            return Outcome.Rejected(
                $"Không thể cập nhật kết quả đánh giá: hồ sơ đang ở trạng thái «{Status.Label()}»; chỉ cập nhật khi đang soạn hoặc bị trả lại."
            );
        if (card.Year != Year || card.Level != LevelCode)
            return Outcome.Rejected(
                $"Không thể cập nhật: bảng đánh giá là năm {card.Year}, mức {card.Level}; hồ sơ đề nghị năm {Year}, mức {LevelCode}."
            );

        var fresh = DossierCriterion.FromScorecard(card, responsibleSectors);
        if (Status == DossierStatus.Draft)
        {
            _criteria.Clear();
            _criteria.AddRange(fresh);
            Log(
                user,
                utcNow,
                DossierEventKind.CriteriaRefreshed,
                $"Cập nhật kết quả tự đánh giá: {fresh.Count(c => c.Status == EvaluationStatus.Met)}/{fresh.Count} tiêu chí đạt."
            );
            return Outcome.Done;
        }

        var sentBack = _criteria.Where(c => StateOf(c.Number) == CriterionAppraisalState.SentBack).ToList();
        var missingFromCard = sentBack.Where(c => fresh.All(f => f.Number != c.Number)).ToList();
        if (missingFromCard.Count > 0)
            return Outcome.Rejected(
                $"Không thể cập nhật: bảng đánh giá không có {string.Join(", ", missingFromCard.Select(c => c.Label))} đã bị trả lại."
            );
        foreach (var old in sentBack)
            _criteria[_criteria.IndexOf(old)] = fresh.Single(f => f.Number == old.Number);
        Log(
            user,
            utcNow,
            DossierEventKind.CriteriaRefreshed,
            $"Cập nhật các tiêu chí bị trả lại: {string.Join("; ", sentBack.Select(c => $"{Find(c.Number)!.Label} {Find(c.Number)!.Status.Label().ToLowerInvariant()}"))}."
        );
        return Outcome.Done;
    }

    public Outcome SetResidentSatisfaction(decimal? percent)
    {
        if (Status != DossierStatus.Draft)
            return Outcome.Rejected($"Không thể sửa kết quả lấy ý kiến sự hài lòng: hồ sơ đang ở trạng thái «{Status.Label()}».");
        if (percent is < 0 or > 100)
            return Outcome.Rejected(
                $"Tỷ lệ hài lòng phải từ 0 đến 100%, nhận được {percent.Value.ToString(CultureInfo.GetCultureInfo("vi-VN"))}%."
            );
        ResidentSatisfaction = percent;
        return Outcome.Done;
    }

    public Outcome DeclareNoConstructionDebt(bool declared)
    {
        if (Status != DossierStatus.Draft)
            return Outcome.Rejected($"Không thể sửa cam kết không nợ đọng xây dựng cơ bản: hồ sơ đang ở trạng thái «{Status.Label()}».");
        NoConstructionDebtDeclared = declared;
        return Outcome.Done;
    }

    public Outcome SetNote(string? note)
    {
        if (Status is not (DossierStatus.Draft or DossierStatus.SentBack))
            return Outcome.Rejected($"Không thể sửa ghi chú: hồ sơ đang ở trạng thái «{Status.Label()}».");
        Note = InputText.IsBlank(note) ? null : note.Trim();
        return Outcome.Done;
    }

    /// <summary>
    /// The "no outstanding construction debt" condition (DESIGN §11): read from the commune-year's recorded debt where one
    /// exists — 0 meets it, more is a gap naming the amount that the declaration cannot override — else from the
    /// commune's declaration. Null when met.
    /// </summary>
    public static string? ConstructionDebtGap(long? recordedDebt, bool declared) =>
        recordedDebt switch
        {
            { } debt when debt > 0 =>
                $"còn nợ đọng xây dựng cơ bản {CapitalTotals.Millions(debt)} triệu đồng theo số liệu nợ đọng XDCB của xã",
            { } => null,
            null => declared ? null : "chưa cam kết không còn nợ đọng xây dựng cơ bản",
        };

    /// <summary>Where the condition comes from, as the dossier page shows it.</summary>
    public static string ConstructionDebtSource(long? recordedDebt, bool declared) =>
        recordedDebt switch
        {
            { } debt when debt > 0 => $"theo số liệu nợ đọng XDCB: còn {CapitalTotals.Millions(debt)} triệu đồng",
            { } => "theo số liệu nợ đọng XDCB: 0 đồng",
            null => declared ? "theo cam kết của xã" : "xã chưa cam kết, chưa có số liệu nợ đọng XDCB",
        };

    /// <summary>
    /// Submits a draft once nothing is missing; <paramref name="recordedConstructionDebt"/> is the commune-year's recorded
    /// outstanding construction debt in đồng, null when none was recorded (<see cref="ConstructionDebtGap"/>).
    /// </summary>
    public Outcome Submit(Actor user, DateTime utcNow, long? recordedConstructionDebt = null)
    {
        if (Status != DossierStatus.Draft)
            return Outcome.Rejected($"Không thể nộp: hồ sơ đang ở trạng thái «{Status.Label()}»; chỉ nộp hồ sơ đang soạn.");

        var gaps = new List<string>();
        if (_criteria.Count == 0)
            gaps.Add("chưa có kết quả tự đánh giá các tiêu chí");
        gaps.AddRange(_criteria.Select(CriterionGap).OfType<string>());
        gaps.AddRange(_criteria.Where(c => c.ResponsibleSector is null).Select(c => $"{c.Label} chưa có sở phụ trách thẩm định"));
        if (ResidentSatisfaction is null)
            gaps.Add("chưa có kết quả lấy ý kiến sự hài lòng của người dân");
        else if (RequiredSatisfaction is { } required && ResidentSatisfaction.Value < required)
            gaps.Add($"tỷ lệ người dân hài lòng {Percent(ResidentSatisfaction.Value)} thấp hơn mức yêu cầu {Percent(required)}");
        if (ConstructionDebtGap(recordedConstructionDebt, NoConstructionDebtDeclared) is { } debtGap)
            gaps.Add(debtGap);
        if (gaps.Count > 0)
            return Outcome.Rejected($"Chưa thể nộp: {string.Join("; ", gaps)}.");

        (Status, SubmittedBy, SubmittedAt) = (DossierStatus.Submitted, user, utcNow);
        foreach (var criterion in _criteria)
            SendToAppraisal(criterion.Number, utcNow);
        Log(
            user,
            utcNow,
            DossierEventKind.Submitted,
            $"Nộp hồ sơ: {_criteria.Count} tiêu chí gửi {_criteria.Select(c => c.ResponsibleSector).Distinct().Count()} sở thẩm định."
        );
        return Outcome.Done;
    }
}

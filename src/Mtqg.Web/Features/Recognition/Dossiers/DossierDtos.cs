using System.Globalization;
using Mtqg.Data.Recognition;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Scorecards;

namespace Mtqg.Web.Features.Recognition.Dossiers;

/// <summary>The stored dossier rows to the domain's snapshot and to the API's records; codes and labels of states and steps.</summary>
public static class DossierDtos
{
    public static DossierSnapshot SnapshotOf(DossierRecord r) =>
        new(
            r.CommuneCode,
            r.Year,
            r.SetCode,
            r.LevelCode,
            new Actor(r.CreatedById, r.CreatedByName),
            r.CreatedAt,
            r.RequiredSatisfaction,
            r.Status == 0 ? DossierStatus.Draft : r.Status,
            r.ResidentSatisfaction,
            r.NoConstructionDebtDeclared,
            r.Note,
            r.SubmittedById is null ? null : new Actor(r.SubmittedById, r.SubmittedByName ?? ""),
            r.SubmittedAt,
            r.CouncilDate is { } date
                ? new CouncilMeeting(
                    date,
                    r.CouncilMembers?.Split('\n') ?? [],
                    r.VotesFor ?? 0,
                    r.VotesAgainst ?? 0,
                    r.CouncilConclusion ?? ""
                )
                : null,
            r.Decision is { } d ? new RecognitionDecision(d.Number, d.Date, d.Signer, d.LevelCode) : null,
            [
                .. r
                    .Criteria.OrderBy(c => c.Number)
                    .Select(c => new DossierCriterion(c.Number, c.Code, c.Name, c.ResponsibleSector, c.Status)),
            ],
            [.. r.Criteria.Select(c => new CriterionProgress(c.Number, c.State, c.Round, c.SentToAppraisalAt))],
            [
                .. r
                    .Appraisals.OrderBy(a => a.At)
                    .ThenBy(a => a.Id)
                    .Select(a => new CriterionAppraisal(
                        a.CriterionNumber,
                        a.Round,
                        a.Sector,
                        a.Step,
                        a.Comment,
                        a.SentToAppraisalAt,
                        a.At,
                        a.ByUserId,
                        a.ByUserName
                    )),
            ],
            [.. r.Events.OrderBy(e => e.Sequence).Select(e => new TimelineEvent(e.At, e.UserId, e.UserName, e.Kind, e.Details))]
        );

    public static DossierDto ToDto(DossierRecord r)
    {
        var dossier = Dossier.Restore(SnapshotOf(r));
        var events = r.Events.OrderBy(e => e.Sequence).ToList();
        return new DossierDto(
            r.Id,
            new UnitRef(r.CommuneCode, r.CommuneName),
            r.ProvinceCode,
            r.Year,
            r.SetCode,
            r.LevelCode,
            StatusCode(r.Status),
            r.Status.Label(),
            r.ResidentSatisfaction,
            r.RequiredSatisfaction,
            r.NoConstructionDebtDeclared,
            r.Note,
            r.CreatedByName,
            r.CreatedAt,
            r.SubmittedByName,
            r.SubmittedAt,
            r.CouncilDate is { } date
                ? new CouncilDto(date, r.CouncilMembers?.Split('\n') ?? [], r.VotesFor ?? 0, r.VotesAgainst ?? 0, r.CouncilConclusion ?? "")
                : null,
            r.Decision is { } d ? new DecisionRefDto(d.Id, d.Number, d.Date, d.Signer, d.Batch) : null,
            [
                .. r
                    .Criteria.OrderBy(c => c.Number)
                    .Select(c => new DossierCriterionDto(
                        c.Number,
                        c.Code,
                        c.Name,
                        c.ResponsibleSector,
                        c.Status.Code(),
                        StateCode(c.State),
                        StateLabel(c.State),
                        c.Round,
                        [
                            .. r
                                .Indicators.Where(i => i.CriterionNumber == c.Number)
                                .OrderBy(i => i.Order)
                                .Select(i => new DossierIndicatorDto(
                                    i.Code,
                                    i.Name,
                                    i.Type,
                                    i.Unit,
                                    Shown(i.Type, i.Value),
                                    Shown(i.Type, i.Threshold),
                                    i.Rule,
                                    i.Status
                                )),
                        ],
                        [
                            .. r
                                .Appraisals.Where(a => a.CriterionNumber == c.Number)
                                .OrderBy(a => a.At)
                                .ThenBy(a => a.Id)
                                .Select(a => new AppraisalDto(
                                    a.Round,
                                    a.Sector,
                                    StepCode(a.Step),
                                    StepLabel(a.Step),
                                    a.Comment,
                                    a.SentToAppraisalAt,
                                    a.At,
                                    a.ByUserName,
                                    Math.Round((a.At - a.SentToAppraisalAt).TotalHours, 3)
                                )),
                        ]
                    )),
            ],
            SectorsOf(dossier),
            [
                .. events.Select(
                    (e, i) =>
                        new TimelineDto(
                            e.At,
                            e.UserName,
                            KindCode(e.Kind),
                            e.Details,
                            i == 0 ? null : Math.Round((e.At - events[i - 1].At).TotalHours, 3)
                        )
                ),
            ],
            [.. r.Evidence.OrderBy(e => e.UploadedAt).ThenBy(e => e.Id).Select(ToDto)],
            r.Version.ToString("N"),
            [
                .. r
                    .Conditions.OrderBy(c => c.Order)
                    .Select(c => new DossierConditionDto(
                        c.Code,
                        c.Text,
                        c.Judged,
                        c.HeldLevel,
                        c.Evidence,
                        c.Document,
                        c.Met,
                        c.JudgeNote,
                        c.JudgedByName,
                        c.JudgedAt
                    )),
            ]
        );
    }

    public static IReadOnlyList<SectorProgressDto> SectorsOf(Dossier dossier) =>
        [
            .. dossier
                .Progress()
                .Select(p => new SectorProgressDto(
                    p.Sector,
                    p.Criteria,
                    p.Pending,
                    p.Finished,
                    p.LongestStep is { } t ? Math.Round(t.TotalHours, 3) : null
                )),
        ];

    private static object? Shown(string type, decimal? value) =>
        value is not { } v ? null
        : type == "boolean" ? Mtqg.Domain.Criteria.ValueRules.IsAchieved(v)
        : v;

    public static string StatusCode(DossierStatus s) =>
        s switch
        {
            DossierStatus.Draft => "draft",
            DossierStatus.Submitted => "submitted",
            DossierStatus.SentBack => "sent_back",
            DossierStatus.Resubmitted => "resubmitted",
            DossierStatus.Appraised => "appraised",
            DossierStatus.CouncilHeld => "council_held",
            DossierStatus.Recognised => "recognised",
            _ => "rejected",
        };

    public static DossierStatus? ParseStatus(string? code) =>
        Enum.GetValues<DossierStatus>().Where(s => StatusCode(s) == code?.Trim()).Select(s => (DossierStatus?)s).FirstOrDefault();

    public static string StateCode(CriterionAppraisalState s) =>
        s switch
        {
            CriterionAppraisalState.Pending => "pending",
            CriterionAppraisalState.Met => "met",
            CriterionAppraisalState.NotMet => "not_met",
            CriterionAppraisalState.SentBack => "sent_back",
            _ => "not_submitted",
        };

    public static string StateLabel(CriterionAppraisalState s) =>
        s switch
        {
            CriterionAppraisalState.Pending => "Chờ sở thẩm định",
            CriterionAppraisalState.Met => "Thẩm định đạt",
            CriterionAppraisalState.NotMet => "Thẩm định chưa đạt",
            CriterionAppraisalState.SentBack => "Trả lại xã bổ sung",
            _ => "Chưa nộp",
        };

    private static string StepCode(AppraisalStep s) =>
        s switch
        {
            AppraisalStep.Met => "met",
            AppraisalStep.NotMet => "not_met",
            _ => "sent_back",
        };

    public static string StepLabel(AppraisalStep s) =>
        s switch
        {
            AppraisalStep.Met => "Đạt",
            AppraisalStep.NotMet => "Chưa đạt",
            _ => "Trả lại",
        };

    private static string KindCode(DossierEventKind k) =>
        k switch
        {
            DossierEventKind.Created => "created",
            DossierEventKind.CriteriaRefreshed => "criteria_refreshed",
            DossierEventKind.Submitted => "submitted",
            DossierEventKind.CriterionAppraised => "criterion_appraised",
            DossierEventKind.CriterionSentBack => "criterion_sent_back",
            DossierEventKind.ReturnedToCommune => "returned_to_commune",
            DossierEventKind.Resubmitted => "resubmitted",
            DossierEventKind.AllCriteriaMet => "all_criteria_met",
            DossierEventKind.CouncilHeld => "council_held",
            DossierEventKind.Rejected => "rejected",
            _ => "recognised",
        };

    public static EvidenceDto ToDto(EvidenceFile e) =>
        new(e.Id, e.CriterionNumber, e.IndicatorCode, e.FileName, e.ContentType, e.Length, e.UploadedByName, e.UploadedAt);

    public static string Hours(double? hours) =>
        hours switch
        {
            null => "",
            < 1.0 / 60 => "dưới 1 phút",
            < 1 => $"{Math.Round(hours.Value * 60).ToString(CultureInfo.InvariantCulture)} phút",
            < 48 => $"{hours.Value.ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"))} giờ",
            _ => $"{(hours.Value / 24).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"))} ngày",
        };
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mtqg.Domain.Common;
using Mtqg.Domain.Evaluation;

namespace Mtqg.Domain.Recognition;

/// <summary>
/// Hồ sơ đề nghị công nhận: one commune, one year, one criteria set and level, from draft to
/// decision. Every transition checks where the dossier stands, takes the acting user and the
/// time, returns an <see cref="Outcome"/> and, when done, appends to <see cref="Timeline"/>.
/// Departments appraise their criteria in parallel; the dossier leaves appraisal only when no
/// criterion waits any more: to <see cref="DossierStatus.SentBack"/> if one was sent back, else
/// to <see cref="DossierStatus.Appraised"/>. A criterion judged "chưa đạt" ends it at once.
/// </summary>
public sealed partial class Dossier
{
    private readonly List<DossierCriterion> _criteria = [];
    private readonly List<CriterionAppraisal> _appraisals = [];
    private readonly List<TimelineEvent> _timeline = [];
    private readonly Dictionary<int, CriterionAppraisalState> _states = [];
    private readonly Dictionary<int, DateTime> _sentToAppraisalAt = [];
    private readonly Dictionary<int, int> _rounds = [];

    private Dossier(
        string communeCode,
        int year,
        string setCode,
        string levelCode,
        Actor createdBy,
        DateTime createdAt,
        decimal? requiredSatisfaction
    )
    {
        (CommuneCode, Year, SetCode, LevelCode) = (communeCode, year, setCode, levelCode);
        (CreatedBy, CreatedAt, RequiredSatisfaction) = (createdBy, createdAt, requiredSatisfaction);
    }

    public string CommuneCode { get; }
    public int Year { get; }
    public string SetCode { get; }
    public string LevelCode { get; }
    public Actor CreatedBy { get; }
    public DateTime CreatedAt { get; }

    /// <summary>The satisfaction rate (percent) the level requires, as data of the set; null = not checked here.</summary>
    public decimal? RequiredSatisfaction { get; }

    public DossierStatus Status { get; private set; } = DossierStatus.Draft;

    /// <summary>Residents' satisfaction, percent; null = not surveyed yet.</summary>
    public decimal? ResidentSatisfaction { get; private set; }

    /// <summary>The commune declares no outstanding construction debt under the programme.</summary>
    public bool NoConstructionDebtDeclared { get; private set; }

    public string? Note { get; private set; }
    public Actor? SubmittedBy { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public CouncilMeeting? Council { get; private set; }
    public RecognitionDecision? Decision { get; private set; }

    public IReadOnlyList<DossierCriterion> Criteria => _criteria;
    public IReadOnlyList<CriterionAppraisal> Appraisals => _appraisals;
    public IReadOnlyList<TimelineEvent> Timeline => _timeline;

    public static Dossier Create(
        string communeCode,
        int year,
        string setCode,
        string levelCode,
        Actor createdBy,
        DateTime utcNow,
        decimal? requiredSatisfaction = null
    )
    {
        var dossier = new Dossier(communeCode, year, setCode, levelCode, createdBy, utcNow, requiredSatisfaction);
        dossier.Log(
            createdBy,
            utcNow,
            DossierEventKind.Created,
            $"Lập hồ sơ đề nghị công nhận xã {communeCode} năm {year}, bộ tiêu chí {setCode}, mức {levelCode}."
        );
        return dossier;
    }

    /// <summary>The dossier as plain data, for storage.</summary>
    public DossierSnapshot Snapshot() =>
        new(
            CommuneCode,
            Year,
            SetCode,
            LevelCode,
            CreatedBy,
            CreatedAt,
            RequiredSatisfaction,
            Status,
            ResidentSatisfaction,
            NoConstructionDebtDeclared,
            Note,
            SubmittedBy,
            SubmittedAt,
            Council,
            Decision,
            [.. _criteria],
            [.. _criteria.Select(c => ProgressOf(c.Number))],
            [.. _appraisals],
            [.. _timeline]
        );

    /// <summary>A dossier as stored: no transition is replayed and nothing is logged.</summary>
    public static Dossier Restore(DossierSnapshot s)
    {
        var dossier = new Dossier(s.CommuneCode, s.Year, s.SetCode, s.LevelCode, s.CreatedBy, s.CreatedAt, s.RequiredSatisfaction)
        {
            Status = s.Status,
            ResidentSatisfaction = s.ResidentSatisfaction,
            NoConstructionDebtDeclared = s.NoConstructionDebtDeclared,
            Note = s.Note,
            SubmittedBy = s.SubmittedBy,
            SubmittedAt = s.SubmittedAt,
            Council = s.Council,
            Decision = s.Decision,
        };
        dossier._criteria.AddRange(s.Criteria);
        foreach (var p in s.Progress)
        {
            if (p.State != CriterionAppraisalState.NotSubmitted)
                dossier._states[p.Number] = p.State;
            if (p.SentToAppraisalAt is { } sent)
                dossier._sentToAppraisalAt[p.Number] = sent;
            if (p.Round > 0)
                dossier._rounds[p.Number] = p.Round;
        }
        dossier._appraisals.AddRange(s.Appraisals);
        dossier._timeline.AddRange(s.Timeline);
        return dossier;
    }

    public CriterionProgress ProgressOf(int criterionNumber) =>
        new(
            criterionNumber,
            StateOf(criterionNumber),
            _rounds.GetValueOrDefault(criterionNumber),
            _sentToAppraisalAt.TryGetValue(criterionNumber, out var sent) ? sent : null
        );

    public CriterionAppraisalState StateOf(int criterionNumber) =>
        _states.TryGetValue(criterionNumber, out var state) ? state : CriterionAppraisalState.NotSubmitted;

    /// <summary>The criteria waiting for a department, by number.</summary>
    public IReadOnlyList<int> PendingCriteria =>
        [.. _criteria.Where(c => StateOf(c.Number) == CriterionAppraisalState.Pending).Select(c => c.Number)];

    public Outcome RecordCouncil(
        DateOnly date,
        IReadOnlyList<string> members,
        int votesFor,
        int votesAgainst,
        string conclusion,
        Actor user,
        DateTime utcNow
    )
    {
        if (Status != DossierStatus.Appraised)
        {
            var waiting = Status is DossierStatus.Submitted or DossierStatus.Resubmitted
                ? $" Còn chờ thẩm định: {string.Join(", ", PendingCriteria.Select(n => Find(n)!.Label))}."
                : "";
            return Outcome.Rejected(
                $"Không thể ghi nhận hội đồng: hồ sơ đang ở trạng thái «{Status.Label()}»; hội đồng chỉ họp khi mọi tiêu chí đã được thẩm định đạt.{waiting}"
            );
        }
        var names = members.Where(m => !InputText.IsBlank(m)).Select(m => m.Trim()).ToList();
        var problems = new List<string>();
        if (names.Count == 0)
            problems.Add("chưa có thành viên hội đồng");
        if (votesFor < 0 || votesAgainst < 0)
            problems.Add("số phiếu không được âm");
        else if (votesFor + votesAgainst == 0)
            problems.Add("chưa có phiếu biểu quyết");
        else if (votesFor + votesAgainst > names.Count)
            problems.Add($"tổng số phiếu ({votesFor + votesAgainst}) nhiều hơn số thành viên ({names.Count})");
        if (InputText.IsBlank(conclusion))
            problems.Add("chưa có kết luận của hội đồng");
        if (SubmittedAt is { } submitted && date < DateOnly.FromDateTime(submitted))
            problems.Add($"ngày họp {date:dd/MM/yyyy} trước ngày nộp hồ sơ {submitted:dd/MM/yyyy}");
        if (problems.Count > 0)
            return Outcome.Rejected($"Không thể ghi nhận hội đồng: {string.Join("; ", problems)}.");

        Council = new CouncilMeeting(date, names, votesFor, votesAgainst, conclusion.Trim());
        Log(
            user,
            utcNow,
            DossierEventKind.CouncilHeld,
            $"Hội đồng thẩm định họp ngày {date:dd/MM/yyyy}: {votesFor} phiếu tán thành, {votesAgainst} phiếu không tán thành — {Council.Conclusion}."
        );
        if (Council.Favourable)
        {
            Status = DossierStatus.CouncilHeld;
            return Outcome.Done;
        }
        Status = DossierStatus.Rejected;
        Log(user, utcNow, DossierEventKind.Rejected, $"Hồ sơ không được công nhận: hội đồng không tán thành ({votesFor}/{votesAgainst}).");
        return Outcome.Done;
    }

    public Outcome RecordDecision(string number, DateOnly date, string signer, string level, Actor user, DateTime utcNow)
    {
        if (Status != DossierStatus.CouncilHeld)
            return Outcome.Rejected(
                $"Không thể ghi nhận quyết định công nhận: hồ sơ đang ở trạng thái «{Status.Label()}»; chỉ ghi nhận sau khi hội đồng tán thành."
            );
        var trimmed = (number ?? "").Trim().Normalize(NormalizationForm.FormC);
        var problems = new List<string>();
        if (!DecisionNumber().IsMatch(trimmed))
            problems.Add($"số quyết định «{trimmed}» không đúng dạng «số/QĐ-cơ quan», ví dụ 1234/QĐ-UBND");
        if (InputText.IsBlank(signer))
            problems.Add("chưa có người ký");
        if (level != LevelCode)
            problems.Add($"quyết định công nhận mức {level} nhưng hồ sơ đề nghị mức {LevelCode}");
        if (Council is { } council && date < council.Date)
            problems.Add($"ngày quyết định {date:dd/MM/yyyy} trước ngày họp hội đồng {council.Date:dd/MM/yyyy}");
        if (problems.Count > 0)
            return Outcome.Rejected($"Không thể ghi nhận quyết định: {string.Join("; ", problems)}.");

        Decision = new RecognitionDecision(trimmed, date, signer.Trim(), level);
        Status = DossierStatus.Recognised;
        Log(
            user,
            utcNow,
            DossierEventKind.Recognised,
            $"Quyết định số {trimmed} ngày {date:dd/MM/yyyy} ({Decision.Signer} ký) công nhận xã {CommuneCode} đạt mức {level} năm {Year}."
        );
        return Outcome.Done;
    }

    /// <summary>Per department: its criteria, those still waiting for it, and the longest step it took.</summary>
    public IReadOnlyList<SectorProgress> Progress() =>
        [
            .. _criteria
                .Where(c => c.ResponsibleSector is not null)
                .GroupBy(c => c.ResponsibleSector!, StringComparer.OrdinalIgnoreCase)
                .Select(g =>
                {
                    var numbers = g.Select(c => c.Number).ToList();
                    var pending = numbers.Where(n => StateOf(n) == CriterionAppraisalState.Pending).ToList();
                    var steps = _appraisals.Where(a => numbers.Contains(a.CriterionNumber)).Select(a => a.Took).ToList();
                    return new SectorProgress(
                        g.Key,
                        numbers,
                        pending,
                        Status != DossierStatus.Draft && pending.Count == 0,
                        steps.Count == 0 ? null : steps.Max()
                    );
                }),
        ];

    /// <summary>Whether a text is a decision number of the form "1234/QĐ-UBND" (also used for revocation decisions).</summary>
    public static bool IsDecisionNumber(string? number) =>
        DecisionNumber().IsMatch((number ?? "").Trim().Normalize(NormalizationForm.FormC));

    [GeneratedRegex(@"^[0-9]{1,6}/QĐ-[A-Za-zĐđ0-9]+(-[A-Za-zĐđ0-9]+)*$")]
    private static partial Regex DecisionNumber();

    private DossierCriterion? Find(int number) => _criteria.FirstOrDefault(c => c.Number == number);

    private static string? CriterionGap(DossierCriterion c) =>
        c.Status switch
        {
            EvaluationStatus.Met => null,
            EvaluationStatus.NotMet => $"{c.Label} chưa đạt",
            EvaluationStatus.Missing => $"{c.Label} còn thiếu số liệu",
            EvaluationStatus.NoThreshold => $"{c.Label} chưa có ngưỡng chính thức để đánh giá",
            _ => $"{c.Label} không áp dụng ở mức này",
        };

    // Sector names are typed by people; compare them as Vietnamese text, not as bytes.
    private static bool SameSector(string? owner, string? claimed) =>
        owner is not null
        && claimed is not null
        && string.Equals(
            owner.Trim().Normalize(NormalizationForm.FormC),
            claimed.Trim().Normalize(NormalizationForm.FormC),
            StringComparison.OrdinalIgnoreCase
        );

    private static string Percent(decimal value) => $"{value.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"))}%";

    private void Log(Actor user, DateTime utcNow, DossierEventKind kind, string details) =>
        _timeline.Add(new TimelineEvent(utcNow, user.Id, user.Name, kind, details));
}

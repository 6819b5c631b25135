using Mtqg.Domain.Common;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Accounts;
using Mtqg.Web.Features.Closing;
using Mtqg.Web.Features.Plans;
using Mtqg.Web.Features.Recognition.Appraisal;
using Mtqg.Web.Features.Recognition.Dossiers;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Visits;
using Mtqg.Web.Features.Visits.Recommendations;

namespace Mtqg.Web.Features.Home;

/// <summary>One thing waiting for the signed-in account: what to do, where, and whether it is late.</summary>
public sealed record WorkItem(string Text, string Href, bool Urgent = false);

/// <summary>A group of waiting things on the home page ("Số liệu cần nhập", "Thẩm định"…), with where to see them all.</summary>
public sealed record WorkSection(string Title, IReadOnlyList<WorkItem> Items, string? AllHref = null, string? AllText = null);

/// <summary>What waits for an account today, by section; <see cref="Count"/> is the number the navigation shows.</summary>
public sealed record MyWork(IReadOnlyList<WorkSection> Sections)
{
    public int Count => Sections.Sum(s => s.Items.Count);
    public int Urgent => Sections.Sum(s => s.Items.Count(i => i.Urgent));
}

/// <summary>
/// "Việc chờ tôi": what each role has to do today, read from the features that own it — the commune's values still missing
/// this year, its dossier steps and the recommendations it must answer; the department's appraisals and recommendations; the
/// coordination office's councils to hold, decisions to record, reports due and overdue recommendations to follow up; the
/// helping agency's communes not visited this half-year and its overdue recommendations. Every list is the account's own:
/// the services it calls check access as they do for their pages.
/// </summary>
public sealed class MyWorkService(
    CurrentUser me,
    AccessPolicy access,
    AppraisalService appraisals,
    DossierService dossiers,
    RecommendationService recommendations,
    ReportCalendarService calendar,
    ScorecardService scorecards,
    AssignmentService assignments,
    VisitService visits,
    TimeProvider clock
)
{
    public async Task<MyWork> ForMeAsync(CancellationToken ct)
    {
        if (!me.IsAuthenticated)
            return new([]);
        var today = VietnamTime.Today(clock);
        var sections = new List<WorkSection>();
        void Add(string title, List<WorkItem> items, string? allHref = null, string? allText = null)
        {
            if (items.Count > 0)
                sections.Add(new(title, items, allHref, allText));
        }
        if (me.Is(Roles.Commune) && me.Unit is { Length: > 2 } commune)
            Add(
                "Số liệu cần nhập",
                await ValuesToEnterAsync(commune, today.Year, ct),
                $"/xa/{commune}?nam={today.Year}",
                "Bảng số liệu của xã"
            );
        if (me.Is(Roles.Appraiser) || me.IsAdmin)
            Add(
                "Thẩm định hồ sơ",
                [
                    .. (await appraisals.QueueAsync(ct))
                        .GroupBy(q => q.DossierId)
                        .Select(q => new WorkItem(
                            $"Thẩm định {q.First().Commune.Name} năm {q.First().Year}: tiêu chí {string.Join(", ", q.Select(x => x.Criterion))}",
                            $"/ho-so-de-nghi/{q.Key}"
                        )),
                ],
                "/tham-dinh",
                "Hàng đợi thẩm định"
            );
        if (me.Is(Roles.Commune) || me.Is(Roles.Coordinator) || me.IsAdmin)
            Add("Hồ sơ công nhận", await DossierStepsAsync(ct), "/ho-so-de-nghi", "Các hồ sơ");
        if (me.Is(Roles.Coordinator) && me.Unit is { Length: 2 } province)
            Add("Báo cáo đến hạn", await ReportsDueAsync(province, ct), $"/tinh/{province}/lich-bao-cao?nam={today.Year}", "Lịch báo cáo");
        if (me.Is(Roles.Agency))
            Add("Xã được giúp đỡ", await CommunesToVisitAsync(today, ct), "/co-quan", "Đơn vị của tôi");
        var (answer, followUp) = await RecommendationsAsync(ct);
        Add("Kiến nghị cần trả lời", answer, "/kien-nghi", "Danh sách kiến nghị");
        Add("Kiến nghị quá hạn cần đôn đốc", followUp, "/kien-nghi", "Danh sách kiến nghị");
        return new(sections);
    }

    /// <summary>The indicators of the commune's scorecard this year that have no value yet (those the commune types).</summary>
    private async Task<List<WorkItem>> ValuesToEnterAsync(string commune, int year, CancellationToken ct)
    {
        var (card, _) = await scorecards.GetAsync(commune, year, null, null, ct);
        if (card is null)
            return [];
        var missing = card
            .Criteria.SelectMany(c => c.Indicators.Where(i => i.Value is null && i.Source is null).Select(i => (c, i)))
            .ToList();
        if (missing.Count == 0)
            return [];
        var criteria = missing.Select(m => m.c.Number).Distinct().ToList();
        return
        [
            new(
                $"Nhập {missing.Count} chỉ tiêu chưa có số liệu năm {year} của {card.Commune.Name} (tiêu chí {string.Join(", ", criteria.Take(8))}{(criteria.Count > 8 ? "…" : "")})",
                $"/xa/{commune}?nam={year}"
            ),
        ];
    }

    private async Task<List<WorkItem>> DossierStepsAsync(CancellationToken ct)
    {
        var commune = me.Is(Roles.Commune);
        var items = new List<WorkItem>();
        foreach (var d in await dossiers.ListAsync(null, null, null, null, ct))
        {
            var item = d.Status switch
            {
                "draft" when commune => new WorkItem($"Hoàn thiện và nộp hồ sơ {d.Commune.Name} năm {d.Year}", $"/ho-so-de-nghi/{d.Id}"),
                "sent_back" when commune => new WorkItem(
                    $"Bổ sung {d.CriteriaSentBack} tiêu chí bị trả lại, nộp lại hồ sơ {d.Commune.Name} năm {d.Year}",
                    $"/ho-so-de-nghi/{d.Id}",
                    Urgent: true
                ),
                "appraised" when !commune => new WorkItem(
                    $"Tổ chức hội đồng thẩm định hồ sơ {d.Commune.Name} năm {d.Year}",
                    $"/ho-so-de-nghi/{d.Id}"
                ),
                "council_held" when !commune => new WorkItem(
                    $"Ghi nhận quyết định công nhận {d.Commune.Name} năm {d.Year}",
                    $"/ho-so-de-nghi/{d.Id}"
                ),
                _ => null,
            };
            if (item is not null)
                items.Add(item);
        }
        return items;
    }

    /// <summary>
    /// Open recommendations this account must answer (its commune's, its department's, or the province's), overdue first; for
    /// the coordination office, the province's overdue ones that others must answer; for an agency, its own overdue ones.
    /// </summary>
    private async Task<(List<WorkItem> Answer, List<WorkItem> FollowUp)> RecommendationsAsync(CancellationToken ct)
    {
        IReadOnlyList<RecommendationLine> lines;
        if (me.Is(Roles.Agency))
        {
            if (await access.AgencyAsync(ct) is not { } agency)
                return ([], []);
            lines = (await recommendations.RecommendationsAsync(new RecommendationFilter(null, null, agency.Id), ct)).Items ?? [];
            return ([], [.. lines.Where(r => r.IsOverdue).Select(r => FollowUp(r))]);
        }
        if (me.Unit is not { Length: > 0 } unit)
            return ([], []);
        var filter = me.Is(Roles.Commune)
            ? new RecommendationFilter(null, unit, null, true)
            : new RecommendationFilter(unit, null, null, true);
        lines = (await recommendations.RecommendationsAsync(filter, ct)).Items ?? [];
        var mine = lines.Where(r => access.CanAnswer(r.ProvinceCode, r.CommuneCode, RecommendationService.ResponsibleOf(r))).ToList();
        var answer = mine.OrderByDescending(r => r.IsOverdue)
            .ThenBy(r => r.DueDate ?? DateOnly.MaxValue)
            .Select(r => new WorkItem(
                $"{(r.IsOverdue ? "Quá hạn — " : "")}Trả lời kiến nghị tại {r.CommuneName}: {Short(r.Text)}",
                $"/kien-nghi/{r.Id}",
                r.IsOverdue
            ))
            .ToList();
        var followUp = me.Is(Roles.Coordinator) ? lines.Where(r => r.IsOverdue && !mine.Contains(r)).Select(r => FollowUp(r)).ToList() : [];
        return (answer, followUp);
    }

    private static WorkItem FollowUp(RecommendationLine r) =>
        new($"Đôn đốc kiến nghị quá hạn tại {r.CommuneName} ({r.ResponsibleName}): {Short(r.Text)}", $"/kien-nghi/{r.Id}", true);

    /// <summary>The coordination office's reports not sent whose due day has passed or comes within a week (its report calendar).</summary>
    private async Task<List<WorkItem>> ReportsDueAsync(string province, CancellationToken ct) =>
        [
            .. (await calendar.PendingAsync(province, ct)).Select(p => new WorkItem(
                $"{(p.Deadline.Status == "overdue" ? $"Quá hạn {-p.Deadline.DaysLeft} ngày — " : "")}Gửi báo cáo «{p.Deadline.Title}» {p.Deadline.Period.ToLowerInvariant()} (hạn {VietnamTime.Format(p.Deadline.DueOn)})",
                $"/tinh/{province}/lich-bao-cao?nam={p.Deadline.Year}",
                p.Deadline.Status == "overdue"
            )),
        ];

    /// <summary>
    /// The agency's communes (assigned today) without a working visit recorded in this half-year — the agencies' report is
    /// six-monthly, so each half-year should show a visit to each commune helped.
    /// </summary>
    private async Task<List<WorkItem>> CommunesToVisitAsync(DateOnly today, CancellationToken ct)
    {
        if (await access.AgencyAsync(ct) is not { } own)
            return [];
        var (agency, _) = await assignments.AgencyAsync(own.Id, ct);
        if (agency is null)
            return [];
        var communes = agency
            .Assignments.Where(a => a.From <= today && today <= a.To)
            .SelectMany(a => a.Communes)
            .DistinctBy(c => c.Code)
            .OrderBy(c => c.Name)
            .ToList();
        var halfStart = new DateOnly(today.Year, today.Month <= 6 ? 1 : 7, 1);
        var visited = ((await visits.ListAsync(null, null, own.Id, ct)).Visits ?? [])
            .Where(v => v.Date >= halfStart)
            .Select(v => v.CommuneCode)
            .ToHashSet();
        var half = today.Month <= 6 ? "6 tháng đầu" : "6 tháng cuối";
        return
        [
            .. communes
                .Where(c => !visited.Contains(c.Code))
                .Select(c => new WorkItem(
                    $"Làm việc với {c.Name}: chưa có buổi làm việc nào {half} năm {today.Year}",
                    $"/buoi-lam-viec/moi?xa={c.Code}"
                )),
        ];
    }

    private static string Short(string text) => text.Length <= 80 ? text : text[..77].TrimEnd() + "…";
}

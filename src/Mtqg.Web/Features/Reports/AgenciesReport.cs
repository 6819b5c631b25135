using Mtqg.Domain.Common;
using Mtqg.Web.Features.Plans;
using Mtqg.Web.Features.Visits;
using Mtqg.Web.Features.Visits.Recommendations;

namespace Mtqg.Web.Features.Reports;

/// <summary>
/// The helping agencies' work in the period: per agency its assigned communes (GET …/assignments), visits and support
/// (GET /api/v1/visits?province=, the period's), recommendations raised in the period and where they stand (GET
/// /api/v1/recommendations?status=all);
/// then the visits and the recommendations one by one.
/// </summary>
public sealed class AgenciesReport(AssignmentService assignments, VisitService visits, RecommendationService recommendations)
    : IReportBuilder
{
    public async Task<(ReportContent? Content, Outcome Outcome)> BuildAsync(ReportScope scope, CancellationToken ct)
    {
        var province = scope.Province!;
        var (assigned, outcome) = await assignments.AssignmentsAsync(province, null, ct);
        if (assigned is null)
            return (null, outcome);
        var (listed, visitOutcome) = await visits.ListAsync(province, null, null, ct, scope.From, scope.To);
        if (listed is null)
            return (null, visitOutcome);
        var (raised, recOutcome) = await recommendations.RecommendationsAsync(
            new RecommendationFilter(province, null, null, false, scope.From, scope.To),
            ct
        );
        if (raised is null)
            return (null, recOutcome);
        var inPeriod = listed.OrderBy(v => v.Date).ThenBy(v => v.Id).ToList();
        var current = assigned.Where(a => a.From <= scope.To && a.To >= scope.From).ToList();

        var agencies = current
            .Select(a => (a.AgencyId, a.AgencyName))
            .Concat(inPeriod.Select(v => (v.AgencyId, v.AgencyName)))
            .Distinct()
            .OrderBy(a => a.Item2, StringComparer.Ordinal)
            .ToList();
        var byAgency = new ReportTable(
            "I. Tổng hợp theo cơ quan, đơn vị",
            [
                new("TT", 5),
                new("Cơ quan, đơn vị", 30),
                new("Số xã được phân công", 11),
                new("Số buổi làm việc", 10),
                new("Số xã đã đến", 10),
                new("Giá trị hỗ trợ (đồng)", 16),
                new("Kiến nghị đã nêu", 10),
                new("Đã xử lý xong", 10),
                new("Đang xử lý", 10),
                new("Quá hạn", 9),
            ],
            [
                .. agencies.Select(
                    (a, i) =>
                    {
                        var own = inPeriod.Where(v => v.AgencyId == a.AgencyId).ToList();
                        var recs = raised.Where(r => r.AgencyId == a.AgencyId).ToList();
                        return new ReportRow(
                            i + 1,
                            a.AgencyName,
                            current.Where(x => x.AgencyId == a.AgencyId).SelectMany(x => x.Communes.Select(c => c.Code)).Distinct().Count(),
                            own.Count,
                            own.Select(v => v.CommuneCode).Distinct().Count(),
                            own.Sum(v => v.SupportValue),
                            recs.Count,
                            recs.Count(r => r.Status is "closed" or "notApplicable"),
                            recs.Count(r => r.Status is "open" or "inProgress"),
                            recs.Count(r => r.IsOverdue)
                        );
                    }
                ),
                new ReportRow(
                    [
                        "",
                        "Cộng",
                        current.SelectMany(x => x.Communes.Select(c => c.Code)).Distinct().Count(),
                        inPeriod.Count,
                        inPeriod.Select(v => v.CommuneCode).Distinct().Count(),
                        inPeriod.Sum(v => v.SupportValue),
                        raised.Count,
                        raised.Count(r => r.Status is "closed" or "notApplicable"),
                        raised.Count(r => r.Status is "open" or "inProgress"),
                        raised.Count(r => r.IsOverdue),
                    ],
                    Total: true
                ),
            ]
        );
        var visitList = new ReportTable(
            "II. Các buổi làm việc tại xã",
            [
                new("TT", 5),
                new("Ngày", 11),
                new("Cơ quan, đơn vị", 24),
                new("Xã", 20),
                new("Nội dung", 40),
                new("Hỗ trợ (đồng)", 14),
                new("Số kiến nghị", 9),
            ],
            [
                .. inPeriod.Select(
                    (v, i) =>
                        new ReportRow(
                            i + 1,
                            VietnamTime.Format(v.Date),
                            v.AgencyName,
                            v.CommuneName,
                            v.Content,
                            v.SupportValue,
                            v.Recommendations
                        )
                ),
            ]
        );
        var recList = new ReportTable(
            "III. Kiến nghị nêu trong kỳ và tình hình xử lý",
            [
                new("TT", 5),
                new("Ngày nêu", 11),
                new("Xã", 18),
                new("Kiến nghị", 40),
                new("Trách nhiệm xử lý", 20),
                new("Hạn", 11),
                new("Tình trạng", 16),
            ],
            [
                .. raised.Select(
                    (r, i) =>
                        new ReportRow(
                            i + 1,
                            VietnamTime.Format(r.RaisedOn),
                            r.CommuneName,
                            r.Text,
                            r.ResponsibleName,
                            r.DueDate is { } due ? VietnamTime.Format(due) : null,
                            r.StatusName + (r.IsOverdue ? " (quá hạn)" : "")
                        )
                ),
            ]
        );
        var notes = new List<string>
        {
            $"Kỳ báo cáo: từ {VietnamTime.Format(scope.From)} đến {VietnamTime.Format(scope.To)}. Số xã được phân công: các phân công còn hiệu lực trong kỳ.",
            "Quá hạn: kiến nghị chưa xử lý xong đã qua hạn tính đến ngày lập báo cáo.",
        };
        // The lists are bounded (the pages' limits): a period past them is said, not silently cut.
        if (listed.Count >= VisitService.ListLimit)
            notes.Add($"Kỳ có hơn {VisitService.ListLimit} buổi làm việc: bảng chỉ gồm {VisitService.ListLimit} buổi gần nhất.");
        if (raised.Count >= RecommendationService.ListLimit)
            notes.Add(
                $"Kỳ có hơn {RecommendationService.ListLimit} kiến nghị: bảng chỉ gồm {RecommendationService.ListLimit} kiến nghị nêu sớm nhất."
            );
        return (new ReportContent([byAgency, visitList, recList], notes), Outcome.Done);
    }
}

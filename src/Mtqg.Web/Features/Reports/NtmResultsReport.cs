using Mtqg.Domain.Common;
using Mtqg.Domain.Evaluation;
using Mtqg.Web.Features.Scorecards.Dashboards;
using Mtqg.Web.Features.Scorecards.Evaluation;
using Mtqg.Web.Features.Scorecards.Values;

namespace Mtqg.Web.Features.Reports;

/// <summary>
/// NTM results by commune and criterion: the counts of GET …/provinces/{p}/years/{y}/summary (levels, bands, communes
/// meeting each criterion, communes near the standard), then each commune's status per criterion from the same engine;
/// for the country, the lines of GET …/years/{y}/summary.
/// </summary>
public sealed class NtmResultsReport(SummaryService summaries, ScorecardService scorecards, EvaluationService evaluations) : IReportBuilder
{
    public const string Legend =
        "Ký hiệu: Đ = đạt; X = chưa đạt; T = thiếu số liệu; N = chưa có ngưỡng chính thức; – = không áp dụng ở mức này.";

    public async Task<(ReportContent? Content, Outcome Outcome)> BuildAsync(ReportScope scope, CancellationToken ct)
    {
        if (scope.Province is null)
            return await NationalAsync(scope.Year, ct);
        var (summary, outcome) = await summaries.ProvinceSummaryAsync(scope.Province, scope.Year, null, ct);
        if (summary is null)
            return (null, outcome);
        var (set, setOutcome) = await scorecards.SetForAsync(null, scope.Year, scope.Province, ct);
        if (set is null)
            return (null, setOutcome);
        var cards = (await evaluations.EvaluateAsync(set, scope.Year, scope.Province, ct)).ToDictionary(r => r.Commune.Code, r => r.Card);

        var overview = new ReportTable(
            "I. Tổng hợp",
            [new("Nội dung", 60), new("Số xã", 14)],
            [
                new("Số xã được đánh giá", summary.CommunesEvaluated),
                new("Số xã đã có số liệu", summary.CommunesWithData),
                .. summary.Levels.Select(l => new ReportRow($"Số xã {Lower(l.Name)}", l.Communes)),
                new($"Số xã gần đạt chuẩn (còn thiếu 1–2 tiêu chí)", summary.Closest.Count),
            ]
        );
        var bands = new ReportTable(
            "II. Số xã theo số tiêu chí đạt",
            [new("Nhóm", 40), new("Từ số tiêu chí đạt", 18), new("Số xã", 14)],
            [
                .. summary.Bands.Select(b => new ReportRow(b.Name, b.MinCriteriaMet, b.Communes)),
                new ReportRow(["Cộng", "", summary.Bands.Sum(b => b.Communes)], Total: true),
            ]
        );
        var criteria = new ReportTable(
            "III. Số xã đạt từng tiêu chí",
            [new("TT", 6), new("Tiêu chí", 44), new("Số xã đạt", 12), new("Số xã áp dụng", 12), new("Tỷ lệ đạt (%)", 12)],
            [
                .. summary.Criteria.Select(c => new ReportRow(
                    c.Number,
                    c.Name,
                    c.CommunesMet,
                    c.CommunesApplicable,
                    ReportCell.Rate(c.CommunesApplicable == 0 ? null : Math.Round(100m * c.CommunesMet / c.CommunesApplicable, 2))
                )),
            ]
        );
        var closest = new ReportTable(
            "IV. Các xã gần đạt chuẩn (còn thiếu 1–2 tiêu chí)",
            [new("TT", 6), new("Mã xã", 9), new("Tên xã", 26), new("Tiêu chí đạt / tổng", 12), new("Tiêu chí chưa đạt", 45)],
            [
                .. summary.Closest.Select(
                    (c, i) =>
                        new ReportRow(i + 1, c.Code, c.Name, $"{c.CriteriaMet}/{c.CriteriaTotal}", string.Join("; ", c.CriteriaNotMet))
                ),
            ]
        );
        var numbers = set.Evaluation.Criteria;
        var communes = new ReportTable(
            "V. Kết quả từng xã theo tiêu chí",
            [
                new("TT", 5),
                new("Mã xã", 8),
                new("Tên xã", 22),
                new("Đạt / tổng", 8),
                new("Nhóm tiêu chí đạt", 13),
                .. numbers.Select(c => new ReportColumn($"TC {c.Number}", 4.5)),
            ],
            [
                .. summary.Communes.Select(
                    (c, i) =>
                        new ReportRow([
                            i + 1,
                            c.Code,
                            c.Name,
                            $"{c.CriteriaMet}/{c.CriteriaTotal}",
                            c.Band,
                            .. numbers.Select(n =>
                                ReportCell.Of(
                                    cards.TryGetValue(c.Code, out var card)
                                    && card.Criteria.FirstOrDefault(r => r.Number == n.Number) is { } r
                                        ? Mark(r.Status)
                                        : null
                                )
                            ),
                        ])
                ),
            ]
        );
        return (
            new ReportContent(
                [overview, bands, criteria, closest, communes],
                [
                    $"Bộ tiêu chí: {set.Code} — {set.Name}; đánh giá ở mức {set.LowestLevel}, từ số liệu đang lưu tại thời điểm lập báo cáo.",
                    Legend,
                    "Tiêu chí: " + string.Join("; ", numbers.Select(c => $"TC {c.Number}: {c.Name}")) + ".",
                ]
            ),
            Outcome.Done
        );
    }

    private async Task<(ReportContent?, Outcome)> NationalAsync(int year, CancellationToken ct)
    {
        var (summary, outcome) = await summaries.NationalSummaryAsync(year, null, ct);
        if (summary is null)
            return (null, outcome);
        var first = summary.Provinces.FirstOrDefault();
        var levels = first?.Levels.Select(l => l.Name).ToList() ?? [];
        var bands = first?.Bands.Select(b => b.Name).ToList() ?? [];
        var table = new ReportTable(
            "Kết quả theo tỉnh, thành phố",
            [
                new("Mã", 6),
                new("Tỉnh, thành phố", 22),
                new("Số xã", 9),
                new("Có số liệu", 9),
                .. levels.Select(l => new ReportColumn(l, 11)),
                .. bands.Select(b => new ReportColumn(b, 10)),
                new("Bình quân tiêu chí đạt", 10),
            ],
            [
                .. summary.Provinces.Select(p => new ReportRow([
                    p.Code,
                    p.Name,
                    p.CommunesEvaluated,
                    p.CommunesWithData,
                    .. p.Levels.Select(l => ReportCell.Of(l.Communes)),
                    .. p.Bands.Select(b => ReportCell.Of(b.Communes)),
                    ReportCell.Rate((decimal)p.AverageCriteriaMet),
                ])),
                new ReportRow(
                    [
                        "",
                        "Cả nước",
                        summary.Provinces.Sum(p => p.CommunesEvaluated),
                        summary.Provinces.Sum(p => p.CommunesWithData),
                        .. levels.Select((_, i) => ReportCell.Of(summary.Provinces.Sum(p => p.Levels[i].Communes))),
                        .. bands.Select((_, i) => ReportCell.Of(summary.Provinces.Sum(p => p.Bands[i].Communes))),
                        "",
                    ],
                    Total: true
                ),
            ]
        );
        return (new ReportContent([table], [$"Bộ tiêu chí: {summary.Set}; từ số liệu đang lưu tại thời điểm lập báo cáo."]), Outcome.Done);
    }

    public static string Mark(EvaluationStatus status) =>
        status switch
        {
            EvaluationStatus.Met => "Đ",
            EvaluationStatus.NotMet => "X",
            EvaluationStatus.Missing => "T",
            EvaluationStatus.NoThreshold => "N",
            _ => "–",
        };

    private static string Lower(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;
using Mtqg.Web.Features.Money;
using Mtqg.Web.Features.Money.Projects;

namespace Mtqg.Web.Features.Reports;

/// <summary>
/// Capital and disbursement by programme and source: the capital plan's totals (GET …/capital) beside the projects'
/// allocation and disbursement (GET …/disbursement; for half a year, the disbursement of its six months), then the cumulative
/// disbursement month by month; for the country,
/// the lines of GET /api/v1/years/{y}/disbursement.
/// </summary>
public sealed class MoneyReport(AppDbContext db, CapitalPlanService capital, DisbursementSummaryService disbursement) : IReportBuilder
{
    private static readonly ReportColumn[] Money =
    [
        new("Kế hoạch vốn", 18),
        new("Vốn giao cho dự án", 18),
        new("Đã giải ngân", 18),
        new("Tỷ lệ giải ngân (%)", 11),
    ];

    public async Task<(ReportContent? Content, Outcome Outcome)> BuildAsync(ReportScope scope, CancellationToken ct)
    {
        if (scope.Province is null && scope.Half is not null)
        {
            const string message =
                "Bản cả nước của báo cáo vốn, giải ngân chỉ lập cho cả năm: bỏ tham số \"half\" hoặc chọn tỉnh (province).";
            return (null, Outcome.Invalid(message, [new Problem("half", message)]));
        }
        if (scope.Province is null)
            return await NationalAsync(scope.Year, ct);
        var (plan, planOutcome) = await capital.GetAsync(scope.Province, scope.Year, null, ct);
        if (plan is null)
            return (null, planOutcome);
        (int, int)? window = scope.Half switch
        {
            1 => (1, 6),
            2 => (7, 12),
            _ => null,
        };
        var (spent, outcome) = await disbursement.ProvinceAsync(scope.Province, scope.Year, ct, window);
        if (spent is null)
            return (null, outcome);
        var names = await db.Programmes.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var byProgramme = Table(
            "I. Theo chương trình",
            "Chương trình",
            plan.Totals.ByProgramme,
            spent.ByProgramme,
            code => names.GetValueOrDefault(code) ?? code,
            plan.Totals.Total,
            spent
        );
        var bySource = Table(
            "II. Theo nguồn vốn",
            "Nguồn vốn",
            plan.Totals.BySource,
            spent.BySource,
            CapitalSource.Label,
            plan.Totals.Total,
            spent
        );
        var months = new ReportTable(
            "III. Giải ngân lũy kế đến hết tháng",
            [new("Tháng", 10), new("Giải ngân lũy kế", 20), new($"Cùng kỳ năm {scope.Year - 1}", 20)],
            [
                .. spent
                    .Months.Where(m => m.Month >= scope.From.Month && m.Month <= scope.To.Month)
                    .Select(m => new ReportRow(
                        $"{m.Month:00}/{scope.Year}",
                        m.Disbursed,
                        ReportCell.Of(spent.PreviousYearMonths.FirstOrDefault(p => p.Month == m.Month)?.Disbursed)
                    )),
            ]
        );
        return (
            new ReportContent(
                [byProgramme, bySource, months],
                [
                    plan.Version is { } version
                        ? $"Kế hoạch vốn: phiên bản {version} (mới nhất) của năm {scope.Year}."
                        : $"Tỉnh chưa có kế hoạch vốn năm {scope.Year}.",
                    scope.Half is null
                        ? "Vốn giao cho dự án và giải ngân: tổng các dự án của tỉnh trong năm; tỷ lệ giải ngân = đã giải ngân / vốn giao cho dự án."
                        : $"Đã giải ngân: số giải ngân trong kỳ (từ {VietnamTime.Format(scope.From)} đến {VietnamTime.Format(scope.To)}); vốn giao cho dự án và kế hoạch vốn là của cả năm {scope.Year}; tỷ lệ = giải ngân trong kỳ / vốn giao cả năm.",
                ]
            ),
            Outcome.Done
        );
    }

    private static ReportTable Table(
        string title,
        string what,
        IReadOnlyDictionary<string, long> planned,
        IReadOnlyList<DisbursementLine> lines,
        Func<string, string> name,
        long plannedTotal,
        ProvinceDisbursement spent
    )
    {
        var codes = planned.Keys.Union(lines.Select(l => l.Code)).Order(StringComparer.Ordinal).ToList();
        return new ReportTable(
            title,
            [new("TT", 5), new(what, 40), .. Money],
            [
                .. codes.Select(
                    (code, i) =>
                    {
                        var line = lines.FirstOrDefault(l => l.Code == code);
                        return new ReportRow(
                            i + 1,
                            name(code),
                            planned.GetValueOrDefault(code),
                            line?.Allocated ?? 0,
                            line?.Disbursed ?? 0,
                            ReportCell.Rate(line?.Rate)
                        );
                    }
                ),
                new ReportRow(["", "Tổng cộng", plannedTotal, spent.Allocated, spent.Disbursed, ReportCell.Rate(spent.Rate)], Total: true),
            ],
            "đồng"
        );
    }

    private async Task<(ReportContent?, Outcome)> NationalAsync(int year, CancellationToken ct)
    {
        var (nation, outcome) = await disbursement.NationalAsync(year, ct);
        if (nation is null)
            return (null, outcome);
        var table = new ReportTable(
            "Vốn giao và giải ngân theo tỉnh, thành phố",
            [new("Mã", 6), new("Tỉnh, thành phố", 30), new("Vốn giao cho dự án", 20), new("Đã giải ngân", 20), new("Tỷ lệ (%)", 11)],
            [
                .. nation.Provinces.Select(p => new ReportRow(p.Code, p.Name, p.Allocated, p.Disbursed, ReportCell.Rate(p.Rate))),
                new ReportRow(["", "Cả nước", nation.Allocated, nation.Disbursed, ReportCell.Rate(nation.Rate)], Total: true),
            ]
        );
        return (new ReportContent([table], ["Tỉnh chưa có vốn giao và giải ngân trong năm không có dòng."]), Outcome.Done);
    }
}

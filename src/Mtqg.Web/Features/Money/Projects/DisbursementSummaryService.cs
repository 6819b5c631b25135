using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Departments;

namespace Mtqg.Web.Features.Money.Projects;

public sealed record DisbursementLine(string Code, string Name, long Allocated, long Disbursed, decimal? Rate);

public sealed record MonthCumulative(int Month, long Disbursed);

public sealed record ProjectDisbursementLine(int Id, string Name, long Allocated, long Disbursed, decimal? Rate, int? LastMonth);

public sealed record ProvinceDisbursement(
    string Province,
    string ProvinceName,
    int Year,
    long Allocated,
    long Disbursed,
    decimal? Rate,
    IReadOnlyList<DisbursementLine> ByProgramme,
    IReadOnlyList<DisbursementLine> BySource,
    IReadOnlyList<DisbursementLine> ByInvestor,
    IReadOnlyList<MonthCumulative> Months,
    IReadOnlyList<MonthCumulative> PreviousYearMonths,
    IReadOnlyList<ProjectDisbursementLine> Projects
);

public sealed record NationalDisbursement(
    int Year,
    long Allocated,
    long Disbursed,
    decimal? Rate,
    IReadOnlyList<DisbursementLine> Provinces
);

/// <summary>
/// Disbursement against allocation (DESIGN §11, issue 14 item 6), computed by grouped SQL over allocations and the
/// monthly increments, never by loading rows: a province's by programme, source, investor, month and project (slowest
/// first); the nation's by province (public totals).
/// </summary>
public sealed class DisbursementSummaryService(AppDbContext db, AccessPolicy access, DepartmentService departments, TimeProvider clock)
{
    public async Task<(ProvinceDisbursement? Summary, Outcome Outcome)> ProvinceAsync(string province, int year, CancellationToken ct)
    {
        if (!InputRange.IsYear(year))
            return (null, Outcome.Invalid("Năm không hợp lệ.", [new("year", InputRange.YearMessage("Năm", year))]));
        var name = await db
            .Units.AsNoTracking()
            .Where(u => u.Code == province && u.Level == UnitLevel.Province && u.ValidTo == null)
            .Select(u => u.Name)
            .FirstOrDefaultAsync(ct);
        if (name is null)
            return (null, Outcome.NotFound($"Không có tỉnh mã \"{province}\"."));
        if (!access.CanReadProjects(province))
            return (
                null,
                Outcome.Forbidden(
                    $"Chỉ Văn phòng Điều phối, Sở Tài chính, thẩm định viên và người xem của tỉnh {province} xem được giải ngân chi tiết."
                )
            );
        var allocations = db.ProjectAllocations.Where(a => a.Year == year && a.Project.ProvinceCode == province);
        var disbursements = db.ProjectDisbursements.Where(d => d.Year == year && d.Project.ProvinceCode == province);

        var allocatedByProject = await allocations
            .GroupBy(a => a.ProjectId)
            .Select(g => new { g.Key, Amount = g.Sum(a => a.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.Amount, ct);
        var disbursedByProject = await disbursements
            .GroupBy(d => d.ProjectId)
            .Select(g => new
            {
                g.Key,
                Amount = g.Sum(d => d.Increment),
                Last = g.Max(d => d.Month),
            })
            .ToDictionaryAsync(g => g.Key, g => (g.Amount, g.Last), ct);
        var projects = await db
            .Projects.AsNoTracking()
            .Where(p => p.ProvinceCode == province && p.StartYear <= year && p.EndYear >= year)
            .Select(p => new { p.Id, p.Name })
            .ToListAsync(ct);
        var projectLines = projects
            .Select(p =>
            {
                var allocated = allocatedByProject.GetValueOrDefault(p.Id);
                var (disbursed, last) = disbursedByProject.TryGetValue(p.Id, out var d) ? (d.Amount, (int?)d.Last) : (0L, null);
                return new ProjectDisbursementLine(p.Id, p.Name, allocated, disbursed, Rate.Of(disbursed, allocated), last);
            })
            .OrderBy(p => p.Rate is null)
            .ThenBy(p => p.Rate)
            .ThenByDescending(p => p.Allocated)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

        var programmeAllocated = await allocations
            .GroupBy(a => a.Project.ProgrammeCode)
            .Select(g => new { g.Key, S = g.Sum(a => a.Amount) })
            .ToListAsync(ct);
        var programmeDisbursed = await disbursements
            .GroupBy(d => d.Project.ProgrammeCode)
            .Select(g => new { g.Key, S = g.Sum(d => d.Increment) })
            .ToListAsync(ct);
        var programmeNames = await db.Programmes.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var byProgramme = Lines(
            programmeAllocated.ToDictionary(x => x.Key, x => x.S),
            programmeDisbursed.ToDictionary(x => x.Key, x => x.S),
            code => programmeNames.GetValueOrDefault(code, code)
        );

        var sourceAllocated = await allocations.GroupBy(a => a.Source).Select(g => new { g.Key, S = g.Sum(a => a.Amount) }).ToListAsync(ct);
        var sourceDisbursed = await disbursements
            .GroupBy(d => d.Source)
            .Select(g => new { g.Key, S = g.Sum(d => d.Increment) })
            .ToListAsync(ct);
        var bySource = Lines(
                sourceAllocated.ToDictionary(x => x.Key, x => x.S),
                sourceDisbursed.ToDictionary(x => x.Key, x => x.S),
                CapitalSource.Label
            )
            .OrderBy(l => ProjectService.SourceOrder(l.Code))
            .ToList();

        var investorAllocated = await allocations
            .GroupBy(a => a.Project.InvestorDepartmentCode ?? a.Project.InvestorCommuneCode)
            .Select(g => new { g.Key, S = g.Sum(a => a.Amount) })
            .ToListAsync(ct);
        var investorDisbursed = await disbursements
            .GroupBy(d => d.Project.InvestorDepartmentCode ?? d.Project.InvestorCommuneCode)
            .Select(g => new { g.Key, S = g.Sum(d => d.Increment) })
            .ToListAsync(ct);
        var departmentNames = await departments.NamesAsync(province, ct);
        var communeCodes = investorAllocated.Select(x => x.Key).Concat(investorDisbursed.Select(x => x.Key)).Distinct().ToList();
        var communeNames = await db
            .Units.AsNoTracking()
            .Where(u => communeCodes.Contains(u.Code) && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var byInvestor = Lines(
            investorAllocated.ToDictionary(x => x.Key ?? "", x => x.S),
            investorDisbursed.ToDictionary(x => x.Key ?? "", x => x.S),
            code => communeNames.TryGetValue(code, out var commune) ? commune : DepartmentService.Show(departmentNames, code)
        );

        long allocatedTotal = allocatedByProject.Values.Sum(),
            disbursedTotal = disbursedByProject.Values.Sum(d => d.Amount);
        return (
            new ProvinceDisbursement(
                province,
                name,
                year,
                allocatedTotal,
                disbursedTotal,
                Rate.Of(disbursedTotal, allocatedTotal),
                byProgramme,
                bySource,
                byInvestor,
                await MonthsAsync(province, year, ct),
                await MonthsAsync(province, year - 1, ct),
                projectLines
            ),
            Outcome.Done
        );
    }

    /// <summary>The province's cumulative disbursement at the end of each month of the year (up to this month for this year).</summary>
    private async Task<List<MonthCumulative>> MonthsAsync(string province, int year, CancellationToken ct)
    {
        var byMonth = await db
            .ProjectDisbursements.Where(d => d.Year == year && d.Project.ProvinceCode == province)
            .GroupBy(d => d.Month)
            .Select(g => new { g.Key, S = g.Sum(d => d.Increment) })
            .ToDictionaryAsync(g => g.Key, g => g.S, ct);
        var today = VietnamTime.Today(clock);
        var last =
            year < today.Year ? 12
            : year == today.Year ? today.Month
            : 0;
        var months = new List<MonthCumulative>();
        long running = 0;
        for (var m = 1; m <= last; m++)
            months.Add(new(m, running += byMonth.GetValueOrDefault(m)));
        return months;
    }

    private static List<DisbursementLine> Lines(
        Dictionary<string, long> allocated,
        Dictionary<string, long> disbursed,
        Func<string, string> name
    ) =>
        [
            .. allocated
                .Keys.Union(disbursed.Keys)
                .Select(code =>
                {
                    var (a, d) = (allocated.GetValueOrDefault(code), disbursed.GetValueOrDefault(code));
                    return new DisbursementLine(code, name(code), a, d, Rate.Of(d, a));
                })
                .OrderBy(l => l.Code, StringComparer.Ordinal),
        ];

    /// <summary>Every province's totals for the year (public); provinces without allocation or disbursement are left out.</summary>
    public async Task<(NationalDisbursement? Summary, Outcome Outcome)> NationalAsync(int year, CancellationToken ct)
    {
        if (!InputRange.IsYear(year))
            return (null, Outcome.Invalid("Năm không hợp lệ.", [new("year", InputRange.YearMessage("Năm", year))]));
        var allocated = await db
            .ProjectAllocations.Where(a => a.Year == year)
            .GroupBy(a => a.Project.ProvinceCode)
            .Select(g => new { g.Key, S = g.Sum(a => a.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.S, ct);
        var disbursed = await db
            .ProjectDisbursements.Where(d => d.Year == year)
            .GroupBy(d => d.Project.ProvinceCode)
            .Select(g => new { g.Key, S = g.Sum(d => d.Increment) })
            .ToDictionaryAsync(x => x.Key, x => x.S, ct);
        var names = await db
            .Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Province && u.ValidTo == null)
            .ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var lines = Lines(allocated, disbursed, code => names.GetValueOrDefault(code, code));
        long a = allocated.Values.Sum(),
            d = disbursed.Values.Sum();
        return (new NationalDisbursement(year, a, d, Rate.Of(d, a), lines), Outcome.Done);
    }
}

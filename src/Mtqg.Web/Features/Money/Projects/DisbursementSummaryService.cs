using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;
using Mtqg.Domain.Units;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Departments;

namespace Mtqg.Web.Features.Money.Projects;

public sealed record DisbursementLine(string Code, string Name, long Allocated, long Disbursed, decimal? Rate);

public sealed record MonthCumulative(int Month, long Disbursed);

/// <summary>One programme's allocation and disbursement from one source in the year.</summary>
public sealed record ProgrammeSourceLine(string Programme, string Source, long Allocated, long Disbursed);

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
    IReadOnlyList<ProjectDisbursementLine> Projects,
    IReadOnlyList<ProgrammeSourceLine> ByProgrammeSource
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
/// first); the nation's by province (public totals). A province's is reused while nothing has been committed since (decision
/// 0008, <see cref="DisbursementSummaryCache"/>): the access check runs on every request, the sums once per database version;
/// the nation's sums again only the provinces whose money stamp moved (decision 0032).
/// </summary>
public sealed class DisbursementSummaryService(
    AppDbContext db,
    AccessPolicy access,
    DepartmentService departments,
    TimeProvider clock,
    DatabaseVersion versions,
    DisbursementSummaryCache cache
)
{
    /// <summary>
    /// The province's year; <paramref name="months"/>: only the disbursement of those months (a six-monthly report), the
    /// allocation staying the year's.
    /// </summary>
    public async Task<(ProvinceDisbursement? Summary, Outcome Outcome)> ProvinceAsync(
        string province,
        int year,
        CancellationToken ct,
        (int From, int To)? months = null
    )
    {
        var (fromMonth, toMonth) = months ?? (1, 12);
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
        var today = VietnamTime.Today(clock);
        var summary = await cache.Provinces.GetAsync(
            db,
            versions,
            (province, year, fromMonth, toMonth, today),
            () => ComputeProvinceAsync(province, name, year, fromMonth, toMonth, ct),
            ct
        );
        return (summary, Outcome.Done);
    }

    private async Task<ProvinceDisbursement?> ComputeProvinceAsync(
        string province,
        string name,
        int year,
        int fromMonth,
        int toMonth,
        CancellationToken ct
    )
    {
        // The province's projects once (names, programme, investor), then the year's allocations and disbursements of
        // those ids grouped by project and source (the covering (Year, ProjectId, …) indexes; a join on the province would
        // walk the whole year on SQLite), and the groups summed here: one read of each table instead of one per grouping.
        var projects = await db
            .Projects.AsNoTracking()
            .Where(p => p.ProvinceCode == province)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.ProgrammeCode,
                Investor = p.InvestorDepartmentCode ?? p.InvestorCommuneCode ?? "",
                Active = p.StartYear <= year && p.EndYear >= year,
            })
            .ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var ofProject = projects.ToDictionary(p => p.Id);
        var allocationRows = await db
            .ProjectAllocations.Where(a => a.Year == year && EF.Parameter(ids).Contains(a.ProjectId))
            .GroupBy(a => new { a.ProjectId, a.Source })
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.Source,
                Amount = g.Sum(a => a.Amount),
            })
            .ToListAsync(ct);
        var disbursementRows = await db
            .ProjectDisbursements.Where(d =>
                d.Year == year && d.Month >= fromMonth && d.Month <= toMonth && EF.Parameter(ids).Contains(d.ProjectId)
            )
            .GroupBy(d => new { d.ProjectId, d.Source })
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.Source,
                Amount = g.Sum(d => d.Increment),
                Last = g.Max(d => d.Month),
            })
            .ToListAsync(ct);

        var allocatedByProject = new Dictionary<int, long>();
        Dictionary<string, long> programmeAllocated = [],
            programmeDisbursed = [],
            sourceAllocated = [],
            sourceDisbursed = [],
            investorAllocated = [],
            investorDisbursed = [];
        Dictionary<(string, string), long> pairAllocated = [],
            pairDisbursed = [];
        static void Add<TKey>(Dictionary<TKey, long> sums, TKey key, long amount)
            where TKey : notnull => sums[key] = sums.GetValueOrDefault(key) + amount;
        foreach (var row in allocationRows)
        {
            var project = ofProject[row.ProjectId];
            Add(allocatedByProject, row.ProjectId, row.Amount);
            Add(programmeAllocated, project.ProgrammeCode, row.Amount);
            Add(sourceAllocated, row.Source, row.Amount);
            Add(investorAllocated, project.Investor, row.Amount);
            Add(pairAllocated, (project.ProgrammeCode, row.Source), row.Amount);
        }
        var disbursedByProject = new Dictionary<int, (long Amount, int Last)>();
        foreach (var row in disbursementRows)
        {
            var project = ofProject[row.ProjectId];
            var (amount, last) = disbursedByProject.GetValueOrDefault(row.ProjectId);
            disbursedByProject[row.ProjectId] = (amount + row.Amount, Math.Max(last, row.Last));
            Add(programmeDisbursed, project.ProgrammeCode, row.Amount);
            Add(sourceDisbursed, row.Source, row.Amount);
            Add(investorDisbursed, project.Investor, row.Amount);
            Add(pairDisbursed, (project.ProgrammeCode, row.Source), row.Amount);
        }

        var projectLines = projects
            .Where(p => p.Active)
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

        var programmeNames = await db.Programmes.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var byProgramme = Lines(programmeAllocated, programmeDisbursed, code => programmeNames.GetValueOrDefault(code, code));
        var bySource = Lines(sourceAllocated, sourceDisbursed, CapitalSource.Label)
            .OrderBy(l => ProjectService.SourceOrder(l.Code))
            .ToList();
        var departmentNames = await departments.NamesAsync(province, ct);
        var communeCodes = investorAllocated.Keys.Concat(investorDisbursed.Keys).Distinct().ToList();
        var communeNames = await db
            .Units.AsNoTracking()
            .Where(u => communeCodes.Contains(u.Code) && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var byInvestor = Lines(investorAllocated, investorDisbursed, code =>
            communeNames.TryGetValue(code, out var commune) ? commune : DepartmentService.Show(departmentNames, code)
        );

        long allocatedTotal = allocatedByProject.Values.Sum(),
            disbursedTotal = disbursedByProject.Values.Sum(d => d.Amount);
        return new ProvinceDisbursement(
            province,
            name,
            year,
            allocatedTotal,
            disbursedTotal,
            Rate.Of(disbursedTotal, allocatedTotal),
            byProgramme,
            bySource,
            byInvestor,
            await MonthsAsync(ids, year, ct),
            await MonthsAsync(ids, year - 1, ct),
            projectLines,
            [
                .. pairAllocated
                    .Keys.Union(pairDisbursed.Keys)
                    .OrderBy(k => k.Item1, StringComparer.Ordinal)
                    .ThenBy(k => ProjectService.SourceOrder(k.Item2))
                    .Select(k => new ProgrammeSourceLine(
                        k.Item1,
                        k.Item2,
                        pairAllocated.GetValueOrDefault(k),
                        pairDisbursed.GetValueOrDefault(k)
                    )),
            ]
        );
    }

    /// <summary>The province's cumulative disbursement at the end of each month of the year (up to this month for this year).</summary>
    private async Task<List<MonthCumulative>> MonthsAsync(List<int> projectIds, int year, CancellationToken ct)
    {
        var byMonth = await db
            .ProjectDisbursements.Where(d => d.Year == year && EF.Parameter(projectIds).Contains(d.ProjectId))
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

    /// <summary>
    /// Every province's totals for the year (public); provinces without allocation or disbursement are left out. Each
    /// province's totals are kept with its money stamp (decision 0032) and summed again only when the stamp has moved: the
    /// stamps are read first, so totals summed afterwards are never older than the stamp they are kept with.
    /// </summary>
    public async Task<(NationalDisbursement? Summary, Outcome Outcome)> NationalAsync(int year, CancellationToken ct)
    {
        if (!InputRange.IsYear(year))
            return (null, Outcome.Invalid("Năm không hợp lệ.", [new("year", InputRange.YearMessage("Năm", year))]));
        // Inside a transaction its own uncommitted writes are in no stamp: summed afresh, nothing kept.
        var inTransaction = db.Database.CurrentTransaction is not null;
        var stamps = inTransaction ? [] : await MoneyStamps.ReadAsync(db, ct);
        var kept = inTransaction ? null : cache.Nation.GetValueOrDefault(year);
        Dictionary<string, ProvinceMoney> totals;
        if (kept is null)
            totals = await SumAsync(year, null, stamps, ct);
        else
        {
            var moved = stamps.Where(s => !kept.TryGetValue(s.Key, out var k) || k.Stamp != s.Value).Select(s => s.Key).ToList();
            totals = moved.Count == 0 ? kept : new(kept, StringComparer.Ordinal);
            if (moved.Count > 0)
            {
                foreach (var province in moved)
                    totals.Remove(province);
                foreach (var (province, money) in await SumAsync(year, moved, stamps, ct))
                    totals[province] = money;
            }
        }
        if (!inTransaction && !ReferenceEquals(totals, kept))
            cache.Nation[year] = totals;

        var names = await db
            .Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Province && u.ValidTo == null)
            .ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var allocated = totals.Where(t => t.Value.Allocated is not null).ToDictionary(t => t.Key, t => t.Value.Allocated!.Value);
        var disbursed = totals.Where(t => t.Value.Disbursed is not null).ToDictionary(t => t.Key, t => t.Value.Disbursed!.Value);
        var lines = Lines(allocated, disbursed, code => names.GetValueOrDefault(code, code));
        long a = allocated.Values.Sum(),
            d = disbursed.Values.Sum();
        return (new NationalDisbursement(year, a, d, Rate.Of(d, a), lines), Outcome.Done);
    }

    /// <summary>The year's totals of the given provinces (all when null), each with the stamp read before summing.</summary>
    private async Task<Dictionary<string, ProvinceMoney>> SumAsync(
        int year,
        List<string>? provinces,
        Dictionary<string, long> stamps,
        CancellationToken ct
    )
    {
        // Summed per project first (a walk of the covering (Year, ProjectId, …) index in order, no sort), then per province
        // over the projects: joining every row of the year to its project first costs a lookup per row.
        // Some provinces: only their projects' rows are read (a seek per project on the same index), not the whole year's.
        var allocations = db.ProjectAllocations.Where(a => a.Year == year);
        var months = db.ProjectDisbursements.Where(d => d.Year == year);
        if (provinces is not null)
        {
            var projects = db.Projects.Where(p => provinces.Contains(p.ProvinceCode)).Select(p => p.Id);
            allocations = allocations.Where(a => projects.Contains(a.ProjectId));
            months = months.Where(d => projects.Contains(d.ProjectId));
        }
        var allocated = await ByProvince(
                allocations.GroupBy(a => a.ProjectId).Select(g => new ProjectSum { ProjectId = g.Key, Sum = g.Sum(a => a.Amount) })
            )
            .ToDictionaryAsync(x => x.Key, x => x.Value, ct);
        var disbursed = await ByProvince(
                months.GroupBy(d => d.ProjectId).Select(g => new ProjectSum { ProjectId = g.Key, Sum = g.Sum(d => d.Increment) })
            )
            .ToDictionaryAsync(x => x.Key, x => x.Value, ct);
        // Every province asked for (or with a stamp) is kept, those without money too: its stamp says when to look again.
        return (provinces ?? stamps.Keys.AsEnumerable())
            .Union(allocated.Keys)
            .Union(disbursed.Keys)
            .ToDictionary(
                p => p,
                p => new ProvinceMoney(
                    stamps.GetValueOrDefault(p),
                    allocated.TryGetValue(p, out var a) ? a : null,
                    disbursed.TryGetValue(p, out var d) ? d : null
                ),
                StringComparer.Ordinal
            );
    }

    private sealed class ProjectSum
    {
        public int ProjectId { get; init; }
        public long Sum { get; init; }
    }

    private IQueryable<KeyValuePair<string, long>> ByProvince(IQueryable<ProjectSum> perProject) =>
        perProject
            .Join(db.Projects, x => x.ProjectId, p => p.Id, (x, p) => new { p.ProvinceCode, x.Sum })
            .GroupBy(x => x.ProvinceCode)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.Sum(x => x.Sum)));
}

/// <summary>The disbursement summaries of the process (decision 0008): by province, year, months and day; national by year.</summary>
public sealed class DisbursementSummaryCache
{
    public VersionedCache<
        (string Province, int Year, int FromMonth, int ToMonth, DateOnly Today),
        ProvinceDisbursement
    > Provinces { get; } = new();

    /// <summary>Each year's totals by province, each with the money stamp it was summed at (decision 0032).</summary>
    public ConcurrentDictionary<int, Dictionary<string, ProvinceMoney>> Nation { get; } = new();
}

/// <summary>A province's totals of a year (null: no row at all) and the money stamp read before they were summed (0: none).</summary>
public sealed record ProvinceMoney(long Stamp, long? Allocated, long? Disbursed);

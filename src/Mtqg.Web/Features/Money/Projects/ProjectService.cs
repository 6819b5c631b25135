using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Money;
using Mtqg.Domain.Common;
using Mtqg.Domain.Money;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Departments;

namespace Mtqg.Web.Features.Money.Projects;

/// <summary>
/// A province's projects (DESIGN §11, issue 14 items 3–4): checked whole, nothing written on a refusal; corrected from the
/// version read (decision 0016); the coordination office and finance department write, an investor commune enters its
/// own disbursement (decision 0017).
/// </summary>
public sealed partial class ProjectService(
    AppDbContext db,
    AccessPolicy access,
    ProgrammeService programmes,
    DepartmentService departments,
    TimeProvider clock,
    Closing.PeriodClosingService closing
)
{
    public const int PageSize = 50;

    public DateOnly Today => VietnamTime.Today(clock);

    public Task<(int? Id, Outcome Outcome)> CreateAsync(ProjectInput input, CancellationToken ct) => SaveAsync(null, input, ct);

    /// <summary>Creates a project (<paramref name="id"/> null) or corrects it from <paramref name="version"/>; the province is kept.</summary>
    public async Task<(int? Id, Outcome Outcome)> SaveAsync(int? id, ProjectInput input, CancellationToken ct, string? version = null)
    {
        var project = id is null ? null : await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (id is not null && project is null)
            return (null, Outcome.NotFound($"Không có dự án số {id}."));
        var province = project?.ProvinceCode ?? input.ProvinceCode?.Trim() ?? "";
        if (project is null && !await IsProvinceAsync(province, ct))
            return (
                null,
                Outcome.Invalid(
                    "Dự án chưa hợp lệ.",
                    [new("provinceCode", $"Không có tỉnh, thành phố mã \"{province}\" đang có hiệu lực.")]
                )
            );
        if (!access.CanWriteProjects(province))
            return (
                null,
                Outcome.Forbidden(
                    $"Chỉ Văn phòng Điều phối và Sở Tài chính của tỉnh {province} mới {(project is null ? "lập" : "sửa")} được dự án."
                )
            );
        var problems = new List<Problem>();
        if (project is not null && input.ProvinceCode is { Length: > 0 } other && other.Trim() != province)
            problems.Add(new("provinceCode", $"Dự án thuộc tỉnh {province}: không chuyển sang tỉnh khác được."));
        var checkedInput = await CheckAsync(province, input, problems, ct);
        if (project is not null && EditVersion.IsStale(version, project.UpdatedAt))
            return (null, EditVersion.Changed($"Dự án «{project.Name}»", project.UpdatedAt, project.UpdatedBy));
        if (project is not null && problems.Count == 0)
            await CheckYearsKeepMoneyAsync(project.Id, checkedInput.StartYear, checkedInput.EndYear, problems, ct);
        if (problems.Count > 0)
            return (null, Outcome.Invalid($"Dự án có {problems.Count} lỗi; chưa có gì được ghi.", problems));
        if (project is null)
            project = db.Projects.Add(checkedInput).Entity;
        else
            Copy(checkedInput, project);
        (project.UpdatedAt, project.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        var saved = await EditVersion.SaveAsync(db, project, $"Dự án «{project.Name}»", ct);
        return (saved.IsDone ? project.Id : null, saved);
    }

    private static void Copy(Project from, Project to)
    {
        (to.Name, to.Kind, to.ProgrammeCode, to.ComponentCode) = (from.Name, from.Kind, from.ProgrammeCode, from.ComponentCode);
        (to.InvestorDepartmentCode, to.InvestorCommuneCode, to.CommuneCodes) = (
            from.InvestorDepartmentCode,
            from.InvestorCommuneCode,
            from.CommuneCodes
        );
        (to.StartYear, to.EndYear, to.ApprovedTotal, to.ApprovedSources) = (
            from.StartYear,
            from.EndYear,
            from.ApprovedTotal,
            from.ApprovedSources
        );
        (to.Households, to.Poor, to.NearPoor, to.EthnicMinority, to.EscapedPoverty, to.Criteria) = (
            from.Households,
            from.Poor,
            from.NearPoor,
            from.EthnicMinority,
            from.EscapedPoverty,
            from.Criteria
        );
    }

    /// <summary>Years narrowed on a correction must not leave allocations or disbursement outside them.</summary>
    private async Task CheckYearsKeepMoneyAsync(int id, int start, int end, List<Problem> problems, CancellationToken ct)
    {
        var years = await db
            .ProjectAllocations.Where(a => a.ProjectId == id)
            .Select(a => a.Year)
            .Union(db.ProjectDisbursements.Where(d => d.ProjectId == id).Select(d => d.Year))
            .ToListAsync(ct);
        var outside = years.Where(y => y < start || y > end).Distinct().Order().ToList();
        if (outside.Count > 0)
            problems.Add(
                new(
                    "startYear",
                    $"Dự án đã có vốn giao hoặc giải ngân năm {string.Join(", ", outside)}: thời gian thực hiện phải gồm các năm đó."
                )
            );
    }

    public Task<bool> IsProvinceAsync(string province, CancellationToken ct) =>
        Units.UnitService.IsProvinceNowAsync(db.Units, province, ct);

    /// <summary>Reads a project the account may read, with its money by year and its corrections.</summary>
    public async Task<(ProjectView? Project, Outcome Outcome)> GetAsync(int id, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
            return (null, Outcome.NotFound($"Không có dự án số {id}."));
        if (!MayRead(project))
            return (null, Outcome.Forbidden($"Dự án «{project.Name}» thuộc tỉnh {project.ProvinceCode}: tài khoản này không được xem."));
        var allocations = await db.ProjectAllocations.AsNoTracking().Where(a => a.ProjectId == id).ToListAsync(ct);
        var months = await db.ProjectDisbursements.AsNoTracking().Where(d => d.ProjectId == id).ToListAsync(ct);
        var corrections = await db
            .DisbursementCorrections.AsNoTracking()
            .Where(c => c.ProjectId == id)
            .OrderByDescending(c => c.Id)
            .Select(c => new CorrectionView(c.Year, c.Month, c.Source, c.Before, c.After, c.Reason, c.ByName, c.At))
            .ToListAsync(ct);
        var years = allocations
            .Select(a => a.Year)
            .Concat(months.Select(m => m.Year))
            .Distinct()
            .Order()
            .Select(y => new ProjectYearView(
                y,
                [
                    .. allocations
                        .Where(a => a.Year == y)
                        .OrderBy(a => SourceOrder(a.Source))
                        .Select(a => new SourceAmount(a.Source, a.Amount)),
                ],
                [
                    .. months
                        .Where(m => m.Year == y)
                        .GroupBy(m => m.Month)
                        .OrderBy(g => g.Key)
                        .Select(g => new MonthDisbursed(
                            g.Key,
                            [.. g.OrderBy(m => SourceOrder(m.Source)).Select(m => new SourceAmount(m.Source, m.Cumulative))]
                        )),
                ]
            ))
            .ToList();
        return (
            View(project, await InvestorNameAsync(project, ct), years, [.. corrections.Select(c => c with { At = Utc(c.At) })]),
            Outcome.Done
        );
    }

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    internal static int SourceOrder(string source)
    {
        for (var i = 0; i < CapitalSource.All.Count; i++)
            if (CapitalSource.All[i].Code == source)
                return i;
        return int.MaxValue;
    }

    public bool MayRead(Project project) =>
        access.CanReadProjects(project.ProvinceCode)
        || access.ReadsProjectsOfCommune is { } commune
            && (project.InvestorCommuneCode == commune || Split(project.CommuneCodes).Contains(commune));

    private async Task<string> InvestorNameAsync(Project project, CancellationToken ct)
    {
        if (project.InvestorDepartmentCode is { } department)
            return DepartmentService.Show(await departments.NamesAsync(project.ProvinceCode, ct), department);
        var code = project.InvestorCommuneCode;
        var name = await db
            .Units.AsNoTracking()
            .Where(u => u.Code == code && u.ValidTo == null)
            .Select(u => u.Name)
            .FirstOrDefaultAsync(ct);
        return name ?? code ?? "";
    }

    private static ProjectView View(
        Project p,
        string investor,
        IReadOnlyList<ProjectYearView> years,
        IReadOnlyList<CorrectionView> corrections
    ) =>
        new(
            p.Id,
            p.ProvinceCode,
            p.Name,
            p.Kind,
            p.ProgrammeCode,
            p.ComponentCode,
            new InvestorView(p.InvestorDepartmentCode, p.InvestorCommuneCode, investor),
            Split(p.CommuneCodes),
            p.StartYear,
            p.EndYear,
            p.ApprovedTotal,
            ParseSources(p.ApprovedSources),
            p.Households is null ? null : new BeneficiariesInput(p.Households, p.Poor, p.NearPoor, p.EthnicMinority, p.EscapedPoverty),
            [.. Split(p.Criteria).Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
            EditVersion.Of(p.UpdatedAt),
            years,
            corrections
        );

    internal static List<string> Split(string codes) => [.. codes.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    internal static List<SourceAmount> ParseSources(string text) =>
        [
            .. text.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(part => part.Split('='))
                .Select(kv => new SourceAmount(kv[0], long.Parse(kv[1], CultureInfo.InvariantCulture))),
        ];

    internal static string FormatSources(IEnumerable<SourceAmount> sources) =>
        string.Join(";", sources.Select(s => $"{s.Source}={s.Amount.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The projects of a province the account may read, filtered by year (in progress), programme and commune; 50 a page.</summary>
    public async Task<(ProjectPage? Page, Outcome Outcome)> ListAsync(
        string? province,
        int? year,
        string? programme,
        string? commune,
        string? search,
        int page,
        CancellationToken ct
    )
    {
        province = province?.Trim() ?? "";
        if (!await IsProvinceAsync(province, ct))
            return (
                null,
                Outcome.Invalid("Thiếu tỉnh.", [new("province", $"Không có tỉnh, thành phố mã \"{province}\" đang có hiệu lực.")])
            );
        if (year is { } y && !InputRange.IsYear(y))
            return (null, Outcome.Invalid("Năm không hợp lệ.", [new("year", InputRange.YearMessage("Năm", y))]));
        var query = db.Projects.AsNoTracking().Where(p => p.ProvinceCode == province);
        if (!access.CanReadProjects(province))
        {
            if (access.ReadsProjectsOfCommune is not { } own || !await IsCommuneOfAsync(province, own, ct))
                return (null, Outcome.Forbidden($"Tài khoản này không được xem các dự án của tỉnh {province}."));
            query = query.Where(p => p.InvestorCommuneCode == own || ("," + p.CommuneCodes + ",").Contains("," + own + ","));
        }
        if (year is { } inYear)
            query = query.Where(p => p.StartYear <= inYear && p.EndYear >= inYear);
        if (!string.IsNullOrWhiteSpace(programme))
            query = query.Where(p => p.ProgrammeCode == programme.Trim());
        if (!string.IsNullOrWhiteSpace(commune))
        {
            var c = commune.Trim();
            query = query.Where(p => p.InvestorCommuneCode == c || ("," + p.CommuneCodes + ",").Contains("," + c + ","));
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(p => p.Name.Contains(s));
        }
        var total = await query.CountAsync(ct);
        page = Math.Max(1, page);
        var items = await query
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(p => new ProjectListItem(
                p.Id,
                p.ProvinceCode,
                p.Name,
                p.Kind,
                p.ProgrammeCode,
                p.InvestorDepartmentCode,
                p.InvestorCommuneCode,
                p.StartYear,
                p.EndYear,
                p.ApprovedTotal
            ))
            .ToListAsync(ct);
        return (new ProjectPage(items, total, page, PageSize), Outcome.Done);
    }
}

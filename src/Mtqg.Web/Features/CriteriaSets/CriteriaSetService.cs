using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Criteria;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Scorecards;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.CriteriaSets;

public sealed record CriteriaSetSummary(
    string Code,
    string Name,
    int ValidFrom,
    int ValidTo,
    string Status,
    bool IsDemo,
    string? LegalBasis,
    int CriteriaCount,
    int IndicatorCount,
    string? Province = null,
    string? Details = null
)
{
    public bool IsNational => Province is null;
};

public sealed partial class CriteriaSetService(AppDbContext db, TimeProvider clock, AccessPolicy access, SetCatalog catalog)
{
    public async Task<IReadOnlyList<CriteriaSetSummary>> ListAsync(CancellationToken ct)
    {
        var rows = await db
            .CriteriaSets.AsNoTracking()
            .OrderByDescending(s => s.ValidFrom)
            .ThenBy(s => s.IsDemo)
            .ThenBy(s => s.Code)
            .Select(s => new
            {
                s.Code,
                s.Name,
                s.ValidFrom,
                s.ValidTo,
                s.Status,
                s.IsDemo,
                s.LegalBasis,
                s.ProvinceCode,
                s.DetailsCode,
                Criteria = s.Criteria.Count,
                Indicators = db.Indicators.Count(i => i.CriteriaSetId == s.Id),
            })
            .ToListAsync(ct);
        return rows.Select(s => new CriteriaSetSummary(
                s.Code,
                s.Name,
                s.ValidFrom,
                s.ValidTo,
                s.Status.Code(),
                s.IsDemo,
                s.LegalBasis,
                s.Criteria,
                s.Indicators,
                s.ProvinceCode,
                s.DetailsCode
            ))
            .ToList();
    }

    /// <summary>A stored set with everything under it, read-only (one split query).</summary>
    public static Task<CriteriaSet?> LoadWholeAsync(AppDbContext db, string code, CancellationToken ct) =>
        db
            .CriteriaSets.AsNoTracking()
            .AsSplitQuery()
            .Include(s => s.Levels)
                .ThenInclude(l => l.Conditions)
            .Include(s => s.Groups)
            .Include(s => s.Bands)
            .Include(s => s.Criteria)
                .ThenInclude(c => c.Indicators)
                    .ThenInclude(i => i.Thresholds)
            .FirstOrDefaultAsync(s => s.Code == code, ct);

    /// <summary>A set in the interchange format (DESIGN §6), or null when no set has that code.</summary>
    public async Task<CriteriaSetDocument?> GetAsync(string code, CancellationToken ct)
    {
        var set = await CriteriaSetService.LoadWholeAsync(db, code, ct);
        if (set is null)
            return null;
        var levels = set.Levels.ToDictionary(l => l.Id, l => l.Code);
        var groups = set.Groups.ToDictionary(g => g.Id, g => g.Code);
        return new CriteriaSetDocument
        {
            Code = set.Code,
            Name = set.Name,
            LegalBasis = set.LegalBasis,
            ValidFrom = set.ValidFrom,
            ValidTo = set.ValidTo,
            Status = set.Status.Code(),
            IsDemo = set.IsDemo,
            Source = set.Source,
            Notes = set.Notes,
            Province = set.ProvinceCode,
            Details = set.DetailsCode,
            Levels = set.Levels.OrderBy(l => l.Rank).Select(LevelOf).ToList(),
            Groups = set.Groups.OrderBy(g => g.Id).Select(g => new GroupDocument(g.Code, g.Name, g.Description)).ToList(),
            Bands = set.Bands.OrderBy(b => b.Order).Select(b => new BandDocument(b.Name, b.MinCriteriaMet)).ToList(),
            Criteria = set
                .Criteria.OrderBy(c => c.Number)
                .Select(c => new CriterionDocument
                {
                    Number = c.Number,
                    Code = c.Code,
                    Name = c.Name,
                    Heading = c.Heading,
                    ResponsibleSector = c.ResponsibleSector,
                    NameVerified = c.NameVerified,
                    Indicators = c
                        .Indicators.OrderBy(i => i.Order)
                        .Select(i => new IndicatorDocument
                        {
                            Code = i.Code,
                            Name = i.Name,
                            Type = i.Type.Code(),
                            Unit = i.Unit,
                            Rule = i.Rule.Code(),
                            NameVerified = i.NameVerified,
                            Notes = i.Notes,
                            Source = i.Source,
                            Thresholds = i
                                .Thresholds.OrderBy(t => t.Id)
                                .Select(t => new ThresholdDocument
                                {
                                    Level = levels[t.LevelId],
                                    Group = t.GroupId is int g ? groups[g] : null,
                                    Year = t.Year,
                                    Note = t.Note,
                                    Value =
                                        t.Value is not { } v ? null
                                        : i.Type == IndicatorType.Boolean ? ThresholdValue.Of(true)
                                        : ThresholdValue.Of(v),
                                })
                                .ToList(),
                        })
                        .ToList(),
                })
                .ToList(),
            Recognition = RecognitionOf(set),
        };
    }

    /// <summary>The recognition rules of a stored set in the shape of DESIGN §9 (null when it has none).</summary>
    private static RecognitionDocument? RecognitionOf(CriteriaSet set)
    {
        var revocation =
            set.RevocationLowerShare is { } lower && set.RevocationUpperShare is { } upper
                ? new RevocationDocument(lower, upper, ProtectedNumbers(set.RevocationProtected))
                : null;
        return set.RequiredSatisfaction is null && revocation is null
            ? null
            : new RecognitionDocument(set.RequiredSatisfaction, revocation);
    }

    public static List<int> ProtectedNumbers(string? text) =>
        [
            .. (text ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)),
        ];

    /// <summary>
    /// The texts of a document longer than their columns hold (decision 0013), named by their path. The domain validator
    /// already checks the required names; codes, headings, sectors, units and notes are checked here.
    /// </summary>
    private IEnumerable<Problem> StoredLengths(CriteriaSetDocument doc)
    {
        IEnumerable<Problem?> Check()
        {
            yield return db.TooLong((CriteriaSet s) => s.Name, doc.Name?.Trim(), "name");
            yield return db.TooLong((CriteriaSet s) => s.LegalBasis, doc.LegalBasis, "legalBasis");
            foreach (var (level, i) in (doc.Levels ?? []).Select((l, i) => (l, i)).Where(x => x.l is not null))
            {
                yield return db.TooLong((CriteriaLevel l) => l.Code, level.Code, $"levels[{i}].code");
                yield return db.TooLong((CriteriaLevel l) => l.Name, level.Name, $"levels[{i}].name");
            }
            foreach (var (group, i) in (doc.Groups ?? []).Select((g, i) => (g, i)).Where(x => x.g is not null))
            {
                yield return db.TooLong((CommuneGroup g) => g.Code, group.Code, $"groups[{i}].code");
                yield return db.TooLong((CommuneGroup g) => g.Name, group.Name, $"groups[{i}].name");
                yield return db.TooLong((CommuneGroup g) => g.Description, group.Description, $"groups[{i}].description");
            }
            foreach (var (band, i) in (doc.Bands ?? []).Select((b, i) => (b, i)).Where(x => x.b is not null))
                yield return db.TooLong((ReportingBand b) => b.Name, band.Name, $"bands[{i}].name");
            foreach (var (criterion, c) in (doc.Criteria ?? []).Select((x, c) => (x, c)).Where(x => x.x is not null))
            {
                var path = $"criteria[{c}]";
                yield return db.TooLong((Criterion x) => x.Name, criterion.Name?.Trim(), $"{path}.name");
                yield return db.TooLong((Criterion x) => x.Heading, criterion.Heading, $"{path}.heading");
                yield return db.TooLong((Criterion x) => x.ResponsibleSector, criterion.ResponsibleSector, $"{path}.responsibleSector");
                foreach (var (indicator, i) in (criterion.Indicators ?? []).Select((x, i) => (x, i)).Where(x => x.x is not null))
                {
                    yield return db.TooLong((Indicator x) => x.Name, indicator.Name?.Trim(), $"{path}.indicators[{i}].name");
                    yield return db.TooLong((Indicator x) => x.Unit, indicator.Unit, $"{path}.indicators[{i}].unit");
                    foreach (var (row, t) in (indicator.Thresholds ?? []).Select((x, t) => (x, t)).Where(x => x.x is not null))
                        yield return db.TooLong((Threshold x) => x.Note, row.Note, $"{path}.indicators[{i}].thresholds[{t}].note");
                }
            }
        }
        return Check().OfType<Problem>();
    }

    /// <summary>
    /// Creates a set as a draft (DESIGN §9): a national set by administrators, a province's set by its coordination office (and
    /// administrators). Validated whole; nothing is written when there is any problem.
    /// </summary>
    public async Task<Outcome> CreateAsync(CriteriaSetDocument doc, CancellationToken ct)
    {
        if (Refuse(doc.Province, doc.Code) is { } refused)
            return refused;
        return await StoreAsync(doc with { Status = null, IsDemo = false }, ct);
    }

    /// <summary>Who may write a set of <paramref name="province"/> (null = national): the 403, or null when allowed.</summary>
    private Outcome? Refuse(string? province, string? code)
    {
        var what = code is { Length: > 0 } ? $"bộ tiêu chí {code}" : "bộ tiêu chí này";
        if (province is null)
            return access.User.IsAdmin
                ? null
                : Outcome.Forbidden($"Chỉ quản trị hệ thống tạo, sửa, ban hành hoặc bãi bỏ bộ tiêu chí quốc gia ({what}).");
        return access.CanManageProvince(province)
            ? null
            : Outcome.Forbidden($"Tài khoản chỉ quản lý bộ tiêu chí của tỉnh mình; {what} là bộ tiêu chí của tỉnh mã {province}.");
    }

    /// <summary>What the validator needs from the database: the provinces of today and the set the document details.</summary>
    private async Task<SetContext> ContextAsync(CriteriaSetDocument doc, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var provinces = await UnitService
            .InForce(db.Units.AsNoTracking(), today)
            .Where(u => u.Level == UnitLevel.Province)
            .Select(u => u.Code)
            .ToListAsync(ct);
        DetailedSet? details = null;
        if (!InputText.IsBlank(doc.Details))
        {
            var row = await db
                .CriteriaSets.AsNoTracking()
                .Where(s => s.Code == doc.Details)
                .Select(s => new
                {
                    s.Code,
                    s.ProvinceCode,
                    s.ValidFrom,
                    s.ValidTo,
                    Numbers = s.Criteria.Select(c => c.Number).ToList(),
                })
                .FirstOrDefaultAsync(ct);
            if (row is not null)
                details = new DetailedSet(row.Code, row.ProvinceCode, row.ValidFrom, row.ValidTo, row.Numbers);
        }
        return new SetContext(provinces.ToHashSet(StringComparer.Ordinal), details);
    }

    private async Task<List<Problem>> ProblemsAsync(CriteriaSetDocument doc, CancellationToken ct) => (await CheckAsync(doc, ct)).Problems;

    /// <summary>Every problem of a document, and its criteria's departments as registry codes (decision 0020: an exact name is read as its code).</summary>
    private async Task<(List<Problem> Problems, Dictionary<CriterionDocument, string> Departments)> CheckAsync(
        CriteriaSetDocument doc,
        CancellationToken ct
    )
    {
        var context = await ContextAsync(doc, ct);
        var problems = CriteriaSetValidator.Validate(doc, context).ToList();
        problems.AddRange(StoredLengths(doc).Where(p => problems.All(q => q.Field != p.Field)));
        var departments = new Dictionary<CriterionDocument, string>(ReferenceEqualityComparer.Instance);
        // A province's set names the departments of its own registry (decision 0020); a national set, a department of today anywhere.
        var province = doc.Province is { } own && context.Provinces.Contains(own) ? own : null;
        var today = VietnamTime.Today(clock);
        foreach (var (criterion, c) in (doc.Criteria ?? []).Select((x, c) => (x, c)).Where(x => !InputText.IsBlank(x.x?.ResponsibleSector)))
        {
            var field = $"criteria[{c}].responsibleSector";
            var (department, problem) = province is null
                ? await Departments.DepartmentService.ResolveNationalAsync(db, today, criterion.ResponsibleSector, field, ct)
                : await Departments.DepartmentService.ResolveInProvinceAsync(db, province, criterion.ResponsibleSector, today, field, ct);
            if (department is null && problem is null)
                continue; // too long: the stored-length check named it
            if (department is not null)
                departments[criterion] = department;
            else if (problems.All(p => p.Field != problem!.Field))
                problems.Add(problem! with { Message = $"Tiêu chí {criterion.Number}: sở thẩm định {problem.Message}" });
        }
        return (problems, departments);
    }
}

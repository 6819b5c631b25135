using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Criteria;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Units;
using Mtqg.Web.Data;
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

    /// <summary>Validates a whole document and, only if it has no problem at all, stores it in one transaction (the seeder keeps its status).</summary>
    internal async Task<Outcome> StoreAsync(CriteriaSetDocument doc, CancellationToken ct)
    {
        var (problems, departments) = await CheckAsync(doc, ct);
        if (doc.Code is { Length: > 0 } code && await db.CriteriaSets.AnyAsync(s => s.Code == code, ct))
            problems.Insert(0, new Problem("code", $"Đã có bộ tiêu chí mã \"{code}\"."));
        if (problems.Count > 0)
            return Outcome.Invalid($"Bộ tiêu chí có {problems.Count} lỗi; chưa có gì được ghi.", problems);

        var now = clock.GetUtcNow().UtcDateTime;
        var set = new CriteriaSet
        {
            Code = doc.Code!,
            Name = "",
            CreatedAt = now,
            Status = doc.Status is null ? CriteriaSetStatus.Draft : CriteriaVocabulary.Statuses[doc.Status],
            IsDemo = doc.IsDemo,
        };
        Fill(set, doc, departments);
        (set.UpdatedAt, set.UpdatedBy) = (now, access.User.UserName);
        db.CriteriaSets.Add(set); // one SaveChanges: one transaction
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>A set's edit version (decision 0016): null when no set has that code.</summary>
    public async Task<string?> VersionAsync(string code, CancellationToken ct) =>
        await db.CriteriaSets.AsNoTracking().Where(s => s.Code == code).Select(s => (DateTime?)s.UpdatedAt).FirstOrDefaultAsync(ct)
            is { } at
            ? EditVersion.Of(at)
            : null;

    /// <summary>
    /// Replaces a draft with <paramref name="doc"/> (same validation as creating it). A published or withdrawn set never
    /// changes (409: a correction is a new set); a draft read at an older <paramref name="version"/> is refused (412).
    /// </summary>
    public async Task<Outcome> ReplaceAsync(string code, CriteriaSetDocument doc, string? version, CancellationToken ct)
    {
        var set = await db
            .CriteriaSets.AsSplitQuery()
            .Include(s => s.Levels)
                .ThenInclude(l => l.Conditions)
            .Include(s => s.Groups)
            .Include(s => s.Bands)
            .Include(s => s.Criteria)
                .ThenInclude(c => c.Indicators)
                    .ThenInclude(i => i.Thresholds)
            .FirstOrDefaultAsync(s => s.Code == code, ct);
        if (set is null)
            return Outcome.NotFound($"Không có bộ tiêu chí mã \"{code}\".");
        if (Refuse(set.ProvinceCode, code) is { } refused)
            return refused;
        if (set.Status != CriteriaSetStatus.Draft)
            return Immutable(set);
        if (doc.Province != set.ProvinceCode && Refuse(doc.Province, code) is { } moved)
            return moved;
        if (EditVersion.IsStale(version, set.UpdatedAt))
            return EditVersion.Changed($"Bộ tiêu chí {code}", set.UpdatedAt, set.UpdatedBy);
        if (doc.Code is { Length: > 0 } other && other != code)
            return Outcome.Invalid(
                "Mã bộ tiêu chí không khớp.",
                [new Problem("code", $"Nội dung ghi mã \"{other}\" nhưng đang sửa bộ {code}; mã của một bộ không đổi được.")]
            );
        doc = doc with { Code = code, Status = null, IsDemo = false };
        var (problems, departments) = await CheckAsync(doc, ct);
        if (problems.Count > 0)
            return Outcome.Invalid($"Bộ tiêu chí có {problems.Count} lỗi; chưa có gì được ghi.", problems);
        if (await db.IndicatorValues.AnyAsync(v => v.Indicator.CriteriaSetId == set.Id, ct))
            return Outcome.Conflict($"Bộ tiêu chí dự thảo {code} đã có số liệu chỉ tiêu được nhập theo nó; không thay thế được.");

        // The old content goes first (its unique codes are taken again), then the new one, in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.RemoveRange(set.Criteria.SelectMany(c => c.Indicators).SelectMany(i => i.Thresholds));
        db.RemoveRange(set.Criteria.SelectMany(c => c.Indicators));
        db.RemoveRange(set.Criteria);
        db.RemoveRange(set.Levels);
        db.RemoveRange(set.Groups);
        db.RemoveRange(set.Bands);
        await db.SaveChangesAsync(ct);
        Fill(set, doc, departments);
        (set.UpdatedAt, set.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, access.User.UserName);
        set.Revision++;
        var saved = await EditVersion.SaveAsync(db, set, $"Bộ tiêu chí {code}", ct);
        if (!saved.IsDone)
            return saved;
        await tx.CommitAsync(ct);
        catalog.Forget(code);
        return Outcome.Done;
    }

    private static Outcome Immutable(CriteriaSet set) =>
        Outcome.Conflict(
            $"Bộ tiêu chí {set.Code} {(set.Status == CriteriaSetStatus.Published ? "đã ban hành" : "đã bãi bỏ")} nên không sửa được nữa: một điều chỉnh là một bộ tiêu chí mới (tạo bộ mới với mã khác)."
        );

    private static LevelDocument LevelOf(CriteriaLevel l) =>
        new(
            l.Code,
            l.Name,
            l.Rank,
            l.Pilot,
            l.ThresholdsOf,
            l.Conditions.Count == 0
                ? null
                : l.Conditions.OrderBy(c => c.Order).Select(c => new LevelConditionDocument(c.Code, c.Text, c.Judged, c.HeldLevel)).ToList()
        );

    /// <summary>Writes a valid document's content (everything but code, status, demo flag) into <paramref name="set"/>, whose children are empty.</summary>
    private static void Fill(CriteriaSet set, CriteriaSetDocument doc, Dictionary<CriterionDocument, string> departments)
    {
        var levels = doc.Levels!.Select(l => new CriteriaLevel
            {
                Code = l.Code!,
                Name = l.Name!,
                Rank = l.Rank!.Value,
                Pilot = l.Pilot,
                ThresholdsOf = l.ThresholdsOf,
                Conditions = (l.Conditions ?? [])
                    .Select(
                        (c, order) =>
                            new CriteriaLevelCondition
                            {
                                Order = order,
                                Code = c.Code!,
                                Text = c.Text!.Trim(),
                                Judged = c.Judged!,
                                HeldLevel = c.Level,
                            }
                    )
                    .ToList(),
            })
            .ToList();
        var groups = (doc.Groups ?? [])
            .Select(g => new CommuneGroup
            {
                Code = g.Code!,
                Name = g.Name!,
                Description = g.Description,
            })
            .ToList();
        var revocation = doc.RevocationRule();
        set.Name = doc.Name!.Trim();
        set.LegalBasis = doc.LegalBasis;
        set.ValidFrom = doc.ValidFrom!.Value;
        set.ValidTo = doc.ValidTo!.Value;
        set.Source = doc.Source;
        set.Notes = doc.Notes;
        set.ProvinceCode = doc.Province;
        set.DetailsCode = doc.Province is null ? null : doc.Details;
        set.RevocationLowerShare = revocation?.FailingShareFrom;
        set.RevocationUpperShare = revocation?.FailingShareTo;
        set.RevocationProtected = revocation is null ? null : string.Join(",", (revocation.ProtectedCriteria ?? []).Distinct().Order());
        set.RequiredSatisfaction = doc.Recognition?.RequiredSatisfaction;
        set.Levels = levels;
        set.Groups = groups;
        set.Bands = (doc.Bands ?? [])
            .Select(
                (b, i) =>
                    new ReportingBand
                    {
                        Order = i + 1,
                        Name = b.Name!,
                        MinCriteriaMet = b.MinCriteriaMet!.Value,
                    }
            )
            .ToList();
        set.Criteria = [];
        foreach (var c in doc.Criteria!)
        {
            var criterion = new Criterion
            {
                Number = c.Number!.Value,
                Code = c.Code!,
                Name = c.Name!.Trim(),
                Heading = c.Heading,
                ResponsibleSector = departments.GetValueOrDefault(c),
                NameVerified = c.NameVerified,
            };
            var order = 0;
            foreach (var i in c.Indicators ?? [])
            {
                var type = CriteriaVocabulary.Types[i.Type!];
                criterion.Indicators.Add(
                    new Indicator
                    {
                        Set = set,
                        Order = ++order,
                        Code = i.Code!,
                        Name = i.Name!.Trim(),
                        Type = type,
                        Unit = i.Unit,
                        Rule = CriteriaVocabulary.Rules[i.Rule!],
                        NameVerified = i.NameVerified,
                        Notes = i.Notes,
                        Thresholds = (i.Thresholds ?? [])
                            .Select(t => new Threshold
                            {
                                Level = levels.Single(l => l.Code == t.Level),
                                Group = t.Group is null ? null : groups.Single(g => g.Code == t.Group),
                                Year = t.Year,
                                Note = t.Note,
                                Value =
                                    t.Value is not { } v ? null
                                    : type == IndicatorType.Boolean ? ValueRules.FromFlag(true)
                                    : v.Number,
                            })
                            .ToList(),
                    }
                );
            }
            set.Criteria.Add(criterion);
        }
    }
}

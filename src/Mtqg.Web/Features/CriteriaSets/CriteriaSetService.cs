using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Criteria;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;

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
    int IndicatorCount
);

public sealed class CriteriaSetService(AppDbContext db, TimeProvider clock)
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
                s.Indicators
            ))
            .ToList();
    }

    /// <summary>A stored set with everything under it, read-only (one split query).</summary>
    public static Task<CriteriaSet?> LoadWholeAsync(AppDbContext db, string code, CancellationToken ct) =>
        db
            .CriteriaSets.AsNoTracking()
            .AsSplitQuery()
            .Include(s => s.Levels)
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
            Levels = set.Levels.OrderBy(l => l.Rank).Select(l => new LevelDocument(l.Code, l.Name, l.Rank)).ToList(),
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
            Revocation =
                set.RevocationLowerShare is { } lower && set.RevocationUpperShare is { } upper
                    ? new RevocationDocument(lower, upper, ProtectedNumbers(set.RevocationProtected))
                    : null,
            Recognition = set.RequiredSatisfaction is { } rate ? new RecognitionDocument(rate) : null,
        };
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

    /// <summary>Validates a whole document and, only if it has no problem at all, stores it in one transaction.</summary>
    public async Task<Outcome> CreateAsync(CriteriaSetDocument doc, CancellationToken ct)
    {
        var problems = CriteriaSetValidator.Validate(doc).ToList();
        problems.AddRange(StoredLengths(doc).Where(p => problems.All(q => q.Field != p.Field)));
        if (doc.Code is { Length: > 0 } code && await db.CriteriaSets.AnyAsync(s => s.Code == code, ct))
            problems.Insert(0, new Problem("code", $"Đã có bộ tiêu chí mã \"{code}\"."));
        // A criterion's appraising department is a code of the department registry (decision 0020); an exact name is read as its code.
        var departments = new Dictionary<CriterionDocument, string>(ReferenceEqualityComparer.Instance);
        foreach (var (criterion, c) in (doc.Criteria ?? []).Select((x, c) => (x, c)).Where(x => !InputText.IsBlank(x.x?.ResponsibleSector)))
        {
            var (department, problem) = await Departments.DepartmentService.ResolveNationalAsync(
                db,
                VietnamTime.Today(clock),
                criterion.ResponsibleSector,
                $"criteria[{c}].responsibleSector",
                ct
            );
            if (department is not null)
                departments[criterion] = department;
            else if (problems.All(p => p.Field != problem!.Field))
                problems.Add(problem! with { Message = $"Tiêu chí {criterion.Number}: sở thẩm định {problem.Message}" });
        }
        if (problems.Count > 0)
            return Outcome.Invalid($"Bộ tiêu chí có {problems.Count} lỗi; chưa có gì được ghi.", problems);

        var levels = doc.Levels!.Select(l => new CriteriaLevel
            {
                Code = l.Code!,
                Name = l.Name!,
                Rank = l.Rank!.Value,
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
        var set = new CriteriaSet
        {
            Code = doc.Code!,
            Name = doc.Name!.Trim(),
            LegalBasis = doc.LegalBasis,
            ValidFrom = doc.ValidFrom!.Value,
            ValidTo = doc.ValidTo!.Value,
            Status = doc.Status is null ? CriteriaSetStatus.Draft : CriteriaVocabulary.Statuses[doc.Status],
            IsDemo = doc.IsDemo,
            Source = doc.Source,
            Notes = doc.Notes,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            RevocationLowerShare = doc.Revocation?.LowerShare,
            RevocationUpperShare = doc.Revocation?.UpperShare,
            RevocationProtected = doc.Revocation is null
                ? null
                : string.Join(",", (doc.Revocation.ProtectedCriteria ?? []).Distinct().Order()),
            RequiredSatisfaction = doc.Recognition?.RequiredSatisfaction,
            Levels = levels,
            Groups = groups,
            Bands = (doc.Bands ?? [])
                .Select(
                    (b, i) =>
                        new ReportingBand
                        {
                            Order = i + 1,
                            Name = b.Name!,
                            MinCriteriaMet = b.MinCriteriaMet!.Value,
                        }
                )
                .ToList(),
        };
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

        db.CriteriaSets.Add(set); // one SaveChanges: one transaction
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }
}

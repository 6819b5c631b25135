using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Recognition;
using Mtqg.Web.Features.CriteriaSets;

namespace Mtqg.Web.Features.Scorecards;

/// <summary>An indicator of a loaded set; <see cref="Source"/>: where its value comes from (<see cref="IndicatorSources"/>), null = typed by the commune.</summary>
public sealed record SetIndicator(
    int Id,
    string Code,
    string Name,
    IndicatorType Type,
    Rule Rule,
    string? Unit,
    int CriterionNumber,
    string? Source = null
);

/// <summary>A criteria set ready for evaluation: the engine's model plus the ids needed to read and write values.</summary>
public sealed record LoadedSet(
    int Id,
    string Code,
    string Name,
    int ValidFrom,
    int ValidTo,
    bool IsDemo,
    CriteriaSetStatus Status,
    EvaluationSet Evaluation,
    IReadOnlyDictionary<string, SetIndicator> Indicators,
    IReadOnlyDictionary<int, SetIndicator> IndicatorsById,
    IReadOnlyDictionary<string, int> GroupIds,
    IReadOnlyDictionary<int, string> GroupCodes,
    IReadOnlyList<EvaluationLevel> Levels,
    decimal? RequiredSatisfaction = null,
    IReadOnlyDictionary<string, IReadOnlyList<LevelCondition>>? Conditions = null
)
{
    public bool Covers(int year) => year >= ValidFrom && year <= ValidTo;

    public string LowestLevel => Levels.OrderBy(l => l.Rank).First().Code;

    /// <summary>The indicators whose value follows another record (the approved poverty result), not typed; empty for most sets.</summary>
    public IReadOnlyList<SetIndicator> Sourced { get; init; } = [];

    /// <summary>What <paramref name="level"/> asks beyond thresholds (319/QĐ-TTg for kiểu mẫu), in order; empty for most levels.</summary>
    public IReadOnlyList<LevelCondition> ConditionsOf(string level) => Conditions?.GetValueOrDefault(level) ?? [];
}

/// <summary>
/// Sets are immutable once stored (a change is a new set), so each is loaded once per process and
/// shared by every request: the engine compiles it once.
/// </summary>
public sealed class SetCatalog
{
    private readonly ConcurrentDictionary<string, LoadedSet> sets = new(StringComparer.Ordinal);

    public async Task<LoadedSet?> GetAsync(AppDbContext db, string code, CancellationToken ct)
    {
        if (sets.TryGetValue(code, out var loaded))
            return loaded;
        var set = await CriteriaSetService.LoadWholeAsync(db, code, ct);
        if (set is null)
            return null;
        var levels = set.Levels.ToDictionary(l => l.Id, l => l.Code);
        var groups = set.Groups.ToDictionary(g => g.Id, g => g.Code);
        var criteria = set
            .Criteria.OrderBy(c => c.Number)
            .Select(c => new EvaluationCriterion(
                c.Number,
                c.Code,
                c.Name,
                c.Indicators.OrderBy(i => i.Order)
                    .Select(i => new EvaluationIndicator(
                        i.Code,
                        i.Name,
                        i.Type,
                        i.Rule,
                        i.Unit,
                        i.Thresholds.OrderBy(t => t.Id)
                            .Select(t => new EvaluationThreshold(levels[t.LevelId], t.GroupId is int g ? groups[g] : null, t.Year, t.Value))
                            .ToList()
                    ))
                    .ToList()
            ))
            .ToList();
        var evaluation = new EvaluationSet(
            set.Levels.OrderBy(l => l.Rank)
                .Select(l => new EvaluationLevel(l.Code, l.Name, l.Rank, l.ThresholdsOf, l.Conditions.Count > 0))
                .ToList(),
            set.Bands.OrderBy(b => b.Order).Select(b => new EvaluationBand(b.Name, b.MinCriteriaMet)).ToList(),
            criteria
        );
        var indicators = set
            .Criteria.SelectMany(c =>
                c.Indicators.Select(i => new SetIndicator(i.Id, i.Code, i.Name, i.Type, i.Rule, i.Unit, c.Number, i.Source))
            )
            .ToList();
        loaded = new LoadedSet(
            set.Id,
            set.Code,
            set.Name,
            set.ValidFrom,
            set.ValidTo,
            set.IsDemo,
            set.Status,
            evaluation,
            indicators.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase),
            indicators.ToDictionary(i => i.Id),
            groups.ToDictionary(g => g.Value, g => g.Key, StringComparer.OrdinalIgnoreCase),
            groups,
            evaluation.Levels,
            set.RequiredSatisfaction,
            set.Levels.Where(l => l.Conditions.Count > 0)
                .ToDictionary(
                    l => l.Code,
                    l =>
                        (IReadOnlyList<LevelCondition>)
                            l
                                .Conditions.OrderBy(c => c.Order)
                                .Select(c => new LevelCondition(c.Code, c.Text, c.Judged, c.HeldLevel))
                                .ToList()
                )
        )
        {
            Sourced = [.. indicators.Where(i => i.Source is not null).OrderBy(i => i.Id)],
        };
        // A draft may still be replaced: it is loaded for each request, never kept.
        return set.Status == CriteriaSetStatus.Draft ? loaded : sets.GetOrAdd(code, loaded);
    }

    /// <summary>Drops a set whose status or content changed (a replaced draft, a publication, a withdrawal).</summary>
    public void Forget(string code) => sets.TryRemove(code, out _);

    /// <summary>
    /// The set a commune-year is judged by when none is named (DESIGN §9, the one place this is decided): the published set of
    /// the commune's province (<paramref name="provinceNow"/>, a province of today) valid that year; else the published national
    /// set valid that year, a non-demo one first — in demo mode the demo set, which is the one with data. Drafts and withdrawn
    /// sets never apply by default.
    /// </summary>
    public async Task<LoadedSet?> DefaultForAsync(AppDbContext db, int year, string? provinceNow, bool preferDemo, CancellationToken ct)
    {
        var candidates = await db
            .CriteriaSets.AsNoTracking()
            .Where(s =>
                s.Status == CriteriaSetStatus.Published
                && s.ValidFrom <= year
                && s.ValidTo >= year
                && (s.ProvinceCode == null || s.ProvinceCode == provinceNow)
            )
            .Select(s => new
            {
                s.Code,
                s.IsDemo,
                s.ValidFrom,
                s.ProvinceCode,
            })
            .ToListAsync(ct);
        var code = candidates
            .OrderBy(s => s.ProvinceCode is null ? 1 : 0)
            .ThenBy(s => s.IsDemo == preferDemo ? 0 : 1)
            .ThenByDescending(s => s.ValidFrom)
            .Select(s => s.Code)
            .FirstOrDefault();
        return code is null ? null : await GetAsync(db, code, ct);
    }
}

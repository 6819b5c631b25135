using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Scorecards;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Criteria;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Scorecards.Evaluation;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Scorecards.Values;

/// <summary>
/// Indicator values in, a commune's scorecard out (many communes: EvaluationService; summaries: SummaryService). Everything is evaluated from the values as
/// stored at the moment of the request: a saved value shows on the next request.
/// </summary>
public sealed partial class ScorecardService(
    AppDbContext db,
    SetCatalog catalog,
    ProvinceLineage lineage,
    AccessPolicy access,
    IConfiguration configuration,
    TimeProvider clock,
    Closing.PeriodClosingService closing
)
{
    private bool Demo => configuration.GetValue<bool>("Mtqg:Demo");

    public static DateOnly YearEnd(int year) => new(year, 12, 31);

    /// <summary>Whether the user may enter this commune's values (the pages ask before showing inputs).</summary>
    public async Task<bool> CanEnterValuesAsync(AdministrativeUnit commune) =>
        access.User.IsAuthenticated
        && access.CanEnterValues(commune, await lineage.ProvinceNowAsync(commune.ProvinceCode, commune.ValidTo));

    /// <summary>The set named, or the national default for the year (callers that know the commune pass its province).</summary>
    public Task<(LoadedSet? Set, Outcome Outcome)> SetForAsync(string? code, int year, CancellationToken ct) =>
        SetForAsync(code, year, null, ct);

    /// <summary>
    /// The set named, or the default for a commune-year of <paramref name="provinceCode"/> (the province as it was that year):
    /// the province's published set valid that year, else the national one (<see cref="SetCatalog.DefaultForAsync"/>); a
    /// refusal names what is wrong.
    /// </summary>
    public async Task<(LoadedSet? Set, Outcome Outcome)> SetForAsync(string? code, int year, string? provinceCode, CancellationToken ct)
    {
        if (year is < 2000 or > 2100)
            return (null, Outcome.Invalid("Năm không hợp lệ.", [new Problem("year", $"Năm {year} phải nằm trong khoảng 2000–2100.")]));
        if (!InputText.IsBlank(code))
        {
            var named = await catalog.GetAsync(db, code, ct);
            if (named is null)
                return (null, Outcome.NotFound($"Không có bộ tiêu chí mã \"{code}\"."));
            if (!named.Covers(year))
                return (
                    null,
                    Outcome.Invalid(
                        "Năm ngoài thời gian hiệu lực của bộ tiêu chí.",
                        [
                            new Problem(
                                "year",
                                $"Bộ tiêu chí {named.Code} áp dụng cho {named.ValidFrom}–{named.ValidTo}, không áp dụng cho năm {year}."
                            ),
                        ]
                    )
                );
            return (named, Outcome.Done);
        }
        var provinceNow =
            provinceCode is null || year is < 2000 or > 2100
                ? null
                : await lineage.ProvinceNowAsync(provinceCode, Reform.IsYearBefore(year) ? Reform.LastDayBefore : null);
        var set = await catalog.DefaultForAsync(db, year, provinceNow, Demo, ct);
        return set is null
            ? (null, Outcome.NotFound($"Không có bộ tiêu chí nào đã ban hành áp dụng cho năm {year}."))
            : (set, Outcome.Done);
    }

    /// <summary>The commune a code names on 31 December of the year (DESIGN §5).</summary>
    public Task<AdministrativeUnit?> CommuneAsync(string code, int year, CancellationToken ct) =>
        UnitService
            .InForce(db.Units.AsNoTracking(), YearEnd(year))
            .FirstOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Commune, ct);

    public async Task<(ScorecardDto? Card, Outcome Outcome)> GetAsync(
        string communeCode,
        int year,
        string? setCode,
        string? level,
        CancellationToken ct
    )
    {
        if (year is < 2000 or > 2100)
            return (null, (await SetForAsync(setCode, year, ct)).Outcome);
        var commune = await CommuneAsync(communeCode, year, ct);
        if (commune is null)
            return (null, Outcome.NotFound($"Không có xã mã \"{communeCode}\" có hiệu lực ngày 31/12/{year}."));
        var (set, outcome) = await SetForAsync(setCode, year, commune.ProvinceCode, ct);
        if (set is null)
            return (null, outcome);
        if (!await access.CanReadCommuneAsync(commune, ct))
            return (null, Outcome.Forbidden($"Tài khoản không có quyền xem số liệu của {commune.FullName}."));
        if (!commune.Kind.IsRural())
            return (null, NotRural(commune));
        level ??= set.LowestLevel;
        if (set.Levels.All(l => l.Code != level))
            return (
                null,
                Outcome.Invalid(
                    "Mức đạt chuẩn không hợp lệ.",
                    [
                        new Problem(
                            "level",
                            $"Bộ tiêu chí {set.Code} không có mức \"{level}\"; các mức: {string.Join(", ", set.Levels.Select(l => l.Code))}."
                        ),
                    ]
                )
            );
        return (await CardAsync(set, commune, year, level, ct), Outcome.Done);
    }

    /// <summary>The engine's scorecard of a commune-year at a level, from the values as stored now (the recognition dossier freezes it).</summary>
    public async Task<Scorecard> EvaluateCommuneAsync(
        LoadedSet set,
        AdministrativeUnit commune,
        int year,
        string level,
        CancellationToken ct
    ) => (await EvaluateStoredAsync(set, commune, year, level, ct)).Card;

    private async Task<ScorecardDto> CardAsync(LoadedSet set, AdministrativeUnit commune, int year, string level, CancellationToken ct)
    {
        var (card, values, poverty) = await EvaluateStoredAsync(set, commune, year, level, ct);
        return ToDto(card, set, commune, poverty) with { Version = VersionOf(values) };
    }

    /// <summary>
    /// The two reads behind every single-commune scorecard — the commune-year's stored values in the set and the
    /// commune's group in it — and the engine's verdict on them; the values are returned for the card's version. A set with
    /// sourced indicators reads the commune-year's approved poverty result too (returned for where the value came from).
    /// </summary>
    private async Task<(Scorecard Card, List<StoredValue> Values, ApprovedPoverty? Poverty)> EvaluateStoredAsync(
        LoadedSet set,
        AdministrativeUnit commune,
        int year,
        string level,
        CancellationToken ct
    )
    {
        var values = await db
            .IndicatorValues.AsNoTracking()
            .Where(v => v.UnitId == commune.Id && v.Year == year && v.Indicator.CriteriaSetId == set.Id)
            .Select(v => new StoredValue(v.IndicatorId, v.Value, v.UpdatedAt, v.UpdatedBy))
            .ToListAsync(ct);
        var groupId = await db
            .GroupAssignments.AsNoTracking()
            .Where(a => a.CriteriaSetId == set.Id && a.UnitId == commune.Id)
            .Select(a => (int?)a.GroupId)
            .FirstOrDefaultAsync(ct);
        var byCode = values.ToDictionary(v => set.IndicatorsById[v.IndicatorId].Code, v => (decimal?)v.Value);
        ApprovedPoverty? poverty = null;
        if (set.Sourced.Count > 0)
        {
            poverty = (await PovertySource.ApprovedAsync(db, year, null, [commune.Id], ct)).GetValueOrDefault(commune.Id);
            PovertySource.AddTo(byCode, set, poverty);
        }
        var card = Evaluator.Evaluate(set.Evaluation, groupId is int g ? set.GroupCodes[g] : null, year, level, byCode);
        return (card, values, poverty);
    }

    private sealed record StoredValue(int IndicatorId, decimal Value, DateTime UpdatedAt, string? UpdatedBy);

    /// <summary>
    /// A commune-year's values as one version: a hash of every (indicator, value, time) and the
    /// latest change time, so a stale editor is refused and told what changed after they loaded.
    /// </summary>
    private static string VersionOf(IEnumerable<StoredValue> values)
    {
        var rows = values.OrderBy(v => v.IndicatorId).ToList();
        var text = string.Join(
            ";",
            rows.Select(v => $"{v.IndicatorId}={v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}@{v.UpdatedAt.Ticks}")
        );
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
        return $"{hash}-{(rows.Count == 0 ? 0 : rows.Max(v => v.UpdatedAt.Ticks))}";
    }

    /// <summary>Criteria met in every year of the set that has values for this very unit (one query).</summary>
    public async Task<IReadOnlyList<(int Year, int Met, int Total, bool Recognised)>> TrendAsync(
        LoadedSet set,
        AdministrativeUnit commune,
        CancellationToken ct
    )
    {
        var values = await db
            .IndicatorValues.AsNoTracking()
            .Where(v => v.UnitId == commune.Id && v.Indicator.CriteriaSetId == set.Id)
            .Select(v => new
            {
                v.Year,
                v.IndicatorId,
                v.Value,
            })
            .ToListAsync(ct);
        var groupId = await db
            .GroupAssignments.AsNoTracking()
            .Where(a => a.CriteriaSetId == set.Id && a.UnitId == commune.Id)
            .Select(a => (int?)a.GroupId)
            .FirstOrDefaultAsync(ct);
        var group = groupId is int g ? set.GroupCodes[g] : null;
        var poverty = set.Sourced.Count == 0 ? [] : await PovertySource.ApprovedYearsAsync(db, commune.Id, ct);
        return values
            .Select(v => v.Year)
            .Concat(poverty.Keys.Where(set.Covers))
            .Distinct()
            .Order()
            .Select(year =>
            {
                var byCode = values
                    .Where(v => v.Year == year)
                    .ToDictionary(v => set.IndicatorsById[v.IndicatorId].Code, v => (decimal?)v.Value);
                if (set.Sourced.Count > 0)
                    PovertySource.AddTo(byCode, set, poverty.GetValueOrDefault(year));
                var card = Evaluator.Evaluate(set.Evaluation, group, year, set.LowestLevel, byCode);
                return (year, card.CriteriaMet, card.CriteriaTotal, card.Reached.Contains(set.LowestLevel));
            })
            .ToList();
    }

    /// <summary>The card as the API and the page show it; a sourced indicator says where its value came from (<paramref name="poverty"/>: the approved result read).</summary>
    public static ScorecardDto ToDto(Scorecard card, LoadedSet set, AdministrativeUnit commune, ApprovedPoverty? poverty = null) =>
        new(
            new UnitRef(commune.Code, commune.FullName),
            card.Year,
            set.Code,
            card.Group,
            card.Level,
            card.CriteriaMet,
            card.CriteriaTotal,
            card.Band,
            card.Reached,
            card.Criteria.Select(c => new ScorecardCriterionDto(
                    c.Number,
                    c.Code,
                    c.Name,
                    c.Status.Code(),
                    c.Indicators.Select(i =>
                            set.Sourced.Count > 0 && set.Indicators[i.Code].Source is { } source
                                ? new ScorecardIndicatorDto(
                                    i.Code,
                                    i.Name,
                                    i.Type.Code(),
                                    i.Unit,
                                    Shown(i.Type, i.Value),
                                    Shown(i.Type, i.Threshold),
                                    i.Rule.Code(),
                                    i.Status.Code(),
                                    i.Status == EvaluationStatus.Missing ? PovertySource.Missing(i.Code, card.Year) : i.Explanation,
                                    source,
                                    i.Value is not null && poverty is not null ? PovertySource.Note(source, poverty) : null
                                )
                                : new ScorecardIndicatorDto(
                                    i.Code,
                                    i.Name,
                                    i.Type.Code(),
                                    i.Unit,
                                    Shown(i.Type, i.Value),
                                    Shown(i.Type, i.Threshold),
                                    i.Rule.Code(),
                                    i.Status.Code(),
                                    i.Explanation
                                )
                        )
                        .ToList()
                ))
                .ToList()
        );

    private static object? Shown(IndicatorType type, decimal? value) =>
        value is not { } v ? null
        : type == IndicatorType.Boolean ? ValueRules.IsAchieved(v)
        : v;

    /// <summary>Which group of a set the commune is judged in (the unit in force on 31 December of <paramref name="year"/>).</summary>
    public async Task<Outcome> SetGroupAsync(string communeCode, string setCode, string? groupCode, int? year, CancellationToken ct)
    {
        var set = await catalog.GetAsync(db, setCode, ct);
        if (set is null)
            return Outcome.NotFound($"Không có bộ tiêu chí mã \"{setCode}\".");
        var y = year ?? Math.Min(set.ValidTo, VietnamTime.Today(clock).Year);
        var commune = await CommuneAsync(communeCode, y, ct);
        if (commune is null)
            return Outcome.NotFound($"Không có xã mã \"{communeCode}\" có hiệu lực ngày 31/12/{y}.");
        if (!access.CanManageProvince(await lineage.ProvinceNowAsync(commune.ProvinceCode, commune.ValidTo)))
            return Outcome.Forbidden($"Tài khoản không có quyền xếp nhóm cho {commune.FullName}.");
        if (InputText.IsBlank(groupCode) || !set.GroupIds.TryGetValue(groupCode, out var groupId))
            return Outcome.Invalid(
                "Nhóm không hợp lệ.",
                [
                    new Problem(
                        "group",
                        set.GroupIds.Count == 0
                            ? $"Bộ tiêu chí {set.Code} không chia nhóm xã."
                            : $"Nhóm \"{groupCode}\" không có trong bộ tiêu chí {set.Code}; các nhóm: {string.Join(", ", set.GroupIds.Keys)}."
                    ),
                ]
            );
        var row = await db.GroupAssignments.FirstOrDefaultAsync(a => a.CriteriaSetId == set.Id && a.UnitId == commune.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
            db.GroupAssignments.Add(
                new CommuneGroupAssignment
                {
                    CriteriaSetId = set.Id,
                    UnitId = commune.Id,
                    GroupId = groupId,
                    UpdatedAt = now,
                    UpdatedBy = access.User.UserName,
                }
            );
        else
            (row.GroupId, row.UpdatedAt, row.UpdatedBy) = (groupId, now, access.User.UserName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.Entries.Any(x => x.State == EntityState.Added))
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict($"Nhóm của {commune.FullName} vừa được người khác thay đổi cùng lúc; tải lại rồi thử lại.");
        }
        return Outcome.Done;
    }
}

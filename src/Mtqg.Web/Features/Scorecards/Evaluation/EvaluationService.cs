using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Domain.Evaluation;
using Mtqg.Domain.Units;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Scorecards.Values;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Scorecards.Evaluation;

/// <summary>Many communes evaluated at once (a province, the whole country): dashboards, reports, the yearly review, the benchmark.</summary>
public sealed class EvaluationService(AppDbContext db)
{
    /// <summary>
    /// Every rural commune of some provinces evaluated for a year, from the values as stored now: the
    /// communes with their group (one query), all their values for the year (one query), then the pure
    /// engine. The values are looked up by commune through the (UnitId, Year, IndicatorId) index, so a
    /// province reads its own few thousand rows, never the whole country's year; they are read straight
    /// from the data reader into one array per commune (no entity or row object each). <paramref name="only"/>: just these
    /// communes (a summary re-evaluating the communes whose inputs changed, decision 0030).
    /// </summary>
    public async Task<List<(AdministrativeUnitRow Commune, Scorecard Card, int Values)>> EvaluateAsync(
        LoadedSet set,
        int year,
        string? provinceCode,
        CancellationToken ct,
        string? level = null,
        IReadOnlyCollection<int>? only = null
    )
    {
        var communes = UnitService
            .InForce(db.Units.AsNoTracking(), ScorecardService.YearEnd(year))
            .Where(u => u.Level == UnitLevel.Commune && (u.Kind == UnitKind.Xa || u.Kind == UnitKind.DacKhu));
        if (provinceCode is not null)
            communes = communes.Where(u => u.ProvinceCode == provinceCode);
        if (only is not null)
            communes = communes.Where(u => EF.Parameter(only).Contains(u.Id));
        var rows = await (
            from u in communes
            join a in db.GroupAssignments.Where(a => a.CriteriaSetId == set.Id) on u.Id equals a.UnitId into assigned
            from a in assigned.DefaultIfEmpty()
            orderby u.Code
            select new { Commune = new AdministrativeUnitRow(u.Id, u.Code, u.FullName, u.ProvinceCode), GroupId = (int?)a.GroupId }
        ).ToListAsync(ct);

        var slots = ValueSlots.Of(set);
        var position = new Dictionary<int, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
            position[rows[i].Commune.Id] = i;
        var values = new CommuneValues?[rows.Count];
        var lowest = level ?? set.LowestLevel;
        var results = new (AdministrativeUnitRow Commune, Scorecard Card, int Values)[rows.Count];
        // Sourced indicators (the poverty rate) take the approved results of the year: one more query, only for sets that have them.
        var approved = slots.Sourced.Length == 0 ? null : await PovertySource.ApprovedAsync(db, year, provinceCode, null, ct);
        void Evaluate(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (approved is not null && approved.TryGetValue(rows[i].Commune.Id, out var poverty))
                    foreach (var (slot, source) in slots.Sourced)
                        if (PovertySource.ValueOf(source, poverty) is { } rate)
                            (values[i] ??= new CommuneValues(slots)).Set(slot, rate);
                var communeValues = values[i] ?? slots.Empty;
                var group = rows[i].GroupId is int g ? set.GroupCodes[g] : null;
                results[i] = (rows[i].Commune, Evaluator.Evaluate(set.Evaluation, group, year, lowest, communeValues), communeValues.Count);
            }
        }

        // Each slice of communes is judged as soon as its values are read (the engine is pure).
        await ValueReader.ReadAsync(
            db,
            [.. rows.Select(r => r.Commune.Id)],
            year,
            (unit, indicator, value) =>
            {
                // Values of other sets for the same commune-year (and stored rows of sourced indicators) are skipped here, not joined away in SQL.
                if (!slots.ById.TryGetValue(indicator, out var slot))
                    return;
                var at = position[unit];
                (values[at] ??= new CommuneValues(slots)).Set(slot, value);
            },
            Evaluate,
            ct
        );
        return [.. results];
    }
}

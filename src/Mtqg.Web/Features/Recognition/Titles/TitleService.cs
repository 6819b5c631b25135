using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Data.Recognition;
using Mtqg.Data.Units;
using Mtqg.Domain.Common;
using Mtqg.Domain.Units;
using Mtqg.Web.Features.Access;
using Mtqg.Web.Features.Units;

namespace Mtqg.Web.Features.Recognition.Titles;

/// <summary>
/// The titles units hold (decision 0021): recognised on a dossier, granted before the system (baseline), or acknowledged for
/// a commune formed by the 2025 reform. A title belongs to the unit — the code <em>and</em> its period — so a commune of
/// today that reuses an old code does not hold the old commune's titles.
/// </summary>
public sealed partial class TitleService(AppDbContext db, AccessPolicy access, ProvinceLineage lineage, TimeProvider clock)
{
    private DateOnly Today => VietnamTime.Today(clock);

    /// <summary>The commune a code names on a date.</summary>
    private Task<AdministrativeUnit?> CommuneAtAsync(string code, DateOnly asOf, CancellationToken ct) =>
        UnitService.InForce(db.Units.AsNoTracking(), asOf).FirstOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Commune, ct);

    /// <summary>The titles of the commune <paramref name="code"/> names on <paramref name="asOf"/> (default today), and its predecessors'.</summary>
    public async Task<(CommuneTitles? Titles, Outcome Outcome)> TitlesAsync(string code, DateOnly? asOf, CancellationToken ct)
    {
        var day = asOf ?? Today;
        var unit = await CommuneAtAsync(code, day, ct);
        if (unit is null)
            return (null, Outcome.NotFound($"Không có xã mã \"{code}\" có hiệu lực ngày {VietnamTime.Format(day)}."));
        var predecessors = await db
            .UnitSuccessions.AsNoTracking()
            .Where(s => s.SuccessorId == unit.Id && s.Predecessor.Level == UnitLevel.Commune)
            .Select(s => new { s.Type, Unit = s.Predecessor })
            .ToListAsync(ct);
        var ids = predecessors.Select(p => p.Unit.Id).Append(unit.Id).ToList();
        var titles = await TitleRowsAsync(db.CommuneTitles.Where(t => ids.Contains(t.UnitId)), ct);
        return (
            new CommuneTitles(
                new TitleUnit(unit.Code, unit.FullName, unit.ValidFrom, unit.ValidTo),
                [.. titles.Where(t => t.UnitId == unit.Id).Select(t => t.Title)],
                [
                    .. predecessors
                        .OrderBy(p => p.Unit.Code)
                        .Select(p => new PredecessorTitles(
                            p.Unit.Code,
                            p.Unit.FullName,
                            p.Unit.ValidTo,
                            p.Type.Label(),
                            [.. titles.Where(t => t.UnitId == p.Unit.Id).Select(t => t.Title)]
                        )),
                ]
            ),
            Outcome.Done
        );
    }

    private static async Task<List<(int UnitId, HeldTitle Title)>> TitleRowsAsync(IQueryable<CommuneTitle> query, CancellationToken ct)
    {
        var rows = await query
            .AsNoTracking()
            .OrderByDescending(t => t.Since)
            .ThenByDescending(t => t.Id)
            .Select(t => new
            {
                t.UnitId,
                t.Id,
                t.LevelCode,
                t.SetCode,
                t.Year,
                t.Origin,
                t.Decision.Number,
                t.Decision.Date,
                t.DecisionId,
                t.Decision.Batch,
                t.Since,
                t.RevokedOn,
                RevokedBy = t.RevokedByDecision == null ? null : t.RevokedByDecision.Number,
                t.RevocationReason,
                t.BasedOnTitleIds,
                t.Note,
            })
            .ToListAsync(ct);
        return
        [
            .. rows.Select(t =>
                (
                    t.UnitId,
                    new HeldTitle(
                        t.Id,
                        t.LevelCode,
                        t.SetCode.Length == 0 ? null : t.SetCode,
                        t.Year,
                        OriginCode(t.Origin),
                        OriginLabel(t.Origin),
                        t.Number,
                        t.Date,
                        t.DecisionId,
                        t.Batch,
                        t.Since,
                        t.RevokedOn,
                        t.RevokedBy,
                        t.RevocationReason,
                        BasedOn(t.BasedOnTitleIds),
                        t.Note
                    )
                )
            ),
        ];
    }

    public static string OriginCode(TitleOrigin origin) =>
        origin switch
        {
            TitleOrigin.Baseline => "baseline",
            TitleOrigin.Acknowledgement => "acknowledgement",
            _ => "decision",
        };

    public static string OriginLabel(TitleOrigin origin) =>
        origin switch
        {
            TitleOrigin.Baseline => "Công nhận trước khi có hệ thống",
            TitleOrigin.Acknowledgement => "Ghi nhận cho xã sau sắp xếp",
            _ => "Công nhận theo hồ sơ trên hệ thống",
        };

    private static IReadOnlyList<int> BasedOn(string? ids) => string.IsNullOrEmpty(ids) ? [] : [.. ids.Split(',').Select(int.Parse)];

    /// <summary>Whether the unit holds (not revoked on <paramref name="asOf"/>) one of the levels.</summary>
    public Task<bool> HoldsAsync(int unitId, IReadOnlyCollection<string> levels, DateOnly asOf, CancellationToken ct) =>
        db.CommuneTitles.AnyAsync(
            t => t.UnitId == unitId && levels.Contains(t.LevelCode) && t.Since <= asOf && (t.RevokedOn == null || t.RevokedOn > asOf),
            ct
        );

    /// <summary>Communes recognised by decision in a province, per level, year and batch (titles since revoked included: they were recognised).</summary>
    public async Task<IReadOnlyList<RecognitionCount>> RecognisedCountsAsync(string province, CancellationToken ct)
    {
        var rows = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => t.ProvinceCode == province && t.Origin != TitleOrigin.Acknowledgement)
            .Select(t => new
            {
                t.LevelCode,
                t.Year,
                t.Decision.Batch,
            })
            .ToListAsync(ct);
        return
        [
            .. rows.GroupBy(r => (r.LevelCode, r.Year, r.Batch))
                .Select(g => new RecognitionCount(g.Key.LevelCode, g.Key.Year, g.Key.Batch, g.Count()))
                .OrderByDescending(c => c.Year)
                .ThenBy(c => c.Level)
                .ThenBy(c => c.Batch),
        ];
    }
}

using Microsoft.EntityFrameworkCore;
using Mtqg.Data;
using Mtqg.Web.Features.Scorecards;

namespace Mtqg.Web.Features.Recognition.Titles;

/// <summary>The titles communes hold (recognised by decision, perhaps since revoked).</summary>
public sealed class TitleService(AppDbContext db)
{
    public async Task<IReadOnlyList<TitleDto>> TitlesAsync(string commune, CancellationToken ct) =>
        await db
            .CommuneTitles.AsNoTracking()
            .Where(t => t.CommuneCode == commune)
            .OrderByDescending(t => t.Since)
            .ThenByDescending(t => t.Id)
            .Select(t => new TitleDto(
                t.Id,
                new UnitRef(t.CommuneCode, t.CommuneName),
                t.SetCode,
                t.LevelCode,
                t.Year,
                t.Since,
                t.Decision.Number,
                t.DecisionId,
                t.Decision.Batch,
                t.RevokedOn,
                t.RevokedByDecision == null ? null : t.RevokedByDecision.Number,
                t.RevocationReason
            ))
            .ToListAsync(ct);

    /// <summary>Communes recognised by decision in a province, per level, year and batch (titles since revoked included: they were recognised).</summary>
    public async Task<IReadOnlyList<RecognitionCount>> RecognisedCountsAsync(string province, CancellationToken ct)
    {
        var rows = await db
            .CommuneTitles.AsNoTracking()
            .Where(t => t.ProvinceCode == province)
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

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data.Units;
using Mtqg.Domain.Criteria;
using Mtqg.Web.Data;
using Mtqg.Web.Features.Audit;

namespace Mtqg.Web.Features.Scorecards.Excel;

/// <summary>What an upload changes against the stored values: computed for a preview, and again inside the write's transaction.</summary>
public sealed partial class ScorecardExcelService
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>One present cell compared with the stored value: changed (new or different), cleared, or unchanged.</summary>
    private sealed record CellDiff(AdministrativeUnit Commune, ParsedCell Cell, long? StoredId, decimal? Old)
    {
        public bool Changed => Cell.Value is not null && Old != Cell.Value;
        public bool Cleared => Cell.Value is null && Old is not null;
    }

    /// <summary>
    /// Compares the present cells with the stored values (read once, by commune, through the (UnitId, Year, IndicatorId)
    /// index). With <paramref name="write"/>, in one transaction and from the values read inside it: the stored values of
    /// the changed and cleared cells are deleted by id in one statement, the changed ones inserted in bulk, and the audit
    /// trail written (bulk statements bypass change tracking): one row per commune-year listing its changed cells. An
    /// unchanged cell is not touched (its time and author stay). So a write reports what it actually changed, even when
    /// the stored values moved since a preview of the same file.
    /// </summary>
    private async Task<List<CellDiff>> ChangesAsync(
        int year,
        List<(ParsedRow Row, AdministrativeUnit Commune)> rows,
        bool write,
        string setCode,
        CancellationToken ct
    )
    {
        var unitIds = rows.Select(r => r.Commune.Id).Distinct().ToList();
        // Two workbooks of one province-year written at once: the second reads the stored values after the first has
        // committed (on SQLite every write transaction is alone; on PostgreSQL an advisory lock on the province-year), or it
        // would delete rows the first replaced and insert beside the first's (a unique violation, a 500).
        var province = rows.Count == 0 ? "" : rows[0].Commune.ProvinceCode;
        await using var transaction = write ? await ExclusiveWrite.BeginAsync(db, $"values-workbook:{province}:{year}", ct) : null;
        var stored = (
            await db
                .IndicatorValues.AsNoTracking()
                .Where(v => EF.Parameter(unitIds).Contains(v.UnitId) && v.Year == year)
                .Select(v => new
                {
                    v.Id,
                    v.UnitId,
                    v.IndicatorId,
                    v.Value,
                })
                .ToListAsync(ct)
        ).ToDictionary(v => (v.UnitId, v.IndicatorId), v => (v.Id, v.Value));
        var diffs = new List<CellDiff>();
        foreach (var (row, commune) in rows)
        foreach (var cell in row.Cells)
            diffs.Add(
                stored.TryGetValue((commune.Id, cell.Indicator.Id), out var s)
                    ? new CellDiff(commune, cell, s.Id, s.Value)
                    : new CellDiff(commune, cell, null, null)
            );
        if (transaction is null)
            return diffs;

        var now = clock.GetUtcNow().UtcDateTime;
        // The bulk write bypasses change tracking: the communes it changes move their stamps here (decision 0030), first,
        // as a tracked save does (ChangeStampInterceptor): stamps, then values, in every writer. Locked the other way
        // round, an upload and a value saved at the same time deadlocked on PostgreSQL (40P01, a 500 for one of them).
        await EvaluationStamps.TouchAsync(db, diffs.Where(d => d.Changed || d.Cleared).Select(d => d.Commune.Id), units: false, ct);
        var ids = diffs.Where(d => (d.Changed || d.Cleared) && d.StoredId is not null).Select(d => d.StoredId!.Value).ToList();
        if (ids.Count > 0)
            await db.IndicatorValues.Where(v => EF.Parameter(ids).Contains(v.Id)).ExecuteDeleteAsync(ct);
        await BulkValueWriter.InsertAsync(
            db,
            diffs.Where(d => d.Changed).Select(d => new ValueRow(d.Commune.Id, year, d.Cell.Indicator.Id, d.Cell.Value!.Value)),
            now,
            user.UserName,
            ct
        );
        var (auditUser, client) = (user.UserName ?? actor.UserName ?? AuditActor.System, actor.Client);
        await AuditWriter.InsertAsync(
            db,
            diffs
                .Where(d => d.Changed || d.Cleared)
                .GroupBy(d => d.Commune)
                .SelectMany(g =>
                    AuditWriter.ValueChanges(
                        now,
                        auditUser,
                        client,
                        g.Key.Id,
                        g.Key.Code,
                        year,
                        setCode,
                        g.Select(d => (d.Cell.Indicator.Code, d.Cell.Indicator.Type, d.Old, New: d.Cell.Value))
                    )
                )
                .ToList(),
            ct
        );
        await transaction.CommitAsync(ct);
        return diffs;
    }

    private static UploadReport Report(
        string province,
        int year,
        string set,
        int rowsRead,
        List<(ParsedRow Row, AdministrativeUnit Commune)> rows,
        List<CellDiff> diffs,
        bool written,
        TimeSpan elapsed
    )
    {
        var byCommune = diffs
            .GroupBy(d => d.Commune)
            .Select(g => new CommuneChanges(
                g.Key.Code,
                g.Key.FullName,
                g.Count(d => d.Changed),
                g.Count(d => d.Cleared),
                g.Count(d => !d.Changed && !d.Cleared)
            ))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        var changed = diffs.Where(d => d.Changed || d.Cleared).ToList();
        return new UploadReport(
            province,
            year,
            set,
            rowsRead,
            rows.Count(r => r.Row.Cells.Count > 0),
            byCommune.Sum(c => c.Changed),
            byCommune.Sum(c => c.Cleared),
            byCommune.Sum(c => c.Unchanged),
            written,
            Math.Round(elapsed.TotalSeconds, 2),
            byCommune,
            changed
                .Take(MaxChangesListed)
                .Select(d => new CellChange(
                    d.Commune.Code,
                    d.Commune.FullName,
                    d.Cell.Indicator.Code,
                    d.Cell.Cell,
                    d.Old,
                    d.Cell.Value,
                    Shown(d.Cell.Indicator.Type, d.Old),
                    Shown(d.Cell.Indicator.Type, d.Cell.Value)
                ))
                .ToList(),
            changed.Count
        );
    }

    /// <summary>A value as the page shows it: Đạt / Chưa đạt, 85,5, or "(trống)".</summary>
    private static string Shown(IndicatorType type, decimal? value) =>
        value switch
        {
            null => "(trống)",
            { } v when type == IndicatorType.Boolean => ValueRules.IsAchieved(v) ? ValuesWorkbook.Met : ValuesWorkbook.NotMet,
            { } v => v.ToString("#,##0.####", Vi),
        };
}

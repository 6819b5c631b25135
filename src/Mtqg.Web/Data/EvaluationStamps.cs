using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;

namespace Mtqg.Web.Data;

/// <summary>
/// Moves the <see cref="Mtqg.Data.Scorecards.EvaluationStamp"/> of communes whose evaluation inputs changed, inside the
/// caller's transaction (decision 0030): one upsert per 500 units, a new random number each time. Tracked saves are
/// covered by <see cref="ChangeStampInterceptor"/>; writes that bypass change tracking (the values workbook's bulk
/// write, the demo data) call <see cref="TouchAsync"/> themselves.
/// </summary>
public static class EvaluationStamps
{
    /// <summary>The row that moves when the units themselves change (a unit added, renamed, ended).</summary>
    public const int UnitsRow = 0;

    public static async Task TouchAsync(AppDbContext db, IEnumerable<int> unitIds, bool units, CancellationToken ct)
    {
        foreach (var sql in Statements(unitIds, units))
            await db.Database.ExecuteSqlRawAsync(sql, ct);
    }

    public static void Touch(AppDbContext db, IEnumerable<int> unitIds, bool units)
    {
        foreach (var sql in Statements(unitIds, units))
            db.Database.ExecuteSqlRaw(sql);
    }

    /// <summary>Reads a province's numbers (and the units row) in one range read: unit id → number.</summary>
    public static async Task<Dictionary<int, long>> ReadAsync(AppDbContext db, string provinceCode, CancellationToken ct) =>
        await db
            .EvaluationStamps.AsNoTracking()
            .Where(s => s.ProvinceCode == provinceCode || s.UnitId == UnitsRow)
            .ToDictionaryAsync(s => s.UnitId, s => s.Stamp, ct);

    private static IEnumerable<string> Statements(IEnumerable<int> unitIds, bool units)
    {
        // The ids are integers and the number is generated here: nothing of a request goes into the text.
        const string upsert = " ON CONFLICT (\"UnitId\") DO UPDATE SET \"Stamp\" = excluded.\"Stamp\"";
        var stamp = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        if (units)
            yield return $"INSERT INTO \"EvaluationStamps\" (\"UnitId\", \"ProvinceCode\", \"Stamp\") VALUES ({UnitsRow}, '', {stamp}){upsert}";
        foreach (var chunk in unitIds.Distinct().Order().Chunk(500))
            yield return "INSERT INTO \"EvaluationStamps\" (\"UnitId\", \"ProvinceCode\", \"Stamp\") SELECT \"Id\", \"ProvinceCode\", "
                + stamp
                + " FROM \"AdministrativeUnits\" WHERE \"Id\" IN ("
                + string.Join(",", chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)))
                + ")"
                + upsert;
    }
}

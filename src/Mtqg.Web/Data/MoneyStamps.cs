using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mtqg.Data;

namespace Mtqg.Web.Data;

/// <summary>
/// Moves the <see cref="Mtqg.Data.Money.MoneyStamp"/> of provinces whose money changed, inside the caller's transaction
/// (decision 0032): named provinces (a project's own, before and after) and the provinces of projects given by id (an
/// allocation or a month of a project not loaded). Tracked saves are covered by <see cref="ChangeStampInterceptor"/>.
/// </summary>
public static class MoneyStamps
{
    private const string Upsert = " ON CONFLICT (\"ProvinceCode\") DO UPDATE SET \"Stamp\" = excluded.\"Stamp\"";

    public static async Task TouchAsync(
        AppDbContext db,
        IReadOnlyCollection<string> provinces,
        IReadOnlyCollection<int> projectIds,
        CancellationToken ct
    )
    {
        var stamp = Random.Shared.NextInt64(1, long.MaxValue);
        foreach (var province in provinces.Distinct(StringComparer.Ordinal))
            await db.Database.ExecuteSqlRawAsync(ProvinceStatement, [province, stamp], ct);
        foreach (var sql in ProjectStatements(projectIds, stamp))
            await db.Database.ExecuteSqlRawAsync(sql, ct);
    }

    public static void Touch(AppDbContext db, IReadOnlyCollection<string> provinces, IReadOnlyCollection<int> projectIds)
    {
        var stamp = Random.Shared.NextInt64(1, long.MaxValue);
        foreach (var province in provinces.Distinct(StringComparer.Ordinal))
            db.Database.ExecuteSqlRaw(ProvinceStatement, [province, stamp]);
        foreach (var sql in ProjectStatements(projectIds, stamp))
            db.Database.ExecuteSqlRaw(sql);
    }

    /// <summary>Every province's number: province code → number (a province never written has no row).</summary>
    public static async Task<Dictionary<string, long>> ReadAsync(AppDbContext db, CancellationToken ct) =>
        await db.MoneyStamps.AsNoTracking().ToDictionaryAsync(s => s.ProvinceCode, s => s.Stamp, StringComparer.Ordinal, ct);

    // The province code goes in as a parameter; the ids are integers and the number is generated here.
    private const string ProvinceStatement = "INSERT INTO \"MoneyStamps\" (\"ProvinceCode\", \"Stamp\") VALUES ({0}, {1})" + Upsert;

    private static IEnumerable<string> ProjectStatements(IReadOnlyCollection<int> projectIds, long stamp) =>
        projectIds
            .Distinct()
            .Order()
            .Chunk(500)
            .Select(chunk =>
                "INSERT INTO \"MoneyStamps\" (\"ProvinceCode\", \"Stamp\") SELECT DISTINCT \"ProvinceCode\", "
                + stamp.ToString(CultureInfo.InvariantCulture)
                + " FROM \"Projects\" WHERE \"Id\" IN ("
                + string.Join(",", chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)))
                + ")"
                + Upsert
            );
}

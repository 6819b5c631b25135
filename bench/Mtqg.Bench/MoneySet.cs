using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Mtqg.Domain.Money;
using Npgsql;
using NpgsqlTypes;

namespace Mtqg.Bench;

/// <summary>A generated project: its allocation for the year by source and its cumulative disbursement at the end of each month.</summary>
public sealed record MoneyProject(
    int Id,
    string ProvinceCode,
    string Name,
    string Kind,
    string ProgrammeCode,
    string? InvestorDepartmentCode,
    string? InvestorCommuneCode,
    string CommuneCodes,
    int StartYear,
    int EndYear,
    long[] Allocated,
    long[][] Cumulative
);

/// <summary>
/// The benchmark's national money data set (issue 14, DESIGN §7 and §11): 40,000 projects spread over the provinces in
/// proportion to their rural communes, each with an allocation for the year from three sources and twelve months of
/// cumulative disbursement per source. Generated from the seed, province by province, so that a province has the same
/// projects at the small scale as at the national one. Not official figures: made-up amounts of a plausible size.
/// </summary>
public static class MoneySet
{
    public const int NationalProjects = 40_000;
    public const int Year = 2025;
    public static readonly string[] Sources = [CapitalSource.CentralInvestment, CapitalSource.Local, CapitalSource.Community];
    private static readonly string[] Departments = ["SXD", "SNNMT", "SYT", "SGDDT", "SCT"];
    private static readonly string[] Works =
    [
        "Đường giao thông thôn",
        "Nhà văn hóa thôn",
        "Trường mầm non điểm",
        "Kênh mương nội đồng",
        "Nước sinh hoạt tập trung",
        "Hỗ trợ chăn nuôi bò sinh sản",
        "Chuỗi giá trị dược liệu",
        "Trạm y tế xã",
    ];

    /// <summary>How many of the national projects each province gets: in proportion to its rural communes (largest remainders), 40,000 in all.</summary>
    public static Dictionary<string, int> Shares(IReadOnlyDictionary<string, int> communesByProvince)
    {
        var total = communesByProvince.Values.Sum();
        var exact = communesByProvince.ToDictionary(p => p.Key, p => (double)NationalProjects * p.Value / total);
        var shares = exact.ToDictionary(p => p.Key, p => (int)Math.Floor(p.Value));
        foreach (var code in exact.OrderByDescending(p => p.Value - Math.Floor(p.Value)).ThenBy(p => p.Key).Select(p => p.Key))
        {
            if (shares.Values.Sum() >= NationalProjects)
                break;
            shares[code]++;
        }
        return shares;
    }

    /// <summary>The projects of one province, numbered from <paramref name="firstId"/>.</summary>
    public static List<MoneyProject> Province(
        int seed,
        string province,
        int count,
        IReadOnlyList<string> communes,
        IReadOnlyList<string> programmes,
        int firstId
    )
    {
        var random = new Random(HashCode(seed, province));
        var projects = new List<MoneyProject>(count);
        for (var n = 0; n < count; n++)
        {
            var commune = communes[random.Next(communes.Count)];
            var byCommune = random.NextDouble() < 0.6;
            var served = new SortedSet<string>(StringComparer.Ordinal) { commune };
            for (var extra = random.Next(3); extra > 0; extra--)
                served.Add(communes[random.Next(communes.Count)]);
            var central = random.NextInt64(300, 8_000) * 1_000_000;
            long[] allocated = [central, central * random.Next(5, 25) / 100 / 1_000_000 * 1_000_000, random.NextInt64(0, 200) * 1_000_000];
            // The year's rate: most projects well on, a tail far behind, a few not started.
            var u = random.NextDouble();
            var rate = u < 0.04 ? 0 : Math.Min(1, 1.05 - u * u * 0.9);
            var curve = 1 + random.NextDouble() * 1.5; // the larger, the later in the year the money goes out
            var cumulative = new long[Sources.Length][];
            for (var s = 0; s < Sources.Length; s++)
            {
                cumulative[s] = new long[12];
                var year = allocated[s] * rate * (0.9 + random.NextDouble() * 0.1);
                for (var m = 0; m < 12; m++)
                    cumulative[s][m] = Math.Min(allocated[s], (long)(year * Math.Pow((m + 1) / 12.0, curve)) / 1_000 * 1_000);
            }
            var work = Works[random.Next(Works.Length)];
            projects.Add(
                new MoneyProject(
                    firstId + n,
                    province,
                    $"{work} {n + 1:0000} (đo hiệu năng, tỉnh {province})",
                    work.StartsWith("Hỗ trợ", StringComparison.Ordinal) || work.StartsWith("Chuỗi", StringComparison.Ordinal)
                        ? "production-support"
                        : "investment",
                    programmes[random.Next(programmes.Count)],
                    byCommune ? null : Departments[random.Next(Departments.Length)],
                    byCommune ? commune : null,
                    string.Join(',', served),
                    Year - random.Next(2),
                    Year + random.Next(3),
                    allocated,
                    cumulative
                )
            );
        }
        return projects;
    }

    private static int HashCode(int seed, string text)
    {
        var hash = (uint)seed ^ 2166136261;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619;
        return (int)(hash & 0x7fffffff);
    }

    /// <summary>
    /// Writes the projects, their allocations and their disbursements straight into the app's tables in one transaction,
    /// as the reference import writes values: binary COPY on PostgreSQL, one prepared INSERT on SQLite. Returns the rows written.
    /// </summary>
    public static async Task<(long Rows, double Seconds)> InsertAsync(BenchDatabase database, IReadOnlyList<MoneyProject> projects)
    {
        var now = DateTime.UtcNow;
        await using var connection = await database.OpenAsync();
        var watch = Stopwatch.StartNew();
        long rows = 0;
        await using var transaction = await connection.BeginTransactionAsync();
        if (connection is NpgsqlConnection npgsql)
        {
            await using (
                var copy = await npgsql.BeginBinaryImportAsync(
                    """
                    COPY "Projects" ("Id", "ProvinceCode", "Name", "Kind", "ProgrammeCode", "InvestorDepartmentCode", "InvestorCommuneCode",
                      "CommuneCodes", "StartYear", "EndYear", "ApprovedTotal", "ApprovedSources", "Criteria", "UpdatedAt", "UpdatedBy")
                    FROM STDIN (FORMAT BINARY)
                    """
                )
            )
            {
                foreach (var p in projects)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                    await copy.WriteAsync(p.ProvinceCode, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(p.Name, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(p.Kind, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(p.ProgrammeCode, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(p.InvestorDepartmentCode, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(p.InvestorCommuneCode, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(p.CommuneCodes, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(p.StartYear, NpgsqlDbType.Integer);
                    await copy.WriteAsync(p.EndYear, NpgsqlDbType.Integer);
                    await copy.WriteAsync(Approved(p), NpgsqlDbType.Bigint);
                    await copy.WriteAsync(ApprovedSources(p), NpgsqlDbType.Varchar);
                    await copy.WriteAsync("2", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("bench", NpgsqlDbType.Varchar);
                }
                rows += (long)await copy.CompleteAsync();
            }
            await using (
                var copy = await npgsql.BeginBinaryImportAsync(
                    """COPY "ProjectAllocations" ("ProjectId", "Year", "Source", "Amount") FROM STDIN (FORMAT BINARY)"""
                )
            )
            {
                foreach (var p in projects)
                    for (var s = 0; s < Sources.Length; s++)
                    {
                        await copy.StartRowAsync();
                        await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                        await copy.WriteAsync(Year, NpgsqlDbType.Integer);
                        await copy.WriteAsync(Sources[s], NpgsqlDbType.Varchar);
                        await copy.WriteAsync(p.Allocated[s], NpgsqlDbType.Bigint);
                    }
                rows += (long)await copy.CompleteAsync();
            }
            await using (
                var copy = await npgsql.BeginBinaryImportAsync(
                    """
                    COPY "ProjectDisbursements" ("ProjectId", "Year", "Month", "Source", "Cumulative", "Increment", "ByName", "At")
                    FROM STDIN (FORMAT BINARY)
                    """
                )
            )
            {
                foreach (var p in projects)
                    for (var s = 0; s < Sources.Length; s++)
                    for (var m = 0; m < 12; m++)
                    {
                        await copy.StartRowAsync();
                        await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                        await copy.WriteAsync(Year, NpgsqlDbType.Integer);
                        await copy.WriteAsync(m + 1, NpgsqlDbType.Integer);
                        await copy.WriteAsync(Sources[s], NpgsqlDbType.Varchar);
                        await copy.WriteAsync(p.Cumulative[s][m], NpgsqlDbType.Bigint);
                        await copy.WriteAsync(p.Cumulative[s][m] - (m == 0 ? 0 : p.Cumulative[s][m - 1]), NpgsqlDbType.Bigint);
                        await copy.WriteAsync("bench", NpgsqlDbType.Varchar);
                        await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    }
                rows += (long)await copy.CompleteAsync();
            }
            // Explicit ids: the identity goes on after them, so projects created later through the API get new ones.
            await using var identity = connection.CreateCommand();
            identity.CommandText = """SELECT setval(pg_get_serial_sequence('"Projects"', 'Id'), (SELECT MAX("Id") FROM "Projects"))""";
            await identity.ExecuteScalarAsync();
        }
        else
        {
            var at = now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            await using (var insert = Insert(connection, transaction, "Projects", ProjectColumns))
            {
                foreach (var p in projects)
                {
                    object?[] values =
                    [
                        p.Id,
                        p.ProvinceCode,
                        p.Name,
                        p.Kind,
                        p.ProgrammeCode,
                        p.InvestorDepartmentCode,
                        p.InvestorCommuneCode,
                        p.CommuneCodes,
                        p.StartYear,
                        p.EndYear,
                        Approved(p),
                        ApprovedSources(p),
                        "2",
                        at,
                        "bench",
                    ];
                    for (var i = 0; i < values.Length; i++)
                        insert.Parameters[i].Value = values[i] ?? DBNull.Value;
                    rows += insert.ExecuteNonQuery();
                }
            }
            await using (var insert = Insert(connection, transaction, "ProjectAllocations", ["ProjectId", "Year", "Source", "Amount"]))
                foreach (var p in projects)
                    for (var s = 0; s < Sources.Length; s++)
                    {
                        (insert.Parameters[0].Value, insert.Parameters[1].Value, insert.Parameters[2].Value, insert.Parameters[3].Value) = (
                            p.Id,
                            Year,
                            Sources[s],
                            p.Allocated[s]
                        );
                        rows += insert.ExecuteNonQuery();
                    }
            await using (
                var insert = Insert(
                    connection,
                    transaction,
                    "ProjectDisbursements",
                    ["ProjectId", "Year", "Month", "Source", "Cumulative", "Increment", "ByName", "At"]
                )
            )
            {
                (insert.Parameters[1].Value, insert.Parameters[6].Value, insert.Parameters[7].Value) = (Year, "bench", at);
                foreach (var p in projects)
                    for (var s = 0; s < Sources.Length; s++)
                    for (var m = 0; m < 12; m++)
                    {
                        insert.Parameters[0].Value = p.Id;
                        insert.Parameters[2].Value = m + 1;
                        insert.Parameters[3].Value = Sources[s];
                        insert.Parameters[4].Value = p.Cumulative[s][m];
                        insert.Parameters[5].Value = p.Cumulative[s][m] - (m == 0 ? 0 : p.Cumulative[s][m - 1]);
                        rows += insert.ExecuteNonQuery();
                    }
            }
        }
        await transaction.CommitAsync();
        return (rows, watch.Elapsed.TotalSeconds);
    }

    private static readonly string[] ProjectColumns =
    [
        "Id",
        "ProvinceCode",
        "Name",
        "Kind",
        "ProgrammeCode",
        "InvestorDepartmentCode",
        "InvestorCommuneCode",
        "CommuneCodes",
        "StartYear",
        "EndYear",
        "ApprovedTotal",
        "ApprovedSources",
        "Criteria",
        "UpdatedAt",
        "UpdatedBy",
    ];

    /// <summary>The approved total over the project's years: its allocation of the year times its years, by source.</summary>
    private static long Approved(MoneyProject p) => p.Allocated.Sum() * (p.EndYear - p.StartYear + 1);

    private static string ApprovedSources(MoneyProject p) =>
        string.Join(
            ';',
            Sources.Select((s, i) => $"{s}={(p.Allocated[i] * (p.EndYear - p.StartYear + 1)).ToString(CultureInfo.InvariantCulture)}")
        );

    private static DbCommand Insert(DbConnection connection, DbTransaction transaction, string table, string[] columns)
    {
        var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            $"""INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(
                (_, i) => $"$p{i}"
            ))})""";
        for (var i = 0; i < columns.Length; i++)
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = $"$p{i}";
            insert.Parameters.Add(parameter);
        }
        insert.Prepare();
        return insert;
    }
}

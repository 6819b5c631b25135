using System.Data.Common;
using System.Text.Json;

namespace Mtqg.Bench;

public sealed record ReferenceProject(int Id, string Name, long Allocated, long Disbursed, int? LastMonth)
{
    public decimal? Rate => Allocated == 0 ? null : Math.Round(100m * Disbursed / Allocated, 1, MidpointRounding.AwayFromZero);
}

/// <summary>A province's disbursement for a year as the reference computes it: totals, groups, months (cumulative), projects slowest first.</summary>
public sealed record ReferenceDisbursement(
    long Allocated,
    long Disbursed,
    Dictionary<string, (long Allocated, long Disbursed)> ByProgramme,
    Dictionary<string, (long Allocated, long Disbursed)> BySource,
    Dictionary<string, (long Allocated, long Disbursed)> ByInvestor,
    long[] Months,
    long[] PreviousYearMonths,
    List<ReferenceProject> Projects
);

/// <summary>
/// The disbursement summaries by hand-written SQL over ADO.NET: the province's projects, its allocations and its
/// disbursements grouped by project and source, its months this year and last, then a loop; the nation's allocation and
/// disbursement summed per project, then per province. No EF, no DTOs.
/// </summary>
public static class MoneyReference
{
    public static async Task<ReferenceDisbursement> ProvinceAsync(DbConnection connection, string province, int year)
    {
        var projects = new Dictionary<int, (string Name, string Programme, string Investor)>();
        await using (
            var command = Command(
                connection,
                """
                SELECT "Id", "Name", "ProgrammeCode", COALESCE("InvestorDepartmentCode", "InvestorCommuneCode", '') FROM "Projects"
                WHERE "ProvinceCode" = @p AND "StartYear" <= @y AND "EndYear" >= @y
                """,
                province,
                year
            )
        )
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                projects[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3));

        var allocated = new Dictionary<int, long>();
        var disbursed = new Dictionary<int, (long Amount, int Last)>();
        var byProgramme = new Dictionary<string, (long Allocated, long Disbursed)>();
        var bySource = new Dictionary<string, (long Allocated, long Disbursed)>();
        var byInvestor = new Dictionary<string, (long Allocated, long Disbursed)>();
        static void Add(Dictionary<string, (long A, long D)> lines, string key, long a, long d)
        {
            var (oldA, oldD) = lines.GetValueOrDefault(key);
            lines[key] = (oldA + a, oldD + d);
        }
        await using (
            var command = Command(
                connection,
                """
                SELECT a."ProjectId", a."Source", a."Amount", p."ProgrammeCode", COALESCE(p."InvestorDepartmentCode", p."InvestorCommuneCode", '')
                FROM "Projects" p JOIN "ProjectAllocations" a ON a."ProjectId" = p."Id" AND a."Year" = @y
                WHERE p."ProvinceCode" = @p
                """,
                province,
                year
            )
        )
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var (id, source, amount) = (reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2));
                allocated[id] = allocated.GetValueOrDefault(id) + amount;
                Add(bySource, source, amount, 0);
                Add(byProgramme, reader.GetString(3), amount, 0);
                Add(byInvestor, reader.GetString(4), amount, 0);
            }
        await using (
            var command = Command(
                connection,
                """
                SELECT d."ProjectId", d."Source", SUM(d."Increment"), MAX(d."Month"), MIN(p."ProgrammeCode"),
                  MIN(COALESCE(p."InvestorDepartmentCode", p."InvestorCommuneCode", ''))
                FROM "Projects" p JOIN "ProjectDisbursements" d ON d."ProjectId" = p."Id" AND d."Year" = @y
                WHERE p."ProvinceCode" = @p
                GROUP BY d."ProjectId", d."Source"
                """,
                province,
                year
            )
        )
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var (id, source, amount, last) = (reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3));
                var (sum, max) = disbursed.GetValueOrDefault(id);
                disbursed[id] = (sum + amount, Math.Max(max, last));
                Add(bySource, source, 0, amount);
                Add(byProgramme, reader.GetString(4), 0, amount);
                Add(byInvestor, reader.GetString(5), 0, amount);
            }

        var lines = projects
            .Select(p =>
            {
                var d = disbursed.TryGetValue(p.Key, out var x) ? x : default;
                return new ReferenceProject(
                    p.Key,
                    p.Value.Name,
                    allocated.GetValueOrDefault(p.Key),
                    d.Amount,
                    disbursed.ContainsKey(p.Key) ? d.Last : null
                );
            })
            .OrderBy(p => p.Rate is null)
            .ThenBy(p => p.Rate)
            .ThenByDescending(p => p.Allocated)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        return new ReferenceDisbursement(
            allocated.Values.Sum(),
            disbursed.Values.Sum(d => d.Amount),
            byProgramme,
            bySource,
            byInvestor,
            await MonthsAsync(connection, province, year),
            await MonthsAsync(connection, province, year - 1),
            lines
        );
    }

    /// <summary>The province's cumulative disbursement at the end of each month of a past year.</summary>
    private static async Task<long[]> MonthsAsync(DbConnection connection, string province, int year)
    {
        var months = new long[12];
        await using var command = Command(
            connection,
            """
            SELECT d."Month", SUM(d."Increment") FROM "Projects" p JOIN "ProjectDisbursements" d ON d."ProjectId" = p."Id" AND d."Year" = @y
            WHERE p."ProvinceCode" = @p GROUP BY d."Month"
            """,
            province,
            year
        );
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            months[reader.GetInt32(0) - 1] = reader.GetInt64(1);
        for (var m = 1; m < 12; m++)
            months[m] += months[m - 1];
        return months;
    }

    /// <summary>Every province's allocation and disbursement for the year.</summary>
    public static async Task<Dictionary<string, (long Allocated, long Disbursed)>> NationalAsync(DbConnection connection, int year)
    {
        var provinces = new Dictionary<string, (long Allocated, long Disbursed)>();
        foreach (
            var (table, column, allocation) in new[]
            {
                ("ProjectAllocations", "Amount", true),
                ("ProjectDisbursements", "Increment", false),
            }
        )
        {
            await using var command = Command(
                connection,
                $"""
                SELECT p."ProvinceCode", SUM(x."S") FROM
                  (SELECT "ProjectId", SUM("{column}") AS "S" FROM "{table}" WHERE "Year" = @y GROUP BY "ProjectId") x
                JOIN "Projects" p ON p."Id" = x."ProjectId"
                GROUP BY p."ProvinceCode"
                """,
                null,
                year
            );
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (code, sum) = (reader.GetString(0), reader.GetInt64(1));
                var (a, d) = provinces.GetValueOrDefault(code);
                provinces[code] = allocation ? (a + sum, d) : (a, d + sum);
            }
        }
        return provinces;
    }

    /// <summary>What differs between the app's province summary (JSON) and the reference; empty when they agree.</summary>
    public static List<string> Differences(JsonElement app, ReferenceDisbursement reference)
    {
        var differ = new List<string>();
        void Same<T>(string what, T appValue, T referenceValue)
        {
            if (!EqualityComparer<T>.Default.Equals(appValue, referenceValue))
                differ.Add($"{what}: app {appValue}, reference {referenceValue}");
        }
        Same("allocated", app.GetProperty("allocated").GetInt64(), reference.Allocated);
        Same("disbursed", app.GetProperty("disbursed").GetInt64(), reference.Disbursed);
        void Lines(string name, Dictionary<string, (long Allocated, long Disbursed)> expected)
        {
            var lines = app.GetProperty(name)
                .EnumerateArray()
                .ToDictionary(
                    l => l.GetProperty("code").GetString()!,
                    l => (l.GetProperty("allocated").GetInt64(), l.GetProperty("disbursed").GetInt64())
                );
            Same($"{name} lines", lines.Count, expected.Count);
            foreach (var (code, figures) in expected)
                Same($"{name} {code}", lines.GetValueOrDefault(code), figures);
        }
        Lines("byProgramme", reference.ByProgramme);
        Lines("bySource", reference.BySource);
        Lines("byInvestor", reference.ByInvestor);
        static long[] Months(JsonElement months) => [.. months.EnumerateArray().Select(m => m.GetProperty("disbursed").GetInt64())];
        Same("months", string.Join(',', Months(app.GetProperty("months"))), string.Join(',', reference.Months));
        var previous = Months(app.GetProperty("previousYearMonths"));
        Same(
            "previous year's months",
            string.Join(',', previous),
            string.Join(',', previous.Length == 0 ? [] : reference.PreviousYearMonths)
        );
        var projects = app.GetProperty("projects").EnumerateArray().ToList();
        Same("projects", projects.Count, reference.Projects.Count);
        for (var i = 0; i < Math.Min(projects.Count, reference.Projects.Count) && differ.Count < 10; i++)
        {
            var (a, r) = (projects[i], reference.Projects[i]);
            Same(
                $"project #{i + 1}",
                (
                    a.GetProperty("id").GetInt32(),
                    a.GetProperty("allocated").GetInt64(),
                    a.GetProperty("disbursed").GetInt64(),
                    a.GetProperty("lastMonth").ValueKind == JsonValueKind.Null ? null : (int?)a.GetProperty("lastMonth").GetInt32()
                ),
                (r.Id, r.Allocated, r.Disbursed, r.LastMonth)
            );
        }
        return differ;
    }

    /// <summary>What differs between the app's national summary (JSON) and the reference; empty when they agree.</summary>
    public static List<string> Differences(JsonElement app, Dictionary<string, (long Allocated, long Disbursed)> reference)
    {
        var differ = new List<string>();
        var lines = app.GetProperty("provinces")
            .EnumerateArray()
            .ToDictionary(
                l => l.GetProperty("code").GetString()!,
                l => (l.GetProperty("allocated").GetInt64(), l.GetProperty("disbursed").GetInt64())
            );
        if (lines.Count != reference.Count)
            differ.Add($"provinces: app {lines.Count}, reference {reference.Count}");
        foreach (var (code, figures) in reference)
            if (lines.GetValueOrDefault(code) != figures)
                differ.Add($"province {code}: app {lines.GetValueOrDefault(code)}, reference {figures}");
        var (allocated, disbursed) = (app.GetProperty("allocated").GetInt64(), app.GetProperty("disbursed").GetInt64());
        if (allocated != reference.Values.Sum(v => v.Allocated) || disbursed != reference.Values.Sum(v => v.Disbursed))
            differ.Add(
                $"totals: app {allocated}/{disbursed}, reference {reference.Values.Sum(v => v.Allocated)}/{reference.Values.Sum(v => v.Disbursed)}"
            );
        return differ;
    }

    /// <summary>
    /// One project-source of each province whose December figure can rise by a million đồng within its allocation: the
    /// months the benchmark enters through the app between two national summaries.
    /// </summary>
    public static async Task<List<(string Province, int ProjectId, string Source, long Cumulative)>> RoomPerProvinceAsync(
        DbConnection connection,
        int year
    )
    {
        var found = new Dictionary<string, (string, int, string, long)>();
        await using var command = Command(
            connection,
            """
            SELECT p."ProvinceCode", d."ProjectId", d."Source", d."Cumulative"
            FROM "ProjectDisbursements" d
            JOIN "Projects" p ON p."Id" = d."ProjectId"
            JOIN "ProjectAllocations" a ON a."ProjectId" = d."ProjectId" AND a."Year" = d."Year" AND a."Source" = d."Source"
            WHERE d."Year" = @y AND d."Month" = 12 AND a."Amount" - d."Cumulative" >= 1000000
            ORDER BY p."ProvinceCode", d."ProjectId", d."Source"
            """,
            null,
            year
        );
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            found.TryAdd(reader.GetString(0), (reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3)));
        return [.. found.Values];
    }

    private static DbCommand Command(DbConnection connection, string sql, string? province, int year)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in new (string, object?)[] { ("@p", province), ("@y", year) })
        {
            if (value is null)
                continue;
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}

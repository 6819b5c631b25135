using System.Data.Common;
using Npgsql;

namespace Mtqg.Bench;

/// <summary>Criteria met per commune, and each criterion's status, as the reference computes them.</summary>
public sealed record ReferenceEvaluation(
    int[] UnitIds,
    string[] Codes,
    string[] Names,
    int[] CriteriaMet,
    int CriteriaTotal,
    int[] CriterionNumbers,
    byte[] Statuses
);

/// <summary>A province-year summary as counts: communes, per criterion (met, applicable), and how many communes meet n criteria.</summary>
public sealed record ReferenceSummary(
    int Communes,
    Dictionary<int, (int Met, int Applicable)> Criteria,
    Dictionary<int, int> CommunesByCriteriaMet
);

/// <summary>
/// The bare-metal reference: the same questions as the app asks, written by hand in SQL over
/// ADO.NET (Microsoft.Data.Sqlite, Npgsql), with plain loops over arrays where SQL stops. No EF, no
/// engine, no DTOs: the floor the app's figures are compared with.
/// </summary>
public static partial class Reference
{
    // The statuses of DESIGN §6, in the engine's numbering.
    public const byte Met = 1,
        NotMet = 2,
        Missing = 3,
        NoThreshold = 4;

    private const string InForceRural = """
        u."Level" = 3 AND u."Kind" IN (20, 23)
        AND (u."ValidFrom" IS NULL OR u."ValidFrom" <= @d) AND (u."ValidTo" IS NULL OR u."ValidTo" >= @d)
        """;

    private const string LowestLevel = """(SELECT "Id" FROM "CriteriaLevels" WHERE "CriteriaSetId" = @s ORDER BY "Rank" LIMIT 1)""";

    /// <summary>
    /// Every rural commune of the country for a year: two SELECTs (the set's lowest-level threshold rows;
    /// the communes with their group and all their values), then a loop over arrays.
    /// </summary>
    public static async Task<ReferenceEvaluation> EvaluateAsync(DbConnection connection, int setId, int year, string? provinceCode = null)
    {
        // 1. The rules: each applicable indicator's threshold rows at the lowest level.
        var rows = new List<(int Indicator, int Criterion, int Rule, int? Group, int? Year, double? Value)>();
        var criterionNumbers = new SortedSet<int>();
        await using (
            var command = Command(
                connection,
                $"""
                SELECT i."Id", cr."Number", i."Rule", t."GroupId", t."Year", t."Value", t."Id"
                FROM "Criteria" cr JOIN "Indicators" i ON i."CriterionId" = cr."Id"
                LEFT JOIN "Thresholds" t ON t."IndicatorId" = i."Id" AND t."LevelId" = {LowestLevel}
                WHERE cr."CriteriaSetId" = @s
                """,
                setId,
                year,
                provinceCode
            )
        )
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                criterionNumbers.Add(reader.GetInt32(1));
                if (reader.IsDBNull(6))
                    continue; // no row at the lowest level: the indicator does not apply there
                rows.Add(
                    (
                        reader.GetInt32(0),
                        reader.GetInt32(1),
                        reader.GetInt32(2),
                        reader.IsDBNull(3) ? null : reader.GetInt32(3),
                        reader.IsDBNull(4) ? null : reader.GetInt32(4),
                        reader.IsDBNull(5) ? null : Number(reader, 5)
                    )
                );
            }
        var criteria = criterionNumbers.ToArray();
        var criterionIndex = criteria.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);
        var indicatorIds = rows.Select(r => r.Indicator).Distinct().Order().ToArray();
        var indicatorIndex = indicatorIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var groupIds = rows.Where(r => r.Group is not null).Select(r => r.Group!.Value).Distinct().Order().ToArray();
        int GroupIndex(int? id) => id is int g && Array.IndexOf(groupIds, g) is var i and >= 0 ? i + 1 : 0;
        var indicatorCriterion = new int[indicatorIds.Length];
        var indicatorRule = new int[indicatorIds.Length];
        // thresholds[indicator, group + 1]: the most specific row's value (group and year, group, year, neither); NaN = unknown or none.
        var thresholds = new double[indicatorIds.Length * (groupIds.Length + 1)];
        var scores = new int[thresholds.Length];
        Array.Fill(thresholds, double.NaN);
        Array.Fill(scores, -1);
        foreach (var row in rows)
        {
            var i = indicatorIndex[row.Indicator];
            (indicatorCriterion[i], indicatorRule[i]) = (criterionIndex[row.Criterion], row.Rule);
            if (row.Year is int y && y != year)
                continue;
            for (var g = 0; g <= groupIds.Length; g++)
            {
                if (row.Group is int rg && GroupIndex(rg) != g)
                    continue;
                var score = (row.Group is null ? 0 : 2) + (row.Year is null ? 0 : 1);
                var slot = i * (groupIds.Length + 1) + g;
                if (score > scores[slot])
                    (scores[slot], thresholds[slot]) = (score, row.Value ?? double.NaN);
            }
        }
        var applies = new bool[criteria.Length];
        foreach (var c in indicatorCriterion)
            applies[c] = true;
        var total = applies.Count(a => a);

        // 2. The communes in force on 31 December, their group, and all their values of the year under the set.
        var d = new DateOnly(year, 12, 31);
        var units = new List<(int Id, string Code, string Name, int Group)>();
        await using (
            var command = Command(
                connection,
                $"""
                SELECT u."Id", u."Code", u."FullName", a."GroupId" FROM "AdministrativeUnits" u
                LEFT JOIN "GroupAssignments" a ON a."UnitId" = u."Id" AND a."CriteriaSetId" = @s
                WHERE {InForceRural} {(provinceCode is null ? "" : """AND u."ProvinceCode" = @p""")}
                ORDER BY u."Code"
                """,
                setId,
                year,
                provinceCode
            )
        )
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                units.Add(
                    (
                        reader.GetInt32(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        GroupIndex(reader.IsDBNull(3) ? null : reader.GetInt32(3))
                    )
                );
        var unitIndex = new Dictionary<int, int>(units.Count);
        for (var u = 0; u < units.Count; u++)
            unitIndex[units[u].Id] = u;
        var values = new double[units.Count * indicatorIds.Length];
        Array.Fill(values, double.NaN);
        // SQLite's CROSS JOIN keeps the written order (communes outside, their values by the (UnitId, Year, …) index);
        // left to itself it scans the year's whole (Year, IndicatorId) index instead. PostgreSQL plans with statistics.
        await using (
            var command = Command(
                connection,
                $"""
                SELECT v."UnitId", v."IndicatorId", v."Value"
                FROM "AdministrativeUnits" u {(
                    connection is NpgsqlConnection ? "JOIN" : "CROSS JOIN"
                )} "IndicatorValues" v ON v."UnitId" = u."Id"
                WHERE v."Year" = @y AND {InForceRural} {(provinceCode is null ? "" : """AND u."ProvinceCode" = @p""")}
                """,
                setId,
                year,
                provinceCode
            )
        )
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                if (indicatorIndex.TryGetValue(reader.GetInt32(1), out var i) && unitIndex.TryGetValue(reader.GetInt32(0), out var u))
                    values[u * indicatorIds.Length + i] = Number(reader, 2);

        // 3. The loop: a criterion is met when every applicable indicator is (DESIGN §6).
        var met = new int[units.Count];
        var statuses = new byte[units.Count * criteria.Length];
        var worst = new byte[criteria.Length];
        for (var u = 0; u < units.Count; u++)
        {
            Array.Clear(worst);
            for (var i = 0; i < indicatorIds.Length; i++)
            {
                var threshold = thresholds[i * (groupIds.Length + 1) + units[u].Group];
                var value = values[u * indicatorIds.Length + i];
                byte status =
                    double.IsNaN(threshold) ? NoThreshold
                    : double.IsNaN(value) ? Missing
                    : indicatorRule[i] switch
                    {
                        1 => value >= threshold,
                        2 => value > threshold,
                        3 => value <= threshold,
                        4 => value < threshold,
                        5 => value == threshold,
                        _ => value == 1,
                    }
                        ? Met
                    : NotMet;
                ref var w = ref worst[indicatorCriterion[i]];
                // NotMet wins over Missing, which wins over NoThreshold, which wins over Met.
                w = w == 0 ? status : (byte)Rank(Math.Max(Severity(w), Severity(status)));
            }
            for (var c = 0; c < criteria.Length; c++)
            {
                statuses[u * criteria.Length + c] = applies[c] ? worst[c] : (byte)5;
                if (applies[c] && worst[c] == Met)
                    met[u]++;
            }
        }
        return new ReferenceEvaluation(
            [.. units.Select(u => u.Id)],
            [.. units.Select(u => u.Code)],
            [.. units.Select(u => u.Name)],
            met,
            total,
            criteria,
            statuses
        );
    }

    /// <summary>numeric on PostgreSQL, decimal text on SQLite (EF's format), read as a double.</summary>
    private static double Number(DbDataReader reader, int ordinal) =>
        reader is NpgsqlDataReader ? (double)reader.GetDecimal(ordinal) : reader.GetDouble(ordinal);

    private static int Severity(byte status) =>
        status switch
        {
            Met => 0,
            NoThreshold => 1,
            Missing => 2,
            _ => 3,
        };

    private static byte Rank(int severity) =>
        severity switch
        {
            0 => Met,
            1 => NoThreshold,
            2 => Missing,
            _ => NotMet,
        };

    /// <summary>
    /// The province summary as one GROUP BY/COUNT statement: the threshold row of each group (the most
    /// specific, by ROW_NUMBER), each commune's value judged against its group's, criteria per commune
    /// (MIN), then counts per criterion and per number of criteria met.
    /// </summary>
    public static async Task<ReferenceSummary> SummaryAsync(DbConnection connection, int setId, string provinceCode, int year)
    {
        var pg = connection is NpgsqlConnection;
        string Num(string e) => pg ? e : $"CAST({e} AS REAL)";
        await using var command = Command(
            connection,
            $"""
            WITH c AS (
              SELECT u."Id" AS "UnitId", a."GroupId" AS "GroupId" FROM "AdministrativeUnits" u
              LEFT JOIN "GroupAssignments" a ON a."UnitId" = u."Id" AND a."CriteriaSetId" = @s
              WHERE {InForceRural} AND u."ProvinceCode" = @p),
            ai AS (
              SELECT DISTINCT i."Id", i."CriterionId", i."Rule" FROM "Indicators" i JOIN "Thresholds" t ON t."IndicatorId" = i."Id"
              WHERE i."CriteriaSetId" = @s AND t."LevelId" = {LowestLevel}),
            g AS (SELECT DISTINCT COALESCE("GroupId", 0) AS "G" FROM c),
            pick AS (
              SELECT g."G", ai."Id" AS "IndicatorId", ai."CriterionId", ai."Rule", t."Value" AS "Threshold",
                ROW_NUMBER() OVER (PARTITION BY g."G", ai."Id" ORDER BY
                  (CASE WHEN t."GroupId" IS NULL THEN 0 ELSE 2 END) + (CASE WHEN t."Year" IS NULL THEN 0 ELSE 1 END) DESC) AS "Rn"
              FROM g CROSS JOIN ai
              LEFT JOIN "Thresholds" t ON t."IndicatorId" = ai."Id" AND t."LevelId" = {LowestLevel}
                AND (t."GroupId" IS NULL OR t."GroupId" = g."G") AND (t."Year" IS NULL OR t."Year" = @y)),
            judged AS (
              SELECT c."UnitId", p."CriterionId",
                CASE WHEN p."Threshold" IS NULL OR v."Value" IS NULL THEN 0
                     WHEN p."Rule" = 1 AND {Num("v.\"Value\"")} >= {Num("p.\"Threshold\"")} THEN 1
                     WHEN p."Rule" = 2 AND {Num("v.\"Value\"")} > {Num("p.\"Threshold\"")} THEN 1
                     WHEN p."Rule" = 3 AND {Num("v.\"Value\"")} <= {Num("p.\"Threshold\"")} THEN 1
                     WHEN p."Rule" = 4 AND {Num("v.\"Value\"")} < {Num("p.\"Threshold\"")} THEN 1
                     WHEN p."Rule" = 5 AND {Num("v.\"Value\"")} = {Num("p.\"Threshold\"")} THEN 1
                     WHEN p."Rule" = 6 AND {Num("v.\"Value\"")} = 1 THEN 1
                     ELSE 0 END AS "Met"
              FROM c JOIN pick p ON p."G" = COALESCE(c."GroupId", 0) AND p."Rn" = 1
              LEFT JOIN "IndicatorValues" v ON v."UnitId" = c."UnitId" AND v."Year" = @y AND v."IndicatorId" = p."IndicatorId"),
            per_criterion AS (SELECT "UnitId", "CriterionId", MIN("Met") AS "Met" FROM judged GROUP BY "UnitId", "CriterionId"),
            per_commune AS (SELECT "UnitId", SUM("Met") AS "CriteriaMet" FROM per_criterion GROUP BY "UnitId")
            SELECT 1 AS "Kind", cr."Number" AS "Key", SUM(pc."Met") AS "N", COUNT(*) AS "M"
              FROM per_criterion pc JOIN "Criteria" cr ON cr."Id" = pc."CriterionId" GROUP BY cr."Number"
            UNION ALL SELECT 2, "CriteriaMet", COUNT(*), 0 FROM per_commune GROUP BY "CriteriaMet"
            UNION ALL SELECT 3, 0, COUNT(*), 0 FROM c
            """,
            setId,
            year,
            provinceCode
        );
        var criteria = new Dictionary<int, (int, int)>();
        var byMet = new Dictionary<int, int>();
        var communes = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (kind, key, n, m) = (
                Convert.ToInt32(reader.GetValue(0)),
                Convert.ToInt32(reader.GetValue(1)),
                Convert.ToInt32(reader.GetValue(2)),
                Convert.ToInt32(reader.GetValue(3))
            );
            if (kind == 1)
                criteria[key] = (n, m);
            else if (kind == 2)
                byMet[key] = n;
            else
                communes = n;
        }
        return new ReferenceSummary(communes, criteria, byMet);
    }

    private static DbCommand Command(DbConnection connection, string sql, int setId, int year, string? provinceCode)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Parameter(command, "@s").Value = setId;
        Parameter(command, "@y").Value = year;
        Parameter(command, "@d").Value = connection is NpgsqlConnection ? new DateOnly(year, 12, 31) : $"{year:0000}-12-31";
        Parameter(command, "@p").Value = (object?)provinceCode ?? DBNull.Value;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>One commune-year's stored values (indicator id → value), as the mixed load's reference read.</summary>
    public static async Task<Dictionary<int, decimal>> ValuesAsync(DbConnection connection, int unitId, int year)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "IndicatorId", "Value" FROM "IndicatorValues" WHERE "UnitId" = @u AND "Year" = @y""";
        Parameter(command, "@u").Value = unitId;
        Parameter(command, "@y").Value = year;
        var values = new Dictionary<int, decimal>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values[reader.GetInt32(0)] = reader.GetDecimal(1);
        return values;
    }

    /// <summary>One value replaced in place, as the mixed load's reference write; the rows changed.</summary>
    public static async Task<int> SetValueAsync(DbConnection connection, int unitId, int year, int indicatorId, decimal value)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """UPDATE "IndicatorValues" SET "Value" = @v WHERE "UnitId" = @u AND "Year" = @y AND "IndicatorId" = @i""";
        Parameter(command, "@v").Value = value;
        Parameter(command, "@u").Value = unitId;
        Parameter(command, "@y").Value = year;
        Parameter(command, "@i").Value = indicatorId;
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Mtqg.Data;
using Npgsql;
using NpgsqlTypes;

namespace Mtqg.Web.Data;

public readonly record struct ValueRow(int UnitId, int Year, int IndicatorId, decimal Value);

/// <summary>
/// Writes many indicator values at once inside the caller's transaction: binary COPY on PostgreSQL,
/// one prepared statement reused on SQLite. Used by imports and the demo data, never row by row through EF.
/// </summary>
public static class BulkValueWriter
{
    public static async Task<int> InsertAsync(
        AppDbContext db,
        IEnumerable<ValueRow> rows,
        DateTime utcNow,
        string? user,
        CancellationToken ct
    )
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkValueWriter needs the caller's transaction (all-or-nothing).");
        var count = 0;
        if (connection is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync(
                "COPY \"IndicatorValues\" (\"UnitId\", \"Year\", \"IndicatorId\", \"Value\", \"UpdatedAt\", \"UpdatedBy\") FROM STDIN (FORMAT BINARY)",
                ct
            );
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(row.UnitId, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(row.Year, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(row.IndicatorId, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(row.Value, NpgsqlDbType.Numeric, ct);
                await importer.WriteAsync(utcNow, NpgsqlDbType.TimestampTz, ct);
                if (user is null)
                    await importer.WriteNullAsync(ct);
                else
                    await importer.WriteAsync(user, NpgsqlDbType.Varchar, ct);
                count++;
            }
            await importer.CompleteAsync(ct);
            return count;
        }

        // SQLite: one prepared single-row statement, rebound per value. (Multi-row VALUES lists are slower
        // here: Microsoft.Data.Sqlite binds every parameter by name, so a statement's cost grows with the
        // square of its parameters.)
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO \"IndicatorValues\" (\"UnitId\", \"Year\", \"IndicatorId\", \"Value\", \"UpdatedAt\", \"UpdatedBy\") VALUES ($u, $y, $i, $v, $t, $b)";
        var unit = Add(command, "$u");
        var year = Add(command, "$y");
        var indicator = Add(command, "$i");
        var value = Add(command, "$v");
        var at = Add(command, "$t");
        var by = Add(command, "$b");
        // EF Core's SQLite provider keeps decimals and DateTimes as invariant text in these formats.
        at.Value = utcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        by.Value = (object?)user ?? DBNull.Value;
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            (unit.Value, year.Value, indicator.Value, value.Value) = (
                row.UnitId,
                row.Year,
                row.IndicatorId,
                row.Value.ToString(CultureInfo.InvariantCulture)
            );
            await command.ExecuteNonQueryAsync(ct);
            count++;
        }
        return count;
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

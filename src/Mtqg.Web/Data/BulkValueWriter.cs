using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Mtqg.Data;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

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

        // SQLite: one statement prepared on the connection's own handle (so inside the caller's transaction), its
        // parameters bound by position: Microsoft.Data.Sqlite binds every parameter by name at every execution (the name
        // converted to UTF-8 and looked up each time), which was more than half of the insert's managed time. The time and
        // the author are bound once (SQLite keeps bindings across a reset); the value is written as UTF-8 text straight
        // from the decimal, in the invariant format EF Core's SQLite provider stores decimals in.
        var sqlite = (SqliteConnection)connection;
        var handle = sqlite.Handle!;
        using var statement = SqliteRaw.Prepare(
            sqlite,
            "INSERT INTO \"IndicatorValues\" (\"UnitId\", \"Year\", \"IndicatorId\", \"Value\", \"UpdatedAt\", \"UpdatedBy\") VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        );
        // EF Core's SQLite provider keeps DateTimes as invariant text in this format.
        SqliteRaw.Check(
            raw.sqlite3_bind_text(statement, 5, utcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            handle
        );
        SqliteRaw.Check(user is null ? raw.sqlite3_bind_null(statement, 6) : raw.sqlite3_bind_text(statement, 6, user), handle);
        Span<byte> text = stackalloc byte[64];
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            SqliteRaw.Check(raw.sqlite3_bind_int(statement, 1, row.UnitId), handle);
            SqliteRaw.Check(raw.sqlite3_bind_int(statement, 2, row.Year), handle);
            SqliteRaw.Check(raw.sqlite3_bind_int(statement, 3, row.IndicatorId), handle);
            if (!row.Value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture))
                throw new InvalidOperationException($"Giá trị {row.Value} quá dài để ghi.");
            SqliteRaw.Check(raw.sqlite3_bind_text(statement, 4, text[..written]), handle);
            var rc = raw.sqlite3_step(statement);
            // A failed step (a reference or a unique key) is reported with SQLite's own code and message, as Microsoft.Data.Sqlite would.
            if (rc != raw.SQLITE_DONE)
                SqliteException.ThrowExceptionForRC(rc, handle);
            SqliteRaw.Check(raw.sqlite3_reset(statement), handle);
            count++;
        }
        return count;
    }
}

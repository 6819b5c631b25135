using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Mtqg.Data;
using SQLitePCL;

namespace Mtqg.Web.Data;

/// <summary>
/// Reads one year's stored values of many units straight from the data reader, slice by slice: the
/// provider-specific part of evaluating a province or the whole country. A province is read on the
/// context's connection; a whole country in slices of units by one reader per core, each on its own
/// connection. After each slice the caller is told which units it covered, so it can judge them while
/// the next slice is read (the engine is pure): reading the rows is most of the work.
/// </summary>
public static class ValueReader
{
    private const int ParallelFrom = 2000;

    // unitIds: in the caller's order, a slice is a range [from, to) of positions in it. row: each stored
    // value as (unit id, indicator id, value), called concurrently for different slices. sliceRead: a range read.
    public static async Task ReadAsync(
        AppDbContext db,
        IReadOnlyList<int> unitIds,
        int year,
        Action<int, int, decimal> row,
        Action<int, int> sliceRead,
        CancellationToken ct
    )
    {
        var count = unitIds.Count;
        var slice = count >= ParallelFrom ? ParallelFrom / 2 : Math.Max(count, 1);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var readers = slice == count || transaction is not null || !CanOpenMore(db) ? 1 : Math.Clamp(Environment.ProcessorCount, 2, 4);

        // The query of each slice, written by EF for the provider (json_each on SQLite, = ANY on
        // PostgreSQL) on this thread (a context is not for concurrent use), run on a reader's connection.
        var queries = new List<(string Sql, (string Name, object? Value)[] Parameters)>();
        for (var start = 0; start < count; start += slice)
        {
            var ids = unitIds.Skip(start).Take(Math.Min(slice, count - start)).ToList();
            await using var built = db
                .IndicatorValues.Where(v => EF.Parameter(ids).Contains(v.UnitId) && v.Year == year)
                .Select(v => new
                {
                    v.UnitId,
                    v.IndicatorId,
                    v.Value,
                })
                .CreateDbCommand();
            queries.Add((built.CommandText, [.. built.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value))]));
        }

        // Reading the three columns directly avoids materialising an object per value (~0.5 million a year).
        async Task ReadAsync(DbConnection connection, int index)
        {
            if (connection is SqliteConnection sqlite && TryStep(sqlite, queries[index].Sql, queries[index].Parameters, row, ct))
                return;
            await using var command = connection.CreateCommand();
            command.CommandText = queries[index].Sql;
            command.Transaction = transaction;
            foreach (var (name, value) in queries[index].Parameters)
            {
                var parameter = command.CreateParameter();
                (parameter.ParameterName, parameter.Value) = (name, value);
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            // Microsoft.Data.Sqlite reads synchronously anyway: its ReadAsync only adds a task per row.
            var synchronous = reader is SqliteDataReader;
            while (synchronous ? reader.Read() : await reader.ReadAsync(ct))
                row(reader.GetInt32(0), reader.GetInt32(1), StoredDecimal(reader, 2));
        }

        if (readers == 1)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                for (var index = 0; index < queries.Count; index++)
                {
                    await ReadAsync(db.Database.GetDbConnection(), index);
                    sliceRead(index * slice, Math.Min((index + 1) * slice, count));
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            var next = -1;
            var connectionString = db.Database.GetConnectionString();
            await Task.WhenAll(
                Enumerable
                    .Range(0, readers)
                    .Select(_ =>
                        Task.Run(
                            async () =>
                            {
                                await using var connection =
                                    db.Database.GetDbConnection() is SqliteConnection
                                        ? new SqliteConnection(connectionString)
                                        : (DbConnection)new Npgsql.NpgsqlConnection(connectionString);
                                await connection.OpenAsync(ct);
                                for (
                                    var index = Interlocked.Increment(ref next);
                                    index < queries.Count;
                                    index = Interlocked.Increment(ref next)
                                )
                                {
                                    await ReadAsync(connection, index);
                                    sliceRead(index * slice, Math.Min((index + 1) * slice, count));
                                }
                            },
                            ct
                        )
                    )
            );
        }
    }

    /// <summary>
    /// SQLite: the slice's query stepped on the connection's own handle (SQLitePCLRaw, the library under
    /// Microsoft.Data.Sqlite; inside any transaction of the connection), its columns read by position. The data reader
    /// checks its state and the column's type at every call, which was most of the managed cost of reading half a
    /// million values. False (nothing read) when a parameter is of a type bound here only through the data reader.
    /// </summary>
    private static bool TryStep(
        SqliteConnection connection,
        string sql,
        (string Name, object? Value)[] parameters,
        Action<int, int, decimal> row,
        CancellationToken ct
    )
    {
        if (parameters.Any(p => p.Value is not (int or long or string)))
            return false;
        var handle = connection.Handle!;
        using var statement = SqliteRaw.Prepare(connection, sql);
        foreach (var (name, value) in parameters)
        {
            var at = raw.sqlite3_bind_parameter_index(statement, name);
            if (at == 0)
                throw new InvalidOperationException($"The query has no parameter {name}.");
            SqliteRaw.Check(
                value switch
                {
                    int number => raw.sqlite3_bind_int(statement, at, number),
                    long number => raw.sqlite3_bind_int64(statement, at, number),
                    _ => raw.sqlite3_bind_text(statement, at, (string)value!),
                },
                handle
            );
        }
        var rc = raw.sqlite3_step(statement);
        // Another connection's lock (WAL recovery, an exclusive writer): nothing read yet, so the data reader, which
        // retries until the command's timeout as it always did, reads the slice instead.
        if (SqliteRaw.IsBusy(rc))
            return false;
        for (var n = 0; rc == raw.SQLITE_ROW; n++, rc = raw.sqlite3_step(statement))
        {
            if ((n & 4095) == 0)
                ct.ThrowIfCancellationRequested();
            row(raw.sqlite3_column_int(statement, 0), raw.sqlite3_column_int(statement, 1), StoredDecimal(statement, 2));
        }
        if (rc != raw.SQLITE_DONE)
            SqliteException.ThrowExceptionForRC(rc, handle);
        return true;
    }

    /// <summary>The stored value of a stepped row, as <see cref="StoredDecimal(DbDataReader, int)"/> reads it.</summary>
    private static decimal StoredDecimal(sqlite3_stmt statement, int column)
    {
        var number = raw.sqlite3_column_double(statement, column);
        return Math.Abs(number) < 1e10
            ? decimal.Round((decimal)number, Mtqg.Domain.Criteria.ValueRules.MaxDecimals)
            : decimal.Parse(
                raw.sqlite3_column_text(statement, column).utf8_to_string(),
                NumberStyles.Number | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture
            );
    }

    /// <summary>Whether a second connection to the same database can be opened (not an in-memory SQLite database).</summary>
    private static bool CanOpenMore(AppDbContext db)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection)
            return true;
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        return source.Mode != SqliteOpenMode.Memory && source.DataSource is not (":memory:" or "");
    }

    /// <summary>
    /// A stored value, exactly. SQLite keeps decimals as text, and parsing half a million strings is a
    /// good share of a national evaluation: a value under 10^10 has at most 14 significant digits (4
    /// decimals at most are stored), so SQLite's own conversion to double and the 15-digit conversion
    /// back give exactly the stored decimal; larger ones are parsed from the text.
    /// </summary>
    private static decimal StoredDecimal(DbDataReader reader, int ordinal)
    {
        if (reader is not SqliteDataReader)
            return reader.GetDecimal(ordinal);
        var number = reader.GetDouble(ordinal);
        return Math.Abs(number) < 1e10
            ? decimal.Round((decimal)number, Mtqg.Domain.Criteria.ValueRules.MaxDecimals)
            : reader.GetDecimal(ordinal);
    }
}

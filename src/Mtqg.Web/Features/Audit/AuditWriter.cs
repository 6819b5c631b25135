using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Mtqg.Data;
using Mtqg.Data.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Mtqg.Web.Features.Audit;

/// <summary>
/// Audit rows for writes that bypass change tracking (bulk imports), inserted set-based inside the
/// caller's transaction: binary COPY on PostgreSQL, one prepared statement on SQLite — the same way
/// the values themselves are written, so recording a change never costs more than the change.
/// Insert only: nothing here (or anywhere in the application) updates or deletes an entry.
/// </summary>
public static class AuditWriter
{
    private const string Columns =
        "\"At\", \"UserName\", \"Client\", \"Action\", \"Entity\", \"UnitCode\", \"UnitId\", \"Year\", \"SetCode\", \"Key\", \"OldValue\", \"NewValue\"";

    public static async Task<int> InsertAsync(AppDbContext db, IReadOnlyCollection<AuditEntry> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return 0;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException(
                "AuditWriter needs the caller's transaction: the trail is written with the change or not at all."
            );

        if (connection is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync(
                $"COPY \"AuditEntries\" ({Columns}) FROM STDIN (FORMAT BINARY)",
                ct
            );
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(DateTime.SpecifyKind(row.At, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
                await Text(importer, row.UserName, ct);
                await Text(importer, row.Client, ct);
                await Text(importer, row.Action, ct);
                await Text(importer, row.Entity, ct);
                await Text(importer, row.UnitCode, ct);
                await Int(importer, row.UnitId, ct);
                await Int(importer, row.Year, ct);
                await Text(importer, row.SetCode, ct);
                await Text(importer, row.Key, ct);
                await Text(importer, row.OldValue, ct);
                await Text(importer, row.NewValue, ct);
            }
            await importer.CompleteAsync(ct);
            return rows.Count;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO \"AuditEntries\" ({Columns}) VALUES ($at, $user, $client, $action, $entity, $unitCode, $unitId, $year, $set, $key, $old, $new)";
        var p = new[] { "$at", "$user", "$client", "$action", "$entity", "$unitCode", "$unitId", "$year", "$set", "$key", "$old", "$new" }
            .Select(name => Add(command, name))
            .ToArray();
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            // EF Core's SQLite provider keeps DateTimes as invariant text in this format.
            p[0].Value = row.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            object?[] values =
            [
                row.UserName,
                row.Client,
                row.Action,
                row.Entity,
                row.UnitCode,
                row.UnitId,
                row.Year,
                row.SetCode,
                row.Key,
                row.OldValue,
                row.NewValue,
            ];
            for (var i = 0; i < values.Length; i++)
                p[i + 1].Value = values[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
        return rows.Count;
    }

    /// <summary>
    /// The rows for the indicator values of one commune-year that a bulk write changed (null old: created;
    /// null new: cleared): action "import", the old and new values as JSON objects by indicator code,
    /// split so that each stays under the column's length. One row per commune-year instead of one per
    /// cell keeps the trail from doubling the rows an import writes; <see cref="AuditService"/> shows each
    /// change again as its own row (<see cref="AuditService.Expand"/>).
    /// </summary>
    public static IEnumerable<AuditEntry> ValueChanges(
        DateTime at,
        string userName,
        string? client,
        int unitId,
        string unitCode,
        int year,
        string setCode,
        IEnumerable<(string IndicatorCode, Domain.Criteria.IndicatorType Type, decimal? Old, decimal? New)> changes
    )
    {
        // Sized for a commune's usual indicators (a set has about 60): growing them was a twentieth of an import's CPU.
        var (old, now, length) = (new Dictionary<string, string?>(64), new Dictionary<string, string?>(64), 2);
        foreach (var (code, type, o, n) in changes)
        {
            var (oldText, newText) = (o is { } ov ? AuditText.Value(ov, type) : null, n is { } nv ? AuditText.Value(nv, type) : null);
            // "code":"value", in the longer of the two objects (a generous bound: quotes, comma, colon, escapes).
            var added = 2 * code.Length + Math.Max(oldText?.Length ?? 4, newText?.Length ?? 4) + 8;
            if (length + added > AuditText.MaxLength && old.Count > 0)
            {
                yield return Batch(old, now);
                (old, now, length) = (new(64), new(64), 2);
            }
            (old[code], now[code], length) = (oldText, newText, length + added);
        }
        if (old.Count > 0)
            yield return Batch(old, now);

        AuditEntry Batch(Dictionary<string, string?> before, Dictionary<string, string?> after) =>
            new()
            {
                At = at,
                UserName = userName,
                Client = client,
                Action = AuditEntry.Import,
                Entity = nameof(Mtqg.Data.Scorecards.IndicatorValue),
                UnitId = unitId,
                UnitCode = unitCode,
                Year = year,
                SetCode = setCode,
                Key = $"{after.Count} chỉ tiêu",
                OldValue = System.Text.Json.JsonSerializer.Serialize(before),
                NewValue = System.Text.Json.JsonSerializer.Serialize(after),
            };
    }

    private static Task Text(NpgsqlBinaryImporter importer, string? value, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, NpgsqlDbType.Varchar, ct);

    private static Task Int(NpgsqlBinaryImporter importer, int? value, CancellationToken ct) =>
        value is { } v ? importer.WriteAsync(v, NpgsqlDbType.Integer, ct) : importer.WriteNullAsync(ct);

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mtqg.Web.Data;

/// <summary>
/// A read–compare–write that must have one winner (decision 0016, issue 18): a version that is not a row's own concurrency
/// token — the values of a commune-year, one digest over many rows — is compared inside a transaction that no other writer
/// of the same <c>key</c> can enter until it ends. SQLite: <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), which
/// takes the database's write lock at once. PostgreSQL: a transaction-scoped advisory lock on the key, so writers of other
/// communes are not held up. Twenty writers sending the same version: the first saves, the others read its rows and are refused.
/// </summary>
public static class ExclusiveWrite
{
    public static async Task<IDbContextTransaction> BeginAsync(DbContext db, string key, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            var lockId = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockId})", ct);
        }
        return transaction;
    }
}

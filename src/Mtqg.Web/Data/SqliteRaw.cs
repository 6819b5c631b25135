using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mtqg.Web.Data;

/// <summary>
/// The few calls the hot SQLite paths make on a connection's own handle (SQLitePCLRaw, the library under
/// Microsoft.Data.Sqlite): a statement prepared inside whatever transaction the connection holds, and every
/// failure raised as the <see cref="SqliteException"/> Microsoft.Data.Sqlite would raise, with SQLite's own code and message.
/// </summary>
internal static class SqliteRaw
{
    /// <summary>A statement on the connection's handle; dispose it (it is finalised then).</summary>
    public static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        var handle = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        return statement;
    }

    /// <summary>Raises SQLite's error when a call did not return <c>SQLITE_OK</c>.</summary>
    public static void Check(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, handle);
    }

    /// <summary>Whether a step met another connection's lock (a busy or locked database), which Microsoft.Data.Sqlite retries.</summary>
    public static bool IsBusy(int rc) => (rc & 0xFF) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED;
}

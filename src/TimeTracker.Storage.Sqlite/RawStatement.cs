using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// A prepared statement driven through SQLite's own API, for the few loops that run it hundreds of thousands of times
/// (a backfill's member-day inserts, its idle-sample reads): ADO.NET binds each parameter by looking up its name and
/// boxes every value, which cost more than SQLite's own work there. Runs on the connection's handle, so inside its
/// current transaction; parameters and columns are by position (1-based and 0-based, as SQLite numbers them).
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3_stmt _statement;
    private readonly sqlite3 _db;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    /// <summary>Runs the statement to its next row: true while there is one.</summary>
    public bool Step()
    {
        var result = raw.sqlite3_step(_statement);
        if (result == raw.SQLITE_ROW) return true;
        if (result == raw.SQLITE_DONE) return false;
        Check(result);
        return false;
    }

    /// <summary>Runs a statement that returns no rows (an insert); how many rows it changed.</summary>
    public int Execute()
    {
        Step();
        Reset();
        return raw.sqlite3_changes(_db);
    }

    public void Reset() => raw.sqlite3_reset(_statement);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result);
    }

    public void Dispose() => _statement.Dispose();
}

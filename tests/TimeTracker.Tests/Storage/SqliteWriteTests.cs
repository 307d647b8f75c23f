using TimeTracker.Storage.Sqlite;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Storage;

/// <summary>Writes share one connection kept open; a write that fails leaves nothing behind and no broken connection.
/// </summary>
public sealed class SqliteWriteTests
{
    [Fact]
    public async Task A_failed_write_is_rolled_back_and_the_next_write_and_reads_see_only_committed_rows()
    {
        using var file = new TemporarySqliteFile("writes");
        using var db = new SqliteDatabase(file.Path);
        await db.WriteAsync((c, tx) => SqliteDatabase.Execute(c, "CREATE TABLE t(x INTEGER PRIMARY KEY)", tx));
        await db.WriteAsync((c, tx) => SqliteDatabase.Execute(c, "INSERT INTO t VALUES (1)", tx));

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.WriteAsync((c, tx) =>
        {
            SqliteDatabase.Execute(c, "INSERT INTO t VALUES (2)", tx);
            SqliteDatabase.Execute(c, "INSERT INTO t VALUES (1)", tx); // the primary key refuses it
        }));
        await db.WriteAsync((c, tx) => SqliteDatabase.Execute(c, "INSERT INTO t VALUES (3)", tx));

        var rows = await db.ReadAsync(c => c.Query("SELECT x FROM t ORDER BY x", null, r => r.GetInt64(0)));
        Assert.Equal([1L, 3L], rows);
    }
}

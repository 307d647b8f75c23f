using TimeTracker.Storage.Sqlite;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Storage;

/// <summary>
/// Commits leave the write-ahead log alone and the background checkpoint copies it into the database file: the file
/// grows by what was written without any commit crossing SQLite's automatic threshold (1,000 pages).
/// </summary>
public sealed class SqliteCheckpointTests
{
    [Fact]
    public async Task Written_pages_reach_the_database_file_in_the_background()
    {
        using var file = new TemporarySqliteFile("checkpoint");
        using var db = new SqliteDatabase(file.Path);
        await db.WriteAsync((c, tx) => SqliteDatabase.Execute(c, "CREATE TABLE filler(x BLOB)", tx));
        var before = new FileInfo(file.Path).Length;
        // ~1 MB in small commits: a quarter of the automatic threshold, so only the background copy moves it.
        for (var i = 0; i < 16; i++)
            await db.WriteAsync((c, tx) => SqliteDatabase.Execute(c,
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 16) " +
                "INSERT INTO filler SELECT randomblob(4000) FROM n", tx));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(file.Path).Length < before + 900_000 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.True(new FileInfo(file.Path).Length >= before + 900_000,
            $"database file {new FileInfo(file.Path).Length} bytes, {before} before the writes");
    }
}

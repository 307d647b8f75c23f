using Microsoft.Data.Sqlite;

namespace TimeTracker.Tests.Infrastructure;

/// <summary>A SQLite file under the temp directory, deleted with its WAL and shared-memory files on dispose.</summary>
public sealed class TemporarySqliteFile(string name) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "timetracker-tests", $"{name}-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        // Pooled connections keep the file open; close them first.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) try { File.Delete(Path + suffix); } catch (IOException) { }
    }
}

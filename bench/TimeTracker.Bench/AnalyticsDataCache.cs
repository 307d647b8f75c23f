using System.Text.Json;
using Microsoft.Data.Sqlite;
using TimeTracker.Storage.Sqlite;

namespace TimeTracker.Bench;

/// <summary>
/// With <c>--reuse-data</c>, the loaded (not yet rolled up) analytics database is kept under the temp folder, so
/// repeated runs skip the minute-long load. The backfill still starts from raw data every run.
/// </summary>
public sealed class AnalyticsDataCache(int members, bool activityMode = false)
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "timetracker-bench",
        $"analytics-{members}{(activityMode ? "-activity" : "")}.db");
    private string Manifest => _database + ".json";

    public sealed record Copy(string DatabasePath, string WorkspaceId, string Token, List<string> MemberIds);

    private sealed record Contents(string WorkspaceId, string Token, List<string> MemberIds);

    /// <summary>A fresh copy of the cached database, or null when there is none yet.</summary>
    public Copy? TryCopy()
    {
        if (!File.Exists(_database) || !File.Exists(Manifest)) return null;
        var contents = JsonSerializer.Deserialize<Contents>(File.ReadAllText(Manifest))!;
        UpgradeInPlace();
        var path = Path.Combine(Path.GetTempPath(), "timetracker-bench", $"{Guid.NewGuid():N}.db");
        File.Copy(_database, path);
        // The copy's hundreds of MB would otherwise still be on their way to disk during the measurement.
        using (var copied = new FileStream(path, FileMode.Open, FileAccess.ReadWrite)) copied.Flush(flushToDisk: true);
        Console.WriteLine($"reusing the data loaded into {_database}");
        return new Copy(path, contents.WorkspaceId, contents.Token, contents.MemberIds);
    }

    /// <summary>
    /// Brings the cached database to the current schema once, so a run measures its work, not a copy's migrations
    /// and their log being copied into the file in the background.
    /// </summary>
    private void UpgradeInPlace()
    {
        using (new SqliteDatabase(_database)) { }
        using var connection = new SqliteConnection($"Data Source={_database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
        connection.Close();
        SqliteConnection.ClearAllPools();
    }

    public async Task SaveAsync(BenchServer server, string workspaceId, string token, List<string> memberIds)
    {
        File.Delete(_database);
        await using (var connection = new SqliteConnection($"Data Source={server.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // A consistent copy of a live WAL database, whatever is still in the log.
            command.CommandText = "VACUUM INTO @path";
            command.Parameters.AddWithValue("@path", _database);
            await command.ExecuteNonQueryAsync();
        }
        await File.WriteAllTextAsync(Manifest, JsonSerializer.Serialize(new Contents(workspaceId, token, memberIds)));
    }
}

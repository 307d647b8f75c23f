using Microsoft.Data.Sqlite;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// Marks (member, UTC day) pairs whose raw data changed, inside the writing transaction, so a read can never use
/// a rollup that is older than the data it summarizes.
/// </summary>
internal static class DirtyDays
{
    public static void Mark(SqliteConnection c, SqliteTransaction tx, string workspaceId, string userId, IEnumerable<long> days)
    {
        using var command = c.Command(
            "INSERT OR REPLACE INTO rollup_dirty(workspace_id, user_id, day) VALUES (@ws, @user, @day)", tx,
            ("@ws", workspaceId), ("@user", userId), ("@day", 0L));
        foreach (var day in days)
        {
            command.Parameters["@day"].Value = day;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Every UTC day that [startTicks, endTicks] touches.</summary>
    public static void MarkSpan(SqliteConnection c, SqliteTransaction tx, string workspaceId, string userId, long startTicks, long endTicks)
    {
        var first = startTicks / TimeSpan.TicksPerDay;
        var last = Math.Max(startTicks, endTicks) / TimeSpan.TicksPerDay;
        Mark(c, tx, workspaceId, userId, Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i));
    }
}

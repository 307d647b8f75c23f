using Microsoft.Data.Sqlite;
using TimeTracker.Core.Time;

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

    /// <summary>Every UTC day that the worked span [start, end) touches (<see cref="ZoneDays.UtcDaysTouched"/>).</summary>
    public static void MarkSpan(SqliteConnection c, SqliteTransaction tx, string workspaceId, string userId, DateTimeOffset start, DateTimeOffset end) =>
        Mark(c, tx, workspaceId, userId, ZoneDays.UtcDaysTouched(start.UtcTicks, end.UtcTicks));
}

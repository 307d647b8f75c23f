using Microsoft.Data.Sqlite;
using TimeTracker.Core.Time;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// Marks (member, UTC day) pairs whose raw data changed, inside the writing transaction, so a read can never use
/// a rollup that is older than the data it summarizes.
/// </summary>
internal static class DirtyDays
{
    public static void Mark(SqliteConnection c, SqliteTransaction tx, string workspaceId, string userId,
        IEnumerable<long> days)
    {
        using var command = c.Command(
            "INSERT INTO rollup_dirty(workspace_id, day, user_id, seq) VALUES (@ws, @day, @user, @seq) " +
            "ON CONFLICT(workspace_id, day, user_id) DO UPDATE SET seq = excluded.seq", tx,
            ("@ws", workspaceId), ("@day", 0L), ("@user", userId), ("@seq", 0L));
        long? seq = null;
        foreach (var day in days)
        {
            command.Parameters["@seq"].Value = seq ??= Raise(c, tx);
            command.Parameters["@day"].Value = day;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Raises the sequence and returns its new value: marks made with it are newer than any version read before
    /// (a rollup job's, which then leaves them for its next run).
    /// </summary>
    public static long Raise(SqliteConnection c, SqliteTransaction tx) =>
        (long)c.Scalar("UPDATE rollup_sequence SET seq = seq + 1 WHERE id = 1 RETURNING seq", tx)!;

    /// <summary>The sequence's current value: every mark made so far is at or below it.</summary>
    public static long Version(SqliteConnection c) =>
        (long)c.Scalar("SELECT seq FROM rollup_sequence WHERE id = 1", null)!;

    /// <summary>Every UTC day that the worked span [start, end) touches (<see cref="ZoneDays.UtcDaysTouched"/>).
    /// </summary>
    public static void MarkSpan(SqliteConnection c, SqliteTransaction tx, string workspaceId, string userId,
        DateTimeOffset start, DateTimeOffset end) =>
        Mark(c, tx, workspaceId, userId, ZoneDays.UtcDaysTouched(start.UtcTicks, end.UtcTicks));
}

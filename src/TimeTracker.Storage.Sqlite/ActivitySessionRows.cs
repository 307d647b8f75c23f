using Microsoft.Data.Sqlite;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Time;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// Derived sessions in <c>activity_sessions</c>. A member's sessions never overlap, so the one that can reach back
/// over a bound is the last one starting at or before it: every overlap read is two seeks on the primary key.
/// </summary>
internal static class ActivitySessionRows
{
    private const string Columns = "start_at, end_at, coverage";

    /// <summary>The member's sessions with end &gt;= <paramref name="from"/> (or &gt; with <paramref
    /// name="endExclusive"/>) and start &lt; / &lt;= <paramref name="to"/>.</summary>
    public static List<ActivitySession> Overlapping(SqliteConnection c, SqliteTransaction? tx, long memberKey,
        string userId, long from, long to, bool inclusive)
    {
        var rows = c.Query(
            $"""
            SELECT {Columns} FROM activity_sessions WHERE member_key=@key
              AND start_at >= coalesce((SELECT max(start_at) FROM activity_sessions WHERE member_key=@key AND start_at <= @from), @from)
              AND start_at {(inclusive ? "<=" : "<")} @to
            ORDER BY start_at
            """, tx, r => Read(r, userId), ("@key", memberKey), ("@from", from), ("@to", to));
        return rows.Where(s => inclusive ? s.End >= from : s.End > from).ToList();
    }

    public static ActivitySession? LastBefore(SqliteConnection c, long memberKey, string userId, long before) =>
        c.Query($"SELECT {Columns} FROM activity_sessions WHERE member_key=@key AND start_at < @before ORDER BY start_at DESC LIMIT 1", null,
            r => Read(r, userId), ("@key", memberKey), ("@before", before)).SingleOrDefault();

    public static void Apply(SqliteConnection c, SqliteTransaction tx, long memberKey, SessionChange change)
    {
        foreach (var removed in change.Removed)
            c.Execute("DELETE FROM activity_sessions WHERE member_key=@key AND start_at=@start", tx, ("@key",
                memberKey), ("@start", removed.Start));
        foreach (var added in change.Added)
            c.Execute("INSERT OR REPLACE INTO activity_sessions(member_key, start_at, end_at, coverage) VALUES (@key, @start, @end, @coverage)", tx,
                ("@key", memberKey), ("@start", added.Start), ("@end", added.End), ("@coverage",
                    RollupCodec.EncodeIntervals(added.Coverage)));
    }

    private static ActivitySession Read(SqliteDataReader r, string userId) =>
        new(userId, new TimeRange(r.GetInt64(0), r.GetInt64(1)), RollupCodec.DecodeIntervals((byte[])r[2]));
}

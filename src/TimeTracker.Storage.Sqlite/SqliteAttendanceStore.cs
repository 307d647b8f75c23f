using TimeTracker.Core.Analytics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Idempotency;

namespace TimeTracker.Storage.Sqlite;

/// <summary>Sessions as one row per pair. Every write also marks the UTC days it touched dirty for the rollups.</summary>
public sealed class SqliteAttendanceStore(SqliteDatabase db, TimeProvider clock) : IAttendanceStore, IAttendanceImport
{
    private const string Columns =
        "workspace_id, user_id, id, date, in_at, in_moment, in_by, in_office, in_ip, in_comment, " +
        "out_id, out_at, out_moment, out_by, out_office, out_ip, out_comment, auto_clocked_out";

    public Task<SessionWriteResult> ClockInAsync(AttendanceSession session, IdempotencyRecord? idempotency, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            SqliteIdempotencyStore.ThrowIfTaken(c, tx, idempotency);
            if (HasOpen(c, tx, session.WorkspaceId, session.UserId)) return SessionWriteResult.AlreadyOpen;
            if (OverlapsAny(c, tx, session.WorkspaceId, session.UserId, session.Start, null)) return SessionWriteResult.Overlaps;
            Insert(c, tx, session);
            MarkDirty(c, tx, session);
            SqliteIdempotencyStore.Insert(c, tx, idempotency);
            return SessionWriteResult.Written;
        }, ct);

    public Task<(SessionWriteResult Result, AttendanceSession? Session)> ClockOutAsync(
        string workspaceId, string userId, AttendanceEvent clockOut, IdempotencyRecord? idempotency,
        Func<AttendanceSession, string> renderResponse, CancellationToken ct = default) =>
        db.WriteAsync<(SessionWriteResult, AttendanceSession?)>((c, tx) =>
        {
            SqliteIdempotencyStore.ThrowIfTaken(c, tx, idempotency);
            var open = c.Query($"SELECT {Columns} FROM sessions WHERE workspace_id=@ws AND user_id=@user AND out_at IS NULL", tx, Read,
                ("@ws", workspaceId), ("@user", userId)).SingleOrDefault();
            if (open is null) return (SessionWriteResult.NoneOpen, null);
            var closed = open with { ClockOut = clockOut };
            c.Execute("""
                UPDATE sessions SET out_id=@id, out_at=@at, out_moment=@moment, out_by=@by, out_office=@office, out_ip=@ip, out_comment=@comment
                WHERE workspace_id=@ws AND id=@session AND out_at IS NULL
                """, tx, [.. EventParameters(clockOut), ("@ws", workspaceId), ("@session", open.Id)]);
            RecordSpan(c, tx, closed);
            MarkDirty(c, tx, closed);
            SqliteIdempotencyStore.Insert(c, tx, idempotency is null ? null : idempotency with { ResponseBody = renderResponse(closed) });
            return (SessionWriteResult.Written, closed);
        }, ct);

    public Task<SessionWriteResult> AddPairAsync(AttendanceSession session, IdempotencyRecord? idempotency, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            SqliteIdempotencyStore.ThrowIfTaken(c, tx, idempotency);
            if (OverlapsAny(c, tx, session.WorkspaceId, session.UserId, session.Start, session.ClockOut!.Timestamp)) return SessionWriteResult.Overlaps;
            Insert(c, tx, session);
            MarkDirty(c, tx, session);
            SqliteIdempotencyStore.Insert(c, tx, idempotency);
            return SessionWriteResult.Written;
        }, ct);

    /// <summary>One transaction per call (<see cref="IAttendanceImport"/>).</summary>
    public Task ImportAsync(IReadOnlyList<AttendanceSession> sessions, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            foreach (var session in sessions)
            {
                Insert(c, tx, session);
                MarkDirty(c, tx, session);
            }
        }, ct);

    public Task<AttendanceSession?> FindByEventAsync(string workspaceId, string eventId, CancellationToken ct = default) =>
        // Two index seeks: with "id=@id OR out_id=@id" the planner walked the whole workspace's sessions.
        db.ReadAsync(c => c.Query($"SELECT {Columns} FROM sessions WHERE workspace_id=@ws AND id=@id UNION SELECT {Columns} FROM sessions WHERE workspace_id=@ws AND out_id=@id", null, Read,
            ("@ws", workspaceId), ("@id", eventId)).SingleOrDefault(), ct);

    public Task<bool> DeleteAsync(string workspaceId, string sessionId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var session = c.Query($"SELECT {Columns} FROM sessions WHERE workspace_id=@ws AND id=@id", tx, Read, ("@ws", workspaceId), ("@id", sessionId)).SingleOrDefault();
            if (session is null) return false;
            c.Execute("DELETE FROM sessions WHERE workspace_id=@ws AND id=@id", tx, ("@ws", workspaceId), ("@id", sessionId));
            MarkDirty(c, tx, session);
            return true;
        }, ct);

    public Task<bool> CloseAutomaticallyAsync(string workspaceId, string sessionId, AttendanceEvent clockOut, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var open = c.Query($"SELECT {Columns} FROM sessions WHERE workspace_id=@ws AND id=@id AND out_at IS NULL", tx, Read,
                ("@ws", workspaceId), ("@id", sessionId)).SingleOrDefault();
            if (open is null) return false;
            c.Execute("""
                UPDATE sessions SET out_id=@id, out_at=@at, out_moment=@moment, out_by=@by, out_office=@office, out_ip=@ip, out_comment=@comment, auto_clocked_out=1
                WHERE workspace_id=@ws AND id=@session AND out_at IS NULL
                """, tx, [.. EventParameters(clockOut), ("@ws", workspaceId), ("@session", sessionId)]);
            RecordSpan(c, tx, open with { ClockOut = clockOut });
            // The open session counted as running to now; mark every day up to now, not just up to the new clock-out.
            MarkDirty(c, tx, open);
            return true;
        }, ct);

    public Task<DateTimeOffset?> GetFirstClockInAsync(string workspaceId, CancellationToken ct = default) =>
        db.ReadAsync(c => c.Scalar("SELECT min(in_at) FROM sessions WHERE workspace_id=@ws", null, ("@ws", workspaceId)) is long ticks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : (DateTimeOffset?)null, ct);

    public Task<IReadOnlyList<AttendanceSession>> GetByDateAsync(string workspaceId, IReadOnlyCollection<string>? userIds, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<AttendanceSession>>(c =>
        {
            var (users, parameters) = InList("user_id", userIds);
            return c.Query($"SELECT {Columns} FROM sessions WHERE workspace_id=@ws AND date BETWEEN @from AND @to{users} ORDER BY in_at", null, Read,
                [.. parameters, ("@ws", workspaceId), ("@from", Format(from)), ("@to", Format(to))]);
        }, ct);

    public Task<IReadOnlyList<AttendanceSession>> GetOverlappingAsync(string workspaceId, IReadOnlyCollection<string>? userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<AttendanceSession>>(c =>
            Overlapping(c, Columns, Read, s => (s.UserId, s.Start.UtcTicks), workspaceId, userIds, fromUtc, toUtc),
            ct);

    public Task<IReadOnlyList<MemberSession>> GetWorkedSpansAsync(string workspaceId,
        IReadOnlyCollection<string>? userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc,
        CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<MemberSession>>(c =>
        {
            // Rows come member by member: they share their member's id string rather than each keeping a copy for as
            // long as a rollup step holds them.
            var user = "";
            return Overlapping(c, "user_id, in_at, out_at", r =>
            {
                var read = r.GetString(0);
                if (!string.Equals(read, user, StringComparison.Ordinal)) user = read;
                return new MemberSession(user, new SessionRef(r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2)));
            }, s => (s.UserId, s.Session.In), workspaceId, userIds, fromUtc, toUtc);
        }, ct);

    /// <summary>
    /// One seek per member into the (member, clock-in) clustering, from "from − the member's longest closed session"
    /// (an earlier closed one ended before from); only open sessions can start earlier. For all members, the
    /// recursive CTE walks the distinct members one seek at a time (a skip-scan SQLite lacks).
    /// <para>
    /// Results are ordered by member and clock-in. The seeks already yield that order in practice, so it is checked
    /// and only sorted when not: an ORDER BY made SQLite sort every row (half the read's time for 112k sessions).
    /// </para>
    /// </summary>
    private static IReadOnlyList<T> Overlapping<T>(SqliteConnection c, string columns, Func<SqliteDataReader, T> read,
        Func<T, (string UserId, long In)> order, string workspaceId, IReadOnlyCollection<string>? userIds,
        DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        if (userIds is { Count: 0 }) return [];
        var members = userIds is null
            ? """
              WITH RECURSIVE m(member) AS (
                SELECT min(user_id) FROM sessions WHERE workspace_id=@ws
                UNION ALL
                SELECT (SELECT min(user_id) FROM sessions WHERE workspace_id=@ws AND user_id > m.member) FROM m WHERE m.member IS NOT NULL)
              """
            : "WITH m(member) AS (SELECT DISTINCT value FROM json_each(@in))";
        var (users, parameters) = InList("user_id", userIds);
        var rows = c.QueryLarge($"""
            {members}
            SELECT {columns} FROM m CROSS JOIN sessions
            WHERE workspace_id=@ws AND user_id=m.member AND in_at >= @from - {LongestOf("m.member")} AND in_at < @to
              AND (out_at IS NULL OR out_at > @from)
            UNION ALL
            SELECT {columns} FROM sessions s INDEXED BY ux_sessions_open
            WHERE workspace_id=@ws{users} AND out_at IS NULL AND in_at < @from - {LongestOf("s.user_id")}
            """, read,
            [.. parameters, ("@ws", workspaceId), ("@from", fromUtc.UtcTicks), ("@to", toUtc.UtcTicks)]);
        int Compare(T a, T b)
        {
            var (x, y) = (order(a), order(b));
            var byUser = string.CompareOrdinal(x.UserId, y.UserId);
            return byUser != 0 ? byUser : x.In.CompareTo(y.In);
        }
        for (var i = 1; i < rows.Count; i++)
            if (Compare(rows[i - 1], rows[i]) > 0)
            {
                var sorted = rows.ToList();
                sorted.Sort(Compare);
                return sorted;
            }
        return rows;
    }

    public Task<IReadOnlyList<AttendanceSession>> GetLastBeforeAsync(string workspaceId, IReadOnlyCollection<string> userIds, DateTimeOffset beforeUtc, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<AttendanceSession>>(c =>
        {
            var sessions = new List<AttendanceSession>();
            foreach (var user in userIds.Distinct())
            {
                sessions.AddRange(c.Query($"SELECT {Columns} FROM sessions WHERE workspace_id=@ws AND user_id=@user AND in_at < @before ORDER BY in_at DESC LIMIT 1",
                    null, Read, ("@ws", workspaceId), ("@user", user), ("@before", beforeUtc.UtcTicks)));
            }
            return sessions;
        }, ct);

    public Task<IReadOnlyList<AttendanceSession>> GetOpenStartedBeforeAsync(string workspaceId, DateTimeOffset startedBefore, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<AttendanceSession>>(c => c.Query(
            $"SELECT {Columns} FROM sessions INDEXED BY ux_sessions_open WHERE workspace_id=@ws AND out_at IS NULL AND in_at < @before", null, Read,
            ("@ws", workspaceId), ("@before", startedBefore.UtcTicks)), ct);

    /// <summary>Marks the UTC days the session's worked time touches (an open one runs to now).</summary>
    private void MarkDirty(SqliteConnection c, SqliteTransaction tx, AttendanceSession session) =>
        DirtyDays.MarkSpan(c, tx, session.WorkspaceId, session.UserId, session.Start, session.WorkedUntil(clock.GetUtcNow()));

    private static bool HasOpen(SqliteConnection c, SqliteTransaction tx, string ws, string user) =>
        c.Scalar("SELECT 1 FROM sessions WHERE workspace_id=@ws AND user_id=@user AND out_at IS NULL", tx, ("@ws", ws), ("@user", user)) is not null;

    /// <summary>
    /// Seeks from "start − the member's longest closed session" as reads do, plus their open session: a clock-in runs
    /// under the write gate, and walking a member's whole history there cost ~0.5 ms per 500 sessions.
    /// </summary>
    private static bool OverlapsAny(SqliteConnection c, SqliteTransaction tx, string ws, string user, DateTimeOffset start, DateTimeOffset? end) =>
        c.Scalar($"""
            SELECT 1 FROM sessions WHERE workspace_id=@ws AND user_id=@user AND in_at >= @start - {LongestOf("@user")}
              AND (@end IS NULL OR in_at < @end) AND (out_at IS NULL OR out_at > @start)
            UNION ALL
            SELECT 1 FROM sessions INDEXED BY ux_sessions_open WHERE workspace_id=@ws AND user_id=@user AND out_at IS NULL AND (@end IS NULL OR in_at < @end)
            LIMIT 1
            """, tx, ("@ws", ws), ("@user", user), ("@start", start.UtcTicks), ("@end", end?.UtcTicks)) is not null;

    private static void Insert(SqliteConnection c, SqliteTransaction tx, AttendanceSession s)
    {
        var i = s.ClockIn;
        var o = s.ClockOut;
        c.Execute($"""
            INSERT INTO sessions({Columns}) VALUES (@ws, @user, @id, @date, @in_at, @in_moment, @in_by, @in_office, @in_ip, @in_comment,
                @out_id, @out_at, @out_moment, @out_by, @out_office, @out_ip, @out_comment, @auto)
            """, tx,
            ("@ws", s.WorkspaceId), ("@user", s.UserId), ("@id", i.Id), ("@date", Format(s.Date)), ("@in_at", i.Timestamp.UtcTicks),
            ("@in_moment", i.MomentCreated.UtcTicks), ("@in_by", i.CreatedByUserId), ("@in_office", i.OfficeId), ("@in_ip", i.IpAddress),
            ("@in_comment", i.Comment), ("@out_id", o?.Id), ("@out_at", o?.Timestamp.UtcTicks), ("@out_moment", o?.MomentCreated.UtcTicks),
            ("@out_by", o?.CreatedByUserId), ("@out_office", o?.OfficeId), ("@out_ip", o?.IpAddress), ("@out_comment", o?.Comment),
            ("@auto", s.AutoClockedOut ? 1 : 0));
        RecordSpan(c, tx, s);
    }

    /// <summary>
    /// Keeps the member's longest closed session, the bound <see cref="GetOverlappingAsync"/> and overlap checks seek by.
    /// Deleting that session does not lower it: an over-estimate only costs a longer seek, an under-estimate would lose sessions.
    /// </summary>
    private static void RecordSpan(SqliteConnection c, SqliteTransaction tx, AttendanceSession s)
    {
        if (s.ClockOut is not { } clockOut) return;
        c.Execute("""
            INSERT INTO session_spans(workspace_id, user_id, longest_ticks) VALUES (@ws, @user, @ticks)
            ON CONFLICT(workspace_id, user_id) DO UPDATE SET longest_ticks = max(longest_ticks, excluded.longest_ticks)
            """, tx, ("@ws", s.WorkspaceId), ("@user", s.UserId), ("@ticks", clockOut.Timestamp.UtcTicks - s.Start.UtcTicks));
    }

    private static string LongestOf(string member) =>
        $"coalesce((SELECT longest_ticks FROM session_spans sp WHERE sp.workspace_id=@ws AND sp.user_id={member}), 0)";

    private static (string, object?)[] EventParameters(AttendanceEvent e) =>
    [
        ("@id", e.Id), ("@at", e.Timestamp.UtcTicks), ("@moment", e.MomentCreated.UtcTicks), ("@by", e.CreatedByUserId),
        ("@office", e.OfficeId), ("@ip", e.IpAddress), ("@comment", e.Comment),
    ];

    private static (string Clause, (string, object?)[] Parameters) InList(string column, IReadOnlyCollection<string>? values)
    {
        if (values is null) return ("", []);
        if (values.Count == 0) return (" AND 0", []);
        return ($" AND {column} IN (SELECT value FROM json_each(@in))", [("@in", SqlCommands.JsonList(values))]);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static AttendanceSession Read(SqliteDataReader r)
    {
        var clockIn = new AttendanceEvent(r.GetString(2), r.Instant(4), r.Instant(5), r.GetString(6), r.NullableString(7), r.NullableString(8), r.NullableString(9));
        var clockOut = r.IsDBNull(10) ? null
            : new AttendanceEvent(r.GetString(10), r.Instant(11), r.Instant(12), r.GetString(13), r.NullableString(14), r.NullableString(15), r.NullableString(16));
        return new AttendanceSession(r.GetString(0), r.GetString(1), DateOnly.ParseExact(r.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            clockIn, clockOut, r.GetInt64(17) != 0);
    }
}

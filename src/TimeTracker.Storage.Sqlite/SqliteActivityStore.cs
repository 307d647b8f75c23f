using TimeTracker.Core.Collections;
using Microsoft.Data.Sqlite;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Time;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteActivityStore(SqliteDatabase db, MemberKeys keys) : IActivityStore
{
    public Task<IngestResult> AddAsync(Workspace workspace, string userId, IReadOnlyList<ActivitySample> samples,
        CancellationToken ct = default) => AddAsync(workspace, [new MemberSamples(userId, samples)], ct);

    /// <summary>The whole batch in one transaction, member by member.</summary>
    public Task<IngestResult> AddAsync(Workspace workspace, IReadOnlyList<MemberSamples> batch,
        CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var (accepted, total) = (0, 0);
            foreach (var (userId, samples) in batch)
            {
                accepted += AddMember(c, tx, workspace, userId, samples);
                total += samples.Count;
            }
            return new IngestResult(accepted, total - accepted);
        }, ct);

    private int AddMember(SqliteConnection c, SqliteTransaction tx, Workspace workspace, string userId,
        IReadOnlyList<ActivitySample> samples)
    {
        var workspaceId = workspace.Id;
        var owner = keys.GetOrCreate(c, tx, workspaceId, userId);
        var (accepted, idleDays) = Insert(c, owner, samples);
        // Only idle time changes attendance-mode results, so only its days need recomputing there; in activity
        // mode every day of a session the batch grew or joined does.
        DirtyDays.Mark(c, tx, workspaceId, userId, idleDays);
        if (workspace.DerivedSessionGap is { } gap && samples.Count > 0)
        {
            var intervals = samples.Select(s => TimeRange.Of(s.Start, s.End)).ToList();
            var reach = ActivitySession.Reach(intervals, gap);
            var touched = ActivitySessionRows.Overlapping(c, tx, owner, userId, reach.Start, reach.End,
                inclusive: true);
            var change = ActivitySession.Merge(userId, touched, intervals, gap);
            ActivitySessionRows.Apply(c, tx, owner, change);
            DirtyDays.Mark(c, tx, workspaceId, userId, change.DaysTouched());
        }
        return accepted;
    }

    private static (int Accepted, HashSet<long> IdleDays) Insert(SqliteConnection c, long owner,
        IReadOnlyList<ActivitySample> samples)
    {
        // Hundreds of thousands of rows a second: through SQLite's API directly (RawStatement), inside the caller's
        // transaction.
        using var insert = new RawStatement(c, "INSERT OR IGNORE INTO activity(member_key, sample_id, start_at, " +
            "end_at, idle) VALUES (?1, ?2, ?3, ?4, ?5)");
        var accepted = 0;
        var idleDays = new HashSet<long>();
        Span<byte> id = stackalloc byte[16];
        foreach (var sample in samples)
        {
            sample.Id.TryWriteBytes(id);
            insert.Bind(1, owner);
            insert.Bind(2, id);
            insert.Bind(3, sample.Start.UtcTicks);
            insert.Bind(4, sample.End.UtcTicks);
            insert.Bind(5, sample.State == ActivityState.Idle ? 1 : 0);
            var inserted = insert.Execute();
            accepted += inserted;
            if (inserted > 0 && sample.State == ActivityState.Idle)
                idleDays.UnionWith(ZoneDays.UtcDaysTouched(sample.Start.UtcTicks, sample.End.UtcTicks));
        }
        return (accepted, idleDays);
    }

    /// <summary>One member's idle samples in a range, answered from the idle index alone (migration 12).</summary>
    internal const string IdleRead = "SELECT start_at, end_at FROM activity WHERE member_key=?1 AND idle=1 " +
        "AND start_at >= ?2 AND start_at < ?3 AND end_at > ?4 ORDER BY start_at";

    public Task<IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)>> GetIdleAsync(
        string workspaceId, IReadOnlyCollection<string>? userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc,
            CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<(string, DateTimeOffset, DateTimeOffset)>>(c =>
        {
            var result = new SegmentedList<(string, DateTimeOffset, DateTimeOffset)>();
            // Samples last at most an hour, so [from - 1 h, to) bounds the index range.
            var lower = (fromUtc - ActivitySample.MaxLength).UtcTicks;
            // A backfill reads millions of these: through SQLite's API directly (RawStatement).
            using var query = new RawStatement(c, IdleRead);
            foreach (var (owner, user) in Owners(c, workspaceId, userIds))
            {
                query.Bind(1, owner);
                query.Bind(2, lower);
                query.Bind(3, toUtc.UtcTicks);
                query.Bind(4, fromUtc.UtcTicks);
                while (query.Step())
                    result.Add((user, new DateTimeOffset(query.Int64(0), TimeSpan.Zero),
                        new DateTimeOffset(query.Int64(1), TimeSpan.Zero)));
                query.Reset();
            }
            return result;
        }, ct);

    public Task<IReadOnlyList<ActivitySession>> GetSessionsAsync(string workspaceId,
        IReadOnlyCollection<string>? userIds,
        DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<ActivitySession>>(c => Owners(c, workspaceId, userIds)
            .SelectMany(o => ActivitySessionRows.Overlapping(c, null, o.Key, o.UserId, fromUtc.UtcTicks,
                toUtc.UtcTicks, inclusive: false))
            .ToList(), ct);

    public Task<IReadOnlyList<ActivitySession>> GetLastSessionsBeforeAsync(string workspaceId,
        IReadOnlyCollection<string> userIds, DateTimeOffset beforeUtc, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<ActivitySession>>(c => Owners(c, workspaceId, userIds)
            .Select(o => ActivitySessionRows.LastBefore(c, o.Key, o.UserId, beforeUtc.UtcTicks))
            .OfType<ActivitySession>().ToList(), ct);

    public Task<DateTimeOffset?> GetFirstSessionStartAsync(string workspaceId, CancellationToken ct = default) =>
        db.ReadAsync(c => c.Scalar(
            "SELECT min(start_at) FROM activity_sessions WHERE member_key IN (SELECT key FROM member_keys WHERE workspace_id=@ws)", null,
            ("@ws", workspaceId)) is long ticks ? TimeRange.ToInstant(ticks) : (DateTimeOffset?)null, ct);

    /// <summary>
    /// One write per member: members' sessions are independent, and a workspace's whole history in one transaction
    /// would hold the write lock (and every tracker's batch) for as long as it takes.
    /// </summary>
    public async Task RebuildSessionsAsync(string workspaceId, TimeSpan sessionGap, CancellationToken ct = default)
    {
        foreach (var (key, userId) in await db.ReadAsync(c => keys.ForWorkspace(c, workspaceId), ct))
            await db.WriteAsync((c, tx) =>
            {
                var existing = ActivitySessionRows.Overlapping(c, tx, key, userId, long.MinValue, long.MaxValue,
                    inclusive: true);
                var samples = c.Query("SELECT start_at, end_at FROM activity WHERE member_key=@key", tx,
                    r => new TimeRange(r.GetInt64(0), r.GetInt64(1)), ("@key", key));
                var rebuilt = ActivitySession.Derive(userId, IntervalSet.Union(existing.SelectMany(s =>
                    s.Coverage.Items).Concat(samples)), sessionGap);
                c.Execute("DELETE FROM activity_sessions WHERE member_key=@key", tx, ("@key", key));
                ActivitySessionRows.Apply(c, tx, key, new SessionChange([], rebuilt));
            }, ct);
    }

    public Task<int> PurgeAsync(string workspaceId, DateTimeOffset endedBefore, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "DELETE FROM activity WHERE member_key IN (SELECT key FROM member_keys WHERE workspace_id=@ws) AND end_at < @before", tx,
            ("@ws", workspaceId), ("@before", endedBefore.UtcTicks)), ct);

    private IEnumerable<(long Key, string UserId)> Owners(SqliteConnection c, string workspaceId,
        IReadOnlyCollection<string>? userIds) =>
        userIds is null
            ? keys.ForWorkspace(c, workspaceId).Select(k => (k.Key, k.Value))
            : userIds.Distinct().Select(u => (Key: keys.Find(c, null, workspaceId, u), UserId: u)).Where(o =>
                o.Key is not null).Select(o => (o.Key!.Value, o.UserId));
}

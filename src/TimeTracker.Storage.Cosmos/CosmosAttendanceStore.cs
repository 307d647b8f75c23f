using System.Globalization;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Idempotency;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Sessions in <c>attendance</c>, partitioned by (workspace, member); a pair is one document, so it can only change
/// together. Each member's partition also holds a ledger document: every session write reads it, checks its rule
/// (one open session, no overlap), writes, and then replaces the ledger with its ETag — a concurrent writer makes
/// that replace fail, the write is undone and retried, so exactly one of two racing clock-ins wins.
/// </summary>
public sealed class CosmosAttendanceStore(CosmosDatabase db, CosmosRollupStore rollups, TimeProvider clock) : IAttendanceStore
{
    private sealed record EventDoc(string Id, long At, DateTimeOffset MomentCreated, string CreatedBy, string? OfficeId, string? IpAddress, string? Comment)
    {
        public AttendanceEvent ToEvent() => new(Id, new DateTimeOffset(At, TimeSpan.Zero), MomentCreated, CreatedBy, OfficeId, IpAddress, Comment);
        public static EventDoc From(AttendanceEvent e) => new(e.Id, e.Timestamp.UtcTicks, e.MomentCreated, e.CreatedByUserId, e.OfficeId, e.IpAddress, e.Comment);
    }

    private sealed record SessionDoc(string Id, string Type, string WorkspaceId, string UserId, string Date, long InAt, EventDoc In,
        string? OutId, long? OutAt, EventDoc? Out, bool AutoClockedOut)
    {
        public AttendanceSession ToSession() => new(WorkspaceId, UserId, DateOnly.ParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            In.ToEvent(), Out?.ToEvent(), AutoClockedOut);

        public static SessionDoc From(AttendanceSession s) => new(s.Id, "session", s.WorkspaceId, s.UserId, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            s.Start.UtcTicks, EventDoc.From(s.ClockIn), s.ClockOut?.Id, s.ClockOut?.Timestamp.UtcTicks, s.ClockOut is null ? null : EventDoc.From(s.ClockOut), s.AutoClockedOut);
    }

    private sealed record Ledger(string Id, string Type, string WorkspaceId, string UserId, long Version)
    {
        // Unique per member, not just per partition, so stores that key documents by the first key level alone still work.
        public static string IdFor(string userId) => $"ledger|{userId}";
    }

    private const int Attempts = 10;

    private static PartitionKey Member(string workspaceId, string userId) => new PartitionKeyBuilder().Add(workspaceId).Add(userId).Build();

    // A prefix of the hierarchical key: the query stays within the workspace's partitions.
    private static PartitionKey Workspace(string workspaceId) => new PartitionKeyBuilder().Add(workspaceId).Build();

    public Task<SessionWriteResult> ClockInAsync(AttendanceSession session, IdempotencyRecord? idempotency, CancellationToken ct = default) =>
        WriteAsync(session.WorkspaceId, session.UserId, idempotency, async () =>
        {
            if ((await OpenAsync(session.WorkspaceId, session.UserId, ct)) is not null) return (SessionWriteResult.AlreadyOpen, null);
            if (await OverlapsAsync(session.WorkspaceId, session.UserId, session.Start.UtcTicks, null, ct)) return (SessionWriteResult.Overlaps, null);
            return (SessionWriteResult.Written, session);
        }, ct);

    public async Task<(SessionWriteResult Result, AttendanceSession? Session)> ClockOutAsync(string workspaceId, string userId, AttendanceEvent clockOut,
        IdempotencyRecord? idempotency, Func<AttendanceSession, string> renderResponse, CancellationToken ct = default)
    {
        AttendanceSession? closed = null;
        var result = await WriteAsync(workspaceId, userId, null, async () =>
        {
            var open = await OpenAsync(workspaceId, userId, ct);
            if (open is null) return (SessionWriteResult.NoneOpen, null);
            closed = open with { ClockOut = clockOut };
            return (SessionWriteResult.Written, closed);
        }, ct, replace: true, idempotencyAfter: idempotency is null ? null : () => idempotency with { ResponseBody = renderResponse(closed!) });
        return (result, result == SessionWriteResult.Written ? closed : null);
    }

    public Task<SessionWriteResult> AddPairAsync(AttendanceSession session, IdempotencyRecord? idempotency, CancellationToken ct = default) =>
        WriteAsync(session.WorkspaceId, session.UserId, idempotency, async () =>
            await OverlapsAsync(session.WorkspaceId, session.UserId, session.Start.UtcTicks, session.ClockOut!.Timestamp.UtcTicks, ct)
                ? (SessionWriteResult.Overlaps, null)
                : (SessionWriteResult.Written, session), ct);

    /// <summary>
    /// Bulk import (migrations, benchmarks): the caller vouches for the history, so no rule checks or ledger; days are
    /// still marked dirty first.
    /// </summary>
    public async Task ImportAsync(IReadOnlyList<AttendanceSession> sessions, CancellationToken ct = default)
    {
        foreach (var member in sessions.GroupBy(s => (s.WorkspaceId, s.UserId)))
        {
            var days = member.SelectMany(s => Enumerable.Range(0, (int)((s.ClockOut?.Timestamp ?? s.Start).UtcTicks / TimeSpan.TicksPerDay - s.Start.UtcTicks / TimeSpan.TicksPerDay + 1))
                .Select(i => s.Start.UtcTicks / TimeSpan.TicksPerDay + i)).Distinct();
            await rollups.MarkDirtyAsync(member.Key.WorkspaceId, member.Key.UserId, days, ct);
        }
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (session, token) =>
            await db.Attendance.UpsertItemAsync(SessionDoc.From(session), Member(session.WorkspaceId, session.UserId), cancellationToken: token));
    }

    public async Task<AttendanceSession?> FindByEventAsync(string workspaceId, string eventId, CancellationToken ct = default) =>
        (await Query(workspaceId, null, "(c.id = @event OR c.outId = @event)", q => q.WithParameter("@event", eventId), ct)).FirstOrDefault();

    public async Task<bool> DeleteAsync(string workspaceId, string sessionId, CancellationToken ct = default)
    {
        var session = (await Query(workspaceId, null, "c.id = @id", q => q.WithParameter("@id", sessionId), ct)).FirstOrDefault();
        if (session is null) return false;
        await MarkDirtyAsync(session, ct);
        return await db.Attendance.DeleteIfExistsAsync(sessionId, Member(workspaceId, session.UserId), ct);
    }

    public async Task<bool> CloseAutomaticallyAsync(string workspaceId, string sessionId, AttendanceEvent clockOut, CancellationToken ct = default)
    {
        var session = (await Query(workspaceId, null, "c.id = @id AND IS_NULL(c.outAt)", q => q.WithParameter("@id", sessionId), ct)).FirstOrDefault();
        if (session is null) return false;
        var result = await WriteAsync(workspaceId, session.UserId, null, async () =>
        {
            var open = await OpenAsync(workspaceId, session.UserId, ct);
            return open?.Id == sessionId ? (SessionWriteResult.Written, open with { ClockOut = clockOut, AutoClockedOut = true }) : (SessionWriteResult.NoneOpen, null);
        }, ct, replace: true);
        return result == SessionWriteResult.Written;
    }

    public async Task<IReadOnlyList<AttendanceSession>> GetByDateAsync(string workspaceId, IReadOnlyCollection<string>? userIds, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        (await Query(workspaceId, userIds, "c.date >= @from AND c.date <= @to",
            q => q.WithParameter("@from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).WithParameter("@to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ct))
        .OrderBy(s => s.Start).ToList();

    public async Task<IReadOnlyList<AttendanceSession>> GetOverlappingAsync(string workspaceId, IReadOnlyCollection<string>? userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        (await Query(workspaceId, userIds, "c.inAt < @to AND (IS_NULL(c.outAt) OR c.outAt > @from)",
            q => q.WithParameter("@from", fromUtc.UtcTicks).WithParameter("@to", toUtc.UtcTicks), ct))
        .OrderBy(s => s.UserId, StringComparer.Ordinal).ThenBy(s => s.Start).ToList();

    public async Task<DateTimeOffset?> GetFirstClockInAsync(string workspaceId, CancellationToken ct = default) =>
        (await Query(workspaceId, null, "true", q => q, ct)).Select(s => (DateTimeOffset?)s.Start).Min();

    public async Task<IReadOnlyList<AttendanceSession>> GetLastBeforeAsync(string workspaceId, IReadOnlyCollection<string> userIds, DateTimeOffset beforeUtc, CancellationToken ct = default)
    {
        var result = new List<AttendanceSession>();
        foreach (var user in userIds.Distinct())
        {
            var last = (await Query(workspaceId, [user], "c.inAt < @before", q => q.WithParameter("@before", beforeUtc.UtcTicks), ct)).MaxBy(s => s.Start);
            if (last is not null) result.Add(last);
        }
        return result;
    }

    public async Task<IReadOnlyList<AttendanceSession>> GetOpenStartedBeforeAsync(string workspaceId, DateTimeOffset startedBefore, CancellationToken ct = default) =>
        await Query(workspaceId, null, "IS_NULL(c.outAt) AND c.inAt < @before", q => q.WithParameter("@before", startedBefore.UtcTicks), ct);

    /// <summary>
    /// Reads the member's ledger, decides, writes, then advances the ledger with its ETag; losing that race undoes the
    /// write and decides again. The idempotency record is checked first and written last.
    /// </summary>
    private async Task<SessionWriteResult> WriteAsync(string workspaceId, string userId, IdempotencyRecord? idempotency,
        Func<Task<(SessionWriteResult, AttendanceSession?)>> decide, CancellationToken ct, bool replace = false, Func<IdempotencyRecord>? idempotencyAfter = null)
    {
        var partition = Member(workspaceId, userId);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            await ThrowIfTakenAsync(idempotency, ct);
            var (ledger, etag) = await LedgerAsync(workspaceId, userId, ct);
            var (result, session) = await decide();
            if (result != SessionWriteResult.Written || session is null)
            {
                // A retry racing its own original can see the original's session before its idempotency record:
                // give that record a moment to appear, so the retry replays instead of reporting a conflict.
                await WaitForIdempotencyRecordAsync(idempotency, ct);
                return result;
            }
            await MarkDirtyAsync(session, ct);
            var previous = replace ? (await db.Attendance.ReadAsync<SessionDoc>(session.Id, partition, ct)).Item : null;
            await db.Attendance.UpsertItemAsync(SessionDoc.From(session), partition, cancellationToken: ct);
            try
            {
                await db.Attendance.ReplaceItemAsync(ledger with { Version = ledger.Version + 1 }, ledger.Id, partition, new ItemRequestOptions { IfMatchEtag = etag }, ct);
            }
            catch (CosmosException e) when (e.IsPreconditionFailed())
            {
                // Another write to this member's sessions interleaved: undo ours and decide again on fresh state.
                if (previous is not null) await db.Attendance.UpsertItemAsync(previous, partition, cancellationToken: ct);
                else await db.Attendance.DeleteIfExistsAsync(session.Id, partition, ct);
                continue;
            }
            var record = idempotencyAfter?.Invoke() ?? idempotency;
            if (record is not null)
            {
                try
                {
                    await db.Idempotency.CreateItemAsync(CosmosIdempotencyStore.Document.From(record), CosmosIdempotencyStore.PartitionFor(record.WorkspaceId, record.CallerId), cancellationToken: ct);
                }
                catch (CosmosException e) when (e.IsConflict())
                {
                    throw new IdempotencyKeyTakenException();
                }
            }
            return SessionWriteResult.Written;
        }
        throw new Core.Storage.ConcurrencyConflictException();
    }

    private async Task WaitForIdempotencyRecordAsync(IdempotencyRecord? record, CancellationToken ct)
    {
        if (record is null) return;
        for (var wait = 0; wait < 10; wait++)
        {
            await Task.Delay(50, ct);
            await ThrowIfTakenAsync(record, ct);
        }
    }

    private async Task ThrowIfTakenAsync(IdempotencyRecord? record, CancellationToken ct)
    {
        if (record is null) return;
        var (existing, _) = await db.Idempotency.ReadAsync<CosmosIdempotencyStore.Document>(CosmosIdempotencyStore.IdFor(record.CallerId, record.Key),
            CosmosIdempotencyStore.PartitionFor(record.WorkspaceId, record.CallerId), ct);
        if (existing is not null && !existing.ToRecord().IsExpired(record.CreatedAt)) throw new IdempotencyKeyTakenException();
    }

    private async Task<(Ledger Ledger, string ETag)> LedgerAsync(string workspaceId, string userId, CancellationToken ct)
    {
        var partition = Member(workspaceId, userId);
        var id = Ledger.IdFor(userId);
        var (ledger, etag) = await db.Attendance.ReadAsync<Ledger>(id, partition, ct);
        if (ledger is not null) return (ledger, etag!);
        try
        {
            var created = await db.Attendance.CreateItemAsync(new Ledger(id, "ledger", workspaceId, userId, 0), partition, cancellationToken: ct);
            return (created.Resource, created.ETag);
        }
        catch (CosmosException e) when (e.IsConflict())
        {
            var (existing, existingETag) = await db.Attendance.ReadAsync<Ledger>(id, partition, ct);
            return (existing ?? throw new InvalidOperationException("Ledger vanished after a create conflict."), existingETag!);
        }
    }

    private async Task<AttendanceSession?> OpenAsync(string workspaceId, string userId, CancellationToken ct) =>
        (await Query(workspaceId, [userId], "IS_NULL(c.outAt)", q => q, ct)).FirstOrDefault();

    private async Task<bool> OverlapsAsync(string workspaceId, string userId, long start, long? end, CancellationToken ct) =>
        (await Query(workspaceId, [userId], "(IS_NULL(@end) OR c.inAt < @end) AND (IS_NULL(c.outAt) OR c.outAt > @start)",
            q => q.WithParameter("@start", start).WithParameter("@end", end), ct)).Count > 0;

    private Task MarkDirtyAsync(AttendanceSession session, CancellationToken ct)
    {
        var end = session.ClockOut?.Timestamp.UtcTicks ?? Math.Max(session.Start.UtcTicks, clock.GetUtcNow().UtcTicks);
        var first = session.Start.UtcTicks / TimeSpan.TicksPerDay;
        var last = end / TimeSpan.TicksPerDay;
        return rollups.MarkDirtyAsync(session.WorkspaceId, session.UserId, Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i), ct);
    }

    private async Task<List<AttendanceSession>> Query(string workspaceId, IReadOnlyCollection<string>? userIds, string where, Func<QueryDefinition, QueryDefinition> bind, CancellationToken ct)
    {
        var single = userIds is { Count: 1 };
        var users = userIds is null || single ? "" : " AND ARRAY_CONTAINS(@users, c.userId)";
        var query = bind(new QueryDefinition($"SELECT * FROM c WHERE c.workspaceId = @ws AND c.type = 'session'{(single ? " AND c.userId = @user" : "")}{users} AND {where}")
            .WithParameter("@ws", workspaceId));
        if (single) query = query.WithParameter("@user", userIds!.First());
        else if (userIds is not null) query = query.WithParameter("@users", userIds.Distinct().ToArray());
        if (userIds is { Count: 0 }) return [];
        var partition = single ? Member(workspaceId, userIds!.First()) : Workspace(workspaceId);
        return (await db.Attendance.QueryAsync<SessionDoc>(query, partition, ct)).Select(d => d.ToSession()).ToList();
    }
}

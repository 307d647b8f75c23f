using TimeTracker.Core.Analytics;
using System.Globalization;
using System.Net;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Time;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Idempotency;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Sessions in <c>attendance</c>, partitioned by (workspace, member). Each member's partition holds a ledger document
/// that is the commit point of every session write: a write reads it, decides its rule (one open session, no overlap),
/// and replaces it with its ETag, so of two racing writes exactly one wins and the other decides again.
/// <para>
/// The open session lives inside the ledger, which makes a clock-in a single conditional write. Closed sessions are
/// documents of their own (id = session id), so a pair can only change as a whole. A clock-out creates the closed
/// document and clears the ledger in one transactional batch: both or neither. Versions before the batch wrote the two
/// one after the other, so a process that died in between left the ledger a stale copy of a closed session; readers
/// and writers still recognise and ignore such copies (the closed document is the truth).
/// </para>
/// </summary>
public sealed class CosmosAttendanceStore(CosmosDatabase db, CosmosRollupStore rollups, TimeProvider clock)
    : IAttendanceStore, IAttendanceImport
{
    /// <summary>An event as given: its instant exact (an ISO string); the session's inAt/outAt are the queryable
    /// copies.</summary>
    private sealed record EventDoc(string Id, DateTimeOffset Timestamp, DateTimeOffset MomentCreated,
        string CreatedBy, string? OfficeId, string? IpAddress, string? Comment)
    {
        public AttendanceEvent ToEvent() => new(Id, Timestamp, MomentCreated, CreatedBy, OfficeId, IpAddress, Comment);
        public static EventDoc From(AttendanceEvent e) => new(e.Id, e.Timestamp.ToUniversalTime(), e.MomentCreated,
            e.CreatedByUserId, e.OfficeId, e.IpAddress, e.Comment);
    }

    /// <summary>
    /// A closed session (type "session") or a member's ledger (type "ledger"). Both carry the session fields, so one
    /// query finds closed sessions and open ones alike; a ledger without an open session has them null. inAt, outAt
    /// and latestEnd are Unix microseconds (<see cref="CosmosTime"/>); latestEnd, the latest end of any closed session
    /// ever committed (rounded up, never lowered), lets a clock-in skip the overlap query.
    /// </summary>
    private sealed record AttendanceDoc(string Id, string Type, string WorkspaceId, string UserId,
        string? SessionId, string? Date, long? InAt, EventDoc? In, string? OutId, long? OutAt, EventDoc? Out,
            bool AutoClockedOut,
        long Version = 0, long? LatestEnd = null)
    {
        public static string LedgerId(string userId) => $"ledger|{userId}";

        public bool IsLedger => Type == "ledger";

        public AttendanceSession? OpenSession => IsLedger && SessionId is not null ? ToSession() : null;

        public AttendanceSession ToSession() => new(WorkspaceId, UserId, DateOnly.ParseExact(Date!, "yyyy-MM-dd",
            CultureInfo.InvariantCulture), In!.ToEvent(), Out?.ToEvent(), AutoClockedOut);

        public static AttendanceDoc Closed(AttendanceSession s) => new(s.Id, "session", s.WorkspaceId, s.UserId,
            s.Id, DateText(s), CosmosTime.Micros(s.Start),
            EventDoc.From(s.ClockIn), s.ClockOut!.Id, CosmosTime.Micros(s.ClockOut.Timestamp),
                EventDoc.From(s.ClockOut), s.AutoClockedOut);

        /// <summary>Whether a closed session committed so far may end after <paramref name="instant"/>.</summary>
        public bool MayEndAfter(DateTimeOffset instant) => LatestEnd is { } end
            && CosmosTime.Ticks(end) > instant.UtcTicks;

        public static AttendanceDoc EmptyLedger(string workspaceId, string userId) =>
            new(LedgerId(userId), "ledger", workspaceId, userId, null, null, null, null, null, null, null, false);

        /// <summary>The next ledger version, holding <paramref name="open"/> as the open session (null:
        /// none).</summary>
        public AttendanceDoc Next(AttendanceSession? open, DateTimeOffset? closedEnd = null) => this with
        {
            SessionId = open?.Id, Date = open is null ? null : DateText(open), InAt = open is null ? null
                : CosmosTime.Micros(open.Start),
            In = open is null ? null : EventDoc.From(open.ClockIn), OutId = null, OutAt = null, Out = null,
                AutoClockedOut = false,
            Version = Version + 1,
            LatestEnd = closedEnd is { } end ? Math.Max(LatestEnd ?? long.MinValue, CosmosTime.CeilingMicros(end))
                : LatestEnd,
        };

        private static string DateText(AttendanceSession s) => s.Date.ToString("yyyy-MM-dd",
            CultureInfo.InvariantCulture);
    }

    private sealed record IdOnly(string Id);

    /// <summary>What a write decided from the ledger it read: the ledger's next version and the closed session to
    /// create.</summary>
    private sealed record Plan(SessionWriteResult Result, AttendanceDoc? Ledger = null,
        AttendanceSession? Create = null, AttendanceSession? Changed = null)
    {
        public static readonly Plan Refused = new(SessionWriteResult.NoneOpen);
        public static Plan Refuse(SessionWriteResult result) => new(result);
    }

    private const int Attempts = 10;
    private const string HoldsSession = "(c.type = 'session' OR (c.type = 'ledger' AND IS_STRING(c.sessionId)))";

    private static PartitionKey Member(string workspaceId, string userId) => MemberPartitions.Member(workspaceId, userId);

    private static PartitionKey Workspace(string workspaceId) => MemberPartitions.Workspace(workspaceId);

    /// <summary>
    /// One round trip when nothing is in the way (<see cref="TryClockInBlindAsync"/>); otherwise, and with an
    /// idempotency record to write alongside, read the ledger and write it back holding the session.
    /// </summary>
    public async Task<SessionWriteResult> ClockInAsync(AttendanceSession session, IdempotencyRecord? idempotency,
        CancellationToken ct = default) =>
        idempotency is null && await TryClockInBlindAsync(session, ct) ? SessionWriteResult.Written
            : await ClockInReadingAsync(session, idempotency, ct);

    /// <summary>
    /// Writes the session into the ledger with a conditional patch: no session open, and no closed session that may end
    /// after this clock-in (<c>latestEnd</c>, rounded down here so the check only errs towards the full path). When the
    /// condition fails or the member has no ledger yet, nothing is written and the full path decides why.
    /// </summary>
    private async Task<bool> TryClockInBlindAsync(AttendanceSession session, CancellationToken ct)
    {
        await MarkDirtyAsync(session, ct);
        var ledger = AttendanceDoc.EmptyLedger(session.WorkspaceId, session.UserId).Next(session);
        var condition = string.Create(CultureInfo.InvariantCulture,
            $"FROM c WHERE NOT IS_STRING(c.sessionId) AND (NOT IS_NUMBER(c.latestEnd) OR c.latestEnd <= {CosmosTime.Micros(session.Start)})");
        try
        {
            // Nine operations: Cosmos DB takes at most ten in one patch.
            await db.Attendance.PatchItemAsync<AttendanceDoc>(ledger.Id, Member(session.WorkspaceId, session.UserId),
            [
                PatchOperation.Set("/sessionId", ledger.SessionId), PatchOperation.Set("/date", ledger.Date),
                    PatchOperation.Set("/inAt", ledger.InAt),
                PatchOperation.Set("/in", ledger.In), PatchOperation.Set<string?>("/outId", null),
                    PatchOperation.Set<long?>("/outAt", null),
                PatchOperation.Set<EventDoc?>("/out", null), PatchOperation.Set("/autoClockedOut", false),
                    PatchOperation.Increment("/version", 1),
            ], new PatchItemRequestOptions { FilterPredicate = condition, EnableContentResponseOnWrite = false }, ct);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound || e.IsPreconditionFailed())
        {
            return false;
        }
    }

    private async Task<SessionWriteResult> ClockInReadingAsync(AttendanceSession session,
        IdempotencyRecord? idempotency, CancellationToken ct) =>
        (await WriteAsync(session.WorkspaceId, session.UserId, idempotency, async ledger =>
        {
            ledger = await WithoutStaleOpenAsync(ledger, ct);
            if (ledger.OpenSession is not null) return Plan.Refuse(SessionWriteResult.AlreadyOpen);
            if (ledger.MayEndAfter(session.Start) && await OverlapsClosedAsync(session,
                ct)) return Plan.Refuse(SessionWriteResult.Overlaps);
            return new Plan(SessionWriteResult.Written, ledger.Next(session), Changed: session);
        }, ct)).Result;

    public async Task<(SessionWriteResult Result, AttendanceSession? Session)> ClockOutAsync(string workspaceId,
        string userId, AttendanceEvent clockOut,
        IdempotencyRecord? idempotency, Func<AttendanceSession, string> renderResponse, CancellationToken ct = default)
    {
        var (result, closed) = await WriteAsync(workspaceId, userId, idempotency, ledger =>
            Task.FromResult(ledger.OpenSession is { } open
            ? Close(ledger, open with { ClockOut = clockOut })
            : Plan.Refused), ct, closed => idempotency is null ? null
                : idempotency with { ResponseBody = renderResponse(closed) });
        return (result, closed);
    }

    public async Task<SessionWriteResult> AddPairAsync(AttendanceSession session, IdempotencyRecord? idempotency,
        CancellationToken ct = default) =>
        (await WriteAsync(session.WorkspaceId, session.UserId, idempotency, async ledger =>
        {
            var end = session.ClockOut!.Timestamp;
            if (ledger.OpenSession is { } open && AttendanceRules.Overlaps(open.Start, null, session.Start, end))
            {
                ledger = await WithoutStaleOpenAsync(ledger, ct);
                if (ledger.OpenSession is not null) return Plan.Refuse(SessionWriteResult.Overlaps);
            }
            if (await OverlapsClosedAsync(session, ct)) return Plan.Refuse(SessionWriteResult.Overlaps);
            return new Plan(SessionWriteResult.Written, ledger.Next(ledger.OpenSession, end), Create: session,
                Changed: session);
        }, ct)).Result;

    public async Task<bool> CloseAutomaticallyAsync(string workspaceId, string sessionId, AttendanceEvent clockOut,
        CancellationToken ct = default)
    {
        var session = (await Query(workspaceId, null, "c.sessionId = @id AND IS_NULL(c.outAt)", q =>
            q.WithParameter("@id", sessionId), ct)).FirstOrDefault();
        if (session is null) return false;
        var (result, _) = await WriteAsync(workspaceId, session.UserId, null, ledger =>
            Task.FromResult(ledger.OpenSession is { } open && open.Id == sessionId
            ? Close(ledger, open with { ClockOut = clockOut, AutoClockedOut = true })
            : Plan.Refused), ct);
        return result == SessionWriteResult.Written;
    }

    public async Task<bool> DeleteAsync(string workspaceId, string sessionId, CancellationToken ct = default)
    {
        var session = (await Query(workspaceId, null, "c.sessionId = @id", q => q.WithParameter("@id", sessionId),
            ct)).FirstOrDefault();
        if (session is null) return false;
        // The ledger lets go of the session first (it holds it while open, or as a stale copy after an unfinished
        // clock-out); deleting only the closed document would bring the session back as open.
        var (released, _) = await WriteAsync(workspaceId, session.UserId, null, ledger =>
            Task.FromResult(ledger.OpenSession?.Id == sessionId
            ? new Plan(SessionWriteResult.Written, ledger.Next(null), Changed: session)
            : Plan.Refused), ct);
        if (session.IsOpen) return released == SessionWriteResult.Written;
        await MarkDirtyAsync(session, ct);
        return await db.Attendance.DeleteIfExistsAsync(sessionId, Member(workspaceId, session.UserId), ct);
    }

    /// <summary>
    /// <see cref="IAttendanceImport"/>: days are marked dirty first, and each member's ledger learns its open session
    /// and latest end.
    /// </summary>
    public async Task ImportAsync(IReadOnlyList<AttendanceSession> sessions, CancellationToken ct = default)
    {
        foreach (var member in sessions.GroupBy(s => (s.WorkspaceId, s.UserId)))
        {
            foreach (var session in member) await MarkDirtyAsync(session, ct);
            await Parallel.ForEachAsync(member.Where(s => !s.IsOpen),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (session, token) =>
                await db.Attendance.UpsertItemAsync(AttendanceDoc.Closed(session), Member(session.WorkspaceId,
                    session.UserId), cancellationToken: token));
            var (ledger, _) = await LedgerAsync(member.Key.WorkspaceId, member.Key.UserId, ct);
            var open = member.SingleOrDefault(s => s.IsOpen) ?? ledger.OpenSession;
            var latestEnd = member.Where(s => !s.IsOpen).Select(s => (DateTimeOffset?)s.ClockOut!.Timestamp).Max();
            await db.Attendance.UpsertItemAsync(ledger.Next(open, latestEnd), Member(member.Key.WorkspaceId,
                member.Key.UserId), cancellationToken: ct);
        }
    }

    public async Task<AttendanceSession?> FindByEventAsync(string workspaceId, string eventId,
        CancellationToken ct = default) =>
        (await Query(workspaceId, null, "(c.sessionId = @event OR c.outId = @event)", q => q.WithParameter("@event",
            eventId), ct)).FirstOrDefault();

    public async Task<IReadOnlyList<AttendanceSession>> GetByDateAsync(string workspaceId,
        IReadOnlyCollection<string>? userIds, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        (await Query(workspaceId, userIds, "c.date >= @from AND c.date <= @to",
            q => q.WithParameter("@from", from.ToString("yyyy-MM-dd",
                CultureInfo.InvariantCulture)).WithParameter("@to", to.ToString("yyyy-MM-dd",
                    CultureInfo.InvariantCulture)), ct))
        .OrderBy(s => s.Start).ToList();

    public async Task<IReadOnlyList<AttendanceSession>> GetOverlappingAsync(string workspaceId,
        IReadOnlyCollection<string>? userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc,
            CancellationToken ct = default) =>
        (await Query(workspaceId, userIds, "c.inAt < @to AND (IS_NULL(c.outAt) OR c.outAt > @from)",
            q => q.WithParameter("@from", CosmosTime.Micros(fromUtc)).WithParameter("@to",
                CosmosTime.CeilingMicros(toUtc)), ct))
        .Where(s => AttendanceRules.Overlaps(s.Start, s.ClockOut?.Timestamp, fromUtc, toUtc))
        .OrderBy(s => s.UserId, StringComparer.Ordinal).ThenBy(s => s.Start).ToList();

    public async Task<IReadOnlyList<MemberSession>> GetWorkedSpansAsync(string workspaceId,
        IReadOnlyCollection<string>? userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc,
        CancellationToken ct = default) =>
        (await GetOverlappingAsync(workspaceId, userIds, fromUtc, toUtc, ct))
            .Select(s => new MemberSession(s.UserId, SessionRef.Of(s))).ToList();

    /// <summary>The first documents by clock-in only, not every session the workspace ever had.</summary>
    public async Task<DateTimeOffset?> GetFirstClockInAsync(string workspaceId, CancellationToken ct = default) =>
        (await Query(workspaceId, null, "true", q => q, ct, firstByInAt: "ASC")).Select(s =>
            (DateTimeOffset?)s.Start).Min();

    public async Task<IReadOnlyList<AttendanceSession>> GetLastBeforeAsync(string workspaceId,
        IReadOnlyCollection<string> userIds, DateTimeOffset beforeUtc, CancellationToken ct = default)
    {
        var result = new List<AttendanceSession>();
        foreach (var user in userIds.Distinct())
        {
            var last = (await Query(workspaceId, [user], "c.inAt < @before", q => q.WithParameter("@before",
                CosmosTime.CeilingMicros(beforeUtc)), ct,
                    firstByInAt: "DESC"))
                .Where(s => s.Start < beforeUtc).MaxBy(s => s.Start);
            if (last is not null) result.Add(last);
        }
        return result;
    }

    public async Task<IReadOnlyList<AttendanceSession>> GetOpenStartedBeforeAsync(string workspaceId,
        DateTimeOffset startedBefore, CancellationToken ct = default) =>
        (await Query(workspaceId, null, "IS_NULL(c.outAt) AND c.inAt < @before", q => q.WithParameter("@before",
            CosmosTime.CeilingMicros(startedBefore)), ct))
            .Where(s => s.Start < startedBefore).ToList();

    private static Plan Close(AttendanceDoc ledger, AttendanceSession closed) =>
        new(SessionWriteResult.Written, ledger.Next(null, closed.ClockOut!.Timestamp), Create: closed, Changed: closed);

    /// <summary>
    /// Reads the member's ledger, decides, then commits by writing the ledger with its ETag, in one transactional batch
    /// with the closed session the plan creates; losing that race decides again. The idempotency
    /// record is checked on retries (a racing twin may have won) and created last: if another request took the key
    /// meanwhile, this write is undone before <see cref="IdempotencyKeyTakenException"/>, so nothing of it remains.
    /// </summary>
    private async Task<(SessionWriteResult Result, AttendanceSession? Session)> WriteAsync(string workspaceId,
        string userId, IdempotencyRecord? idempotency,
        Func<AttendanceDoc, Task<Plan>> decide, CancellationToken ct, Func<AttendanceSession,
            IdempotencyRecord?>? idempotencyAfter = null)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (attempt > 0) await ThrowIfTakenAsync(idempotency, ct);
            var (ledger, etag) = await LedgerAsync(workspaceId, userId, ct);
            var plan = await decide(ledger);
            if (plan.Changed is not null
                && plan.Result == SessionWriteResult.Written) await MarkDirtyAsync(plan.Changed, ct);
            var (committed, alreadyClosed) = plan.Result != SessionWriteResult.Written ? (null, false)
                : plan.Create is { } created ? await TryCommitWithClosedAsync(plan.Ledger!, etag, created, ct)
                : (await TryCommitAsync(plan.Ledger!, etag, ct), false);
            // A closed document already there means another clock-out of this session got there first (or, before
            // batches, died before clearing the ledger): the session is closed.
            if (alreadyClosed) plan = Plan.Refused;
            if (plan.Result != SessionWriteResult.Written)
            {
                // A retry racing its own original can see the original's session before its idempotency record:
                // give that record a moment to appear, so the retry replays instead of reporting a conflict.
                await WaitForIdempotencyRecordAsync(idempotency, ct);
                return (plan.Result, null);
            }
            if (committed is null) continue;
            var record = plan.Changed is not null && idempotencyAfter is not null ? idempotencyAfter(plan.Changed)
                : idempotency;
            if (record is not null && !await TryCreateIdempotencyAsync(record, ct))
            {
                await UndoAsync(plan, ledger, etag, committed, ct);
                throw new IdempotencyKeyTakenException();
            }
            return (SessionWriteResult.Written, plan.Changed);
        }
        throw new Core.Storage.ConcurrencyConflictException();
    }

    /// <summary>
    /// Creates the closed session and writes the ledger (if still the version read) in one transactional batch. The new
    /// ledger ETag, or null when the ledger moved on; <c>AlreadyClosed</c> when the session's closed document exists.
    /// </summary>
    private async Task<(string? ETag, bool AlreadyClosed)> TryCommitWithClosedAsync(AttendanceDoc ledger,
        string? etag, AttendanceSession closed, CancellationToken ct)
    {
        var quiet = new TransactionalBatchItemRequestOptions { EnableContentResponseOnWrite = false };
        var batch = db.Attendance.CreateTransactionalBatch(Member(ledger.WorkspaceId, ledger.UserId))
            .CreateItem(AttendanceDoc.Closed(closed), quiet);
        batch = etag is null ? batch.CreateItem(ledger, quiet)
            : batch.ReplaceItem(ledger.Id, ledger, new TransactionalBatchItemRequestOptions
                { IfMatchEtag = etag, EnableContentResponseOnWrite = false });
        using var response = await batch.ExecuteAsync(ct);
        return response.StatusCode switch
        {
            _ when response.IsSuccessStatusCode => (response[1].ETag, false),
            HttpStatusCode.PreconditionFailed => (null, false),
            // Without an ETag the conflict may be a ledger created meanwhile: decide again. With one, only the closed
            // document can conflict.
            HttpStatusCode.Conflict => (null, etag is not null),
            _ => throw response.Failure(),
        };
    }

    /// <summary>Writes the ledger if it is still the version read (no ETag: if it still does not exist); the new ETag,
    /// or null.</summary>
    private async Task<string?> TryCommitAsync(AttendanceDoc ledger, string? etag, CancellationToken ct)
    {
        var partition = Member(ledger.WorkspaceId, ledger.UserId);
        try
        {
            var response = etag is null
                ? await db.Attendance.CreateItemAsync(ledger, partition, cancellationToken: ct)
                : await db.Attendance.ReplaceItemAsync(ledger, ledger.Id, partition,
                    new ItemRequestOptions { IfMatchEtag = etag }, ct);
            return response.ETag;
        }
        catch (CosmosException e) when (e.IsPreconditionFailed() || e.IsConflict())
        {
            return null;
        }
    }

    /// <summary>
    /// Takes back a committed write whose idempotency key another request took: the closed document it created goes,
    /// and the ledger returns to what it held, unless someone has written it since (then they acted on what they saw).
    /// </summary>
    private async Task UndoAsync(Plan plan, AttendanceDoc before, string? beforeETag, string committedETag,
        CancellationToken ct)
    {
        var partition = Member(before.WorkspaceId, before.UserId);
        if (plan.Create is not null) await db.Attendance.DeleteIfExistsAsync(plan.Create.Id, partition, ct);
        var restored = beforeETag is null ? before.Next(null) : before with { Version = plan.Ledger!.Version + 1 };
        try
        {
            await db.Attendance.ReplaceItemAsync(restored, restored.Id, partition,
                new ItemRequestOptions { IfMatchEtag = committedETag }, ct);
        }
        catch (CosmosException e) when (e.IsPreconditionFailed())
        {
        }
    }

    private async Task<bool> TryCreateIdempotencyAsync(IdempotencyRecord record, CancellationToken ct)
    {
        try
        {
            await db.Idempotency.CreateItemAsync(CosmosIdempotencyStore.Document.From(record),
                CosmosIdempotencyStore.PartitionFor(record.WorkspaceId, record.CallerId), cancellationToken: ct);
            return true;
        }
        catch (CosmosException e) when (e.IsConflict())
        {
            return false;
        }
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
        if (existing is not null
            && !existing.ToRecord().IsExpired(record.CreatedAt)) throw new IdempotencyKeyTakenException();
    }

    /// <summary>The member's ledger and its ETag; a member who never clocked in has an empty one and no ETag
    /// yet.</summary>
    private async Task<(AttendanceDoc Ledger, string? ETag)> LedgerAsync(string workspaceId, string userId,
        CancellationToken ct)
    {
        var (ledger, etag) = await db.Attendance.ReadAsync<AttendanceDoc>(AttendanceDoc.LedgerId(userId),
            Member(workspaceId, userId), ct);
        return ledger is null ? (AttendanceDoc.EmptyLedger(workspaceId, userId), null) : (ledger, etag);
    }

    /// <summary>The ledger without its open session if a closed document of that session exists (an unfinished
    /// clock-out).</summary>
    private async Task<AttendanceDoc> WithoutStaleOpenAsync(AttendanceDoc ledger, CancellationToken ct)
    {
        if (ledger.OpenSession is not { } open) return ledger;
        var (closed, _) = await db.Attendance.ReadAsync<AttendanceDoc>(open.Id, Member(ledger.WorkspaceId,
            ledger.UserId), ct);
        return closed is null ? ledger : ledger.Next(null, closed.Out!.Timestamp) with { Version = ledger.Version };
    }

    private async Task<bool> OverlapsClosedAsync(AttendanceSession session, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT c.id FROM c WHERE c.workspaceId = @ws AND c.userId = @user AND c.type = 'session' AND c.outAt > @start AND (IS_NULL(@end) OR c.inAt < @end)")
            .WithParameter("@ws", session.WorkspaceId).WithParameter("@user", session.UserId)
            .WithParameter("@start", CosmosTime.Micros(session.Start)).WithParameter("@end",
                session.ClockOut is null ? null : CosmosTime.CeilingMicros(session.ClockOut.Timestamp));
        return (await db.Attendance.QueryAsync<IdOnly>(query, Member(session.WorkspaceId, session.UserId), ct,
            limit: 1)).Count > 0;
    }

    private Task MarkDirtyAsync(AttendanceSession session, CancellationToken ct)
    {
        var days = ZoneDays.UtcDaysTouched(session.Start.UtcTicks, session.WorkedUntil(clock.GetUtcNow()).UtcTicks);
        return rollups.MarkDirtyAsync(session.WorkspaceId, session.UserId, days, ct);
    }

    /// <summary>
    /// Sessions matching <paramref name="where"/>, closed and open alike. An open session whose closed document also
    /// exists is the stale copy of an unfinished clock-out and is left out; when the page alone cannot tell, one more
    /// query asks.
    /// </summary>
    /// <param name="firstByInAt">
    /// Only the first sessions in clock-in order (<c>ASC</c> or <c>DESC</c>): three documents, since an unfinished
    /// clock-out leaves the ledger's stale copy beside the closed session (same clock-in), and a bound rounded to
    /// microseconds can let one session too many through.
    /// </param>
    private async Task<List<AttendanceSession>> Query(string workspaceId, IReadOnlyCollection<string>? userIds,
        string where, Func<QueryDefinition, QueryDefinition> bind, CancellationToken ct, string? firstByInAt = null)
    {
        if (userIds is { Count: 0 }) return [];
        var single = userIds is { Count: 1 };
        var users = single ? " AND c.userId = @user" : userIds is null ? "" : " AND ARRAY_CONTAINS(@users, c.userId)";
        var (top, order) = firstByInAt is null ? ("", "") : ("TOP 3 ", $" ORDER BY c.inAt {firstByInAt}");
        var query = bind(new QueryDefinition($"SELECT {top}* FROM c WHERE c.workspaceId = @ws AND {HoldsSession}{users} AND {where}{order}")
            .WithParameter("@ws", workspaceId));
        if (single) query = query.WithParameter("@user", userIds!.First());
        else if (userIds is not null) query = query.WithParameter("@users", userIds.Distinct().ToArray());
        var partition = single ? Member(workspaceId, userIds!.First()) : Workspace(workspaceId);
        var docs = await db.Attendance.QueryAsync<AttendanceDoc>(query, partition, ct);

        var closed = docs.Where(d => !d.IsLedger).ToList();
        var closedIds = closed.Select(d => d.Id).ToHashSet();
        var open = docs.Where(d => d.IsLedger && !closedIds.Contains(d.SessionId!)).ToList();
        if (open.Count > 0)
        {
            var stale = await ClosedAmongAsync(workspaceId, partition, open.Select(d => d.SessionId!).ToArray(), ct);
            open.RemoveAll(d => stale.Contains(d.SessionId!));
        }
        return closed.Concat(open).Select(d => d.ToSession()).ToList();
    }

    private async Task<HashSet<string>> ClosedAmongAsync(string workspaceId, PartitionKey partition,
        string[] sessionIds, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT c.id FROM c WHERE c.workspaceId = @ws AND c.type = 'session' AND ARRAY_CONTAINS(@ids, c.id)")
            .WithParameter("@ws", workspaceId).WithParameter("@ids", sessionIds);
        return (await db.Attendance.QueryAsync<IdOnly>(query, partition, ct)).Select(d => d.Id).ToHashSet();
    }
}

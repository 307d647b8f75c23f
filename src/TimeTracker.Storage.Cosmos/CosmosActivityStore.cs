using System.Net;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Time;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Storage;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Samples in <c>activity</c>, partitioned by (workspace, member), in hourly buckets (<see cref="SampleBuckets"/>): a
/// batch costs a query and a write per UTC hour it touches, whatever its size. A sample is identified by its client id
/// and its start, as on SQLite; a re-sent one is found in its bucket and counted as a duplicate. A workspace's
/// retention
/// becomes the bucket's TTL (from its latest sample's end). Documents of the earlier one-document-per-sample layout
/// (no <c>type</c>, an <c>idle</c> flag) stay readable until their own TTL or a one-off purge removes them
/// (docs/ARCHITECTURE.md, Storage).
/// </summary>
public sealed class CosmosActivityStore(CosmosDatabase db, CosmosRollupStore rollups, TimeProvider clock)
    : IActivityStore
{
    private const int MembersInParallel = 8;

    private readonly ActivitySessionDocuments _sessions = new(db.Activity);
    private readonly SampleBuckets _buckets = new(db.Activity);

    /// <summary>A sample of the earlier layout: startAt/endAt in Unix microseconds (<see
    /// cref="CosmosTime"/>).</summary>
    private sealed record Document(string Id, string WorkspaceId, string UserId, long StartAt, long EndAt, bool Idle);

    public Task<IngestResult> AddAsync(Workspace workspace, string userId, IReadOnlyList<ActivitySample> samples,
        CancellationToken ct = default) => AddAsync(workspace, [new MemberSamples(userId, samples)], ct);

    /// <summary>
    /// In attendance mode every member's samples go together: one query finds the buckets of every (member, hour) the
    /// batch touches and each gets one write. In activity mode each member's part also merges that member's derived
    /// sessions, so the parts go one member at a time.
    /// </summary>
    public async Task<IngestResult> AddAsync(Workspace workspace, IReadOnlyList<MemberSamples> batch,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (workspace.DerivedSessionGap is { } gap)
        {
            // Members' parts touch disjoint partitions: they go side by side.
            var accepted = 0;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = MembersInParallel,
                CancellationToken = ct }, async (part, token) => Interlocked.Add(ref accepted,
                (await AddDerivingAsync(workspace, part.UserId, part.Samples, gap, now, token)).Accepted));
            return new IngestResult(accepted, batch.Sum(part => part.Samples.Count) - accepted);
        }
        // Mark first: a crash after marking costs a recomputation, a crash before writing loses nothing acknowledged.
        foreach (var (userId, samples) in batch)
            await rollups.MarkDirtyAsync(workspace.Id, userId, IdleDays(samples), ct);
        return await WriteSamplesAsync(workspace, batch, now, ct);
    }

    private static IEnumerable<long> IdleDays(IEnumerable<ActivitySample> samples) => samples
        .Where(s => s.State == ActivityState.Idle)
        .SelectMany(s => ZoneDays.UtcDaysTouched(s.Start.UtcTicks, s.End.UtcTicks)).Distinct();

    private async Task<IngestResult> AddDerivingAsync(Workspace workspace, string userId,
        IReadOnlyList<ActivitySample> samples, TimeSpan gap, DateTimeOffset now, CancellationToken ct)
    {
        if (samples.Count == 0) return new IngestResult(0, 0);
        // Samples before sessions: a batch re-sent after a crash finds its samples (duplicates) and merges them again.
        var intervals = samples.Select(s => TimeRange.Of(s.Start, s.End)).ToList();
        IngestResult? result = null;
        await OptimisticRetry.RunAsync(async () =>
        {
            var reach = ActivitySession.Reach(intervals, gap);
            var stored = (await _sessions.QueryAsync(workspace.Id, [userId], reach.Start, reach.End, ct))
                .Where(d => d.ToSession() is var s && s.End >= reach.Start && s.Start <= reach.End).ToList();
            var change = ActivitySession.Merge(userId, stored.Select(d => d.ToSession()).ToList(), intervals, gap);
            await rollups.MarkDirtyAsync(workspace.Id, userId, IdleDays(samples).Concat(change.DaysTouched())
                .Distinct(), ct);
            result ??= await WriteSamplesAsync(workspace, [new MemberSamples(userId, samples)], now, ct);
            await _sessions.ApplyAsync(workspace.Id, userId, change, stored.ToDictionary(d => d.Id, d => d.ETag), ct);
            return true;
        });
        return result!;
    }

    private async Task<IngestResult> WriteSamplesAsync(Workspace workspace, IReadOnlyList<MemberSamples> batch,
        DateTimeOffset now, CancellationToken ct)
    {
        int? Ttl(long endTicks) => workspace.ActivityRetentionDays is { } days
            ? Math.Max(1, (int)(TimeRange.ToInstant(endTicks) + TimeSpan.FromDays(days) - now).TotalSeconds)
            : null;
        var appends = batch
            .SelectMany(m => m.Samples.Select(s => (m.UserId, Sample: SampleBuckets.StoredSample.Of(s))))
            .GroupBy(x => (x.UserId, Hour: SampleBuckets.HourOf(x.Sample.Start)))
            .Select(g => new SampleBuckets.Append(g.Key.UserId, g.Key.Hour, g.Select(x => x.Sample).ToList()))
            .ToList();
        var accepted = await _buckets.AppendManyAsync(workspace.Id, appends, Ttl, ct);
        return new IngestResult(accepted, batch.Sum(m => m.Samples.Count) - accepted);
    }

    /// <summary>One query over the workspace's prefix of the hierarchical key per layout, not one per member.</summary>
    public async Task<IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)>> GetIdleAsync(
        string workspaceId, IReadOnlyCollection<string>? userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc,
            CancellationToken ct = default)
    {
        if (userIds is { Count: 0 }) return [];
        var (from, to) = (fromUtc.UtcTicks, toUtc.UtcTicks);
        var buckets = _buckets.QueryAsync(workspaceId, userIds, from, to, ct);
        var legacy = LegacySamplesAsync(workspaceId, userIds,
            "c.idle = true AND c.startAt >= @lower AND c.startAt < @to AND c.endAt > @from",
            q => q.WithParameter("@lower",
                CosmosTime.Micros(fromUtc - ActivitySample.MaxLength)).WithParameter("@to",
                    CosmosTime.CeilingMicros(toUtc))
                .WithParameter("@from", CosmosTime.Micros(fromUtc)), ct);
        var fromBuckets = (await buckets).SelectMany(b => b.Entries().Where(e => e.Idle && e.Start < to
            && e.End > from).Select(e => (b.UserId, e.Start, e.End)));
        var fromLegacy = (await legacy).Select(d => (d.UserId, Start: CosmosTime.Ticks(d.StartAt),
            End: CosmosTime.Ticks(d.EndAt)));
        return fromBuckets.Concat(fromLegacy).Distinct()
            .Select(r => (r.UserId, TimeRange.ToInstant(r.Start), TimeRange.ToInstant(r.End)))
            .OrderBy(r => r.UserId, StringComparer.Ordinal).ThenBy(r => r.Item2).ToList();
    }

    /// <summary>Samples of the earlier one-document-per-sample layout: documents without a <c>type</c>.</summary>
    private Task<List<Document>> LegacySamplesAsync(string workspaceId, IReadOnlyCollection<string>? userIds,
        string where, Func<QueryDefinition, QueryDefinition> bind, CancellationToken ct)
    {
        var users = userIds is null ? "" : " AND ARRAY_CONTAINS(@users, c.userId)";
        var query = bind(new QueryDefinition($"SELECT * FROM c WHERE c.workspaceId = @ws{users} AND {where}")
            .WithParameter("@ws", workspaceId));
        if (userIds is not null) query = query.WithParameter("@users", userIds.Distinct().ToArray());
        return db.Activity.QueryAsync<Document>(query, MemberPartitions.Workspace(workspaceId), ct);
    }

    public async Task<IReadOnlyList<ActivitySession>> GetSessionsAsync(string workspaceId,
        IReadOnlyCollection<string>? userIds,
        DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default)
    {
        if (userIds is { Count: 0 }) return [];
        return (await _sessions.QueryAsync(workspaceId, userIds, fromUtc.UtcTicks, toUtc.UtcTicks, ct)).Select(d =>
            d.ToSession())
            .Where(s => s.End > fromUtc.UtcTicks && s.Start < toUtc.UtcTicks)
            .OrderBy(s => s.UserId, StringComparer.Ordinal).ThenBy(s => s.Start).ToList();
    }

    public async Task<IReadOnlyList<ActivitySession>> GetLastSessionsBeforeAsync(string workspaceId,
        IReadOnlyCollection<string> userIds, DateTimeOffset beforeUtc, CancellationToken ct = default)
    {
        var last = new List<ActivitySession>();
        foreach (var user in userIds.Distinct())
        {
            var session = (await _sessions.QueryAsync(workspaceId, [user], long.MinValue / 2, beforeUtc.UtcTicks, ct,
                firstByStart: "DESC"))
                .Select(d => d.ToSession()).Where(s => s.Start < beforeUtc.UtcTicks).MaxBy(s => s.Start);
            if (session is not null) last.Add(session);
        }
        return last;
    }

    public async Task<DateTimeOffset?> GetFirstSessionStartAsync(string workspaceId, CancellationToken ct = default) =>
        (await _sessions.QueryAsync(workspaceId, null, long.MinValue / 2, long.MaxValue / 2, ct, firstByStart: "ASC"))
            .Select(d => (DateTimeOffset?)TimeRange.ToInstant(d.ToSession().Start)).Min();

    public async Task RebuildSessionsAsync(string workspaceId, TimeSpan sessionGap, CancellationToken ct = default)
    {
        var stored = await _sessions.QueryAsync(workspaceId, null, long.MinValue / 2, long.MaxValue / 2, ct);
        var buckets = await _buckets.QueryAsync(workspaceId, null, long.MinValue / 4, long.MaxValue / 4, ct);
        var legacy = await LegacySamplesAsync(workspaceId, null, "(c.idle = true OR c.idle = false)", q => q, ct);
        var coverage = stored.Select(d => d.ToSession()).SelectMany(s => s.Coverage.Items.Select(i => (s.UserId,
            Range: i)))
            .Concat(buckets.SelectMany(b => b.Entries().Select(e => (b.UserId, Range: new TimeRange(e.Start, e.End)))))
            .Concat(legacy.Select(d => (d.UserId, Range: new TimeRange(CosmosTime.Ticks(d.StartAt),
                CosmosTime.Ticks(d.EndAt)))));
        foreach (var member in coverage.GroupBy(c => c.UserId))
        {
            var mine = stored.Where(d => d.UserId == member.Key).ToList();
            var rebuilt = ActivitySession.Derive(member.Key, IntervalSet.Union(member.Select(c => c.Range)),
                sessionGap);
            await _sessions.ApplyAsync(workspaceId, member.Key, new SessionChange(mine.Select(d =>
                d.ToSession()).ToList(), rebuilt), mine.ToDictionary(d => d.Id, d => d.ETag), ct);
        }
    }

    /// <summary>Retention is enforced by per-item TTL set at write time; nothing to delete here.</summary>
    public Task<int> PurgeAsync(string workspaceId, DateTimeOffset endedBefore, CancellationToken ct = default) =>
        Task.FromResult(0);
}

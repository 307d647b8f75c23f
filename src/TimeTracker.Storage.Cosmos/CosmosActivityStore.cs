using System.Net;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Time;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Storage;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Samples in <c>activity</c>, partitioned by (workspace, member). A sample is identified by its client id and its
/// start, as on SQLite: the document id is both, so a re-sent sample collides (409) and is counted as a duplicate,
/// while an id reused for another start is another sample. (Documents written before this rule are keyed by the
/// client id alone; a tracker re-sending such an old batch after the upgrade would store it once more.) A workspace's retention becomes a per-item TTL.
/// Without bulk or batch support every sample is one request (docs/ARCHITECTURE.md, Storage); writes run a few at a time.
/// </summary>
public sealed class CosmosActivityStore(CosmosDatabase db, IWorkspaceStore workspaces, CosmosRollupStore rollups, TimeProvider clock) : IActivityStore
{
    private const int Parallelism = 16;
    private readonly ActivitySessionDocuments _sessions = new(db.Activity);

    /// <summary>startAt/endAt in Unix microseconds (<see cref="CosmosTime"/>): samples keep microsecond precision here.</summary>
    private sealed record Document(string Id, string WorkspaceId, string UserId, long StartAt, long EndAt, bool Idle,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? Ttl);

    private static PartitionKey PartitionFor(string workspaceId, string userId) => new PartitionKeyBuilder().Add(workspaceId).Add(userId).Build();

    public async Task<IngestResult> AddAsync(string workspaceId, string userId, IReadOnlyList<ActivitySample> samples, TimeSpan? sessionGap,
        CancellationToken ct = default)
    {
        var retention = (await workspaces.GetAsync(workspaceId, ct))?.ActivityRetentionDays;
        var now = clock.GetUtcNow();
        var idleDays = samples.Where(s => s.State == ActivityState.Idle).SelectMany(s => ZoneDays.UtcDaysTouched(s.Start.UtcTicks, s.End.UtcTicks));
        if (sessionGap is not { } gap || samples.Count == 0)
        {
            // Mark first: a crash after marking costs a recomputation, a crash before writing loses nothing acknowledged.
            await rollups.MarkDirtyAsync(workspaceId, userId, idleDays.Distinct(), ct);
            return await WriteSamplesAsync(workspaceId, userId, samples, retention, now, ct);
        }

        // Samples before sessions: a batch re-sent after a crash finds its samples (duplicates) and merges them again.
        var intervals = samples.Select(s => TimeRange.Of(s.Start, s.End)).ToList();
        IngestResult? result = null;
        await OptimisticRetry.RunAsync(async () =>
        {
            var reach = ActivitySession.Reach(intervals, gap);
            var stored = (await _sessions.QueryAsync(workspaceId, [userId], reach.Start, reach.End, ct))
                .Where(d => d.ToSession() is var s && s.End >= reach.Start && s.Start <= reach.End).ToList();
            var change = ActivitySession.Merge(userId, stored.Select(d => d.ToSession()).ToList(), intervals, gap);
            await rollups.MarkDirtyAsync(workspaceId, userId, idleDays.Concat(change.DaysTouched()).Distinct(), ct);
            result ??= await WriteSamplesAsync(workspaceId, userId, samples, retention, now, ct);
            await _sessions.ApplyAsync(workspaceId, userId, change, stored.ToDictionary(d => d.Id, d => d.ETag), ct);
            return true;
        });
        return result!;
    }

    private async Task<IngestResult> WriteSamplesAsync(string workspaceId, string userId, IReadOnlyList<ActivitySample> samples, int? retention,
        DateTimeOffset now, CancellationToken ct)
    {
        var partition = PartitionFor(workspaceId, userId);
        var accepted = 0;
        await Parallel.ForEachAsync(samples.DistinctBy(s => (s.Id, s.Start)), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (sample, token) =>
        {
            int? ttl = retention is { } days ? Math.Max(1, (int)(sample.End + TimeSpan.FromDays(days) - now).TotalSeconds) : null;
            var doc = new Document(DocumentId(sample), workspaceId, userId, CosmosTime.Micros(sample.Start), CosmosTime.Micros(sample.End), sample.State == ActivityState.Idle, ttl);
            using var response = await db.Activity.CreateItemStreamAsync(Serialize(doc), partition, cancellationToken: token);
            if (response.IsSuccessStatusCode) Interlocked.Increment(ref accepted);
            else if (response.StatusCode != HttpStatusCode.Conflict) response.EnsureSuccessStatusCode();
        });
        return new IngestResult(accepted, samples.Count - accepted);
    }

    /// <summary>One query over the workspace's prefix of the hierarchical key, not one per member.</summary>
    public async Task<IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)>> GetIdleAsync(
        string workspaceId, IReadOnlyCollection<string> userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default)
    {
        if (userIds.Count == 0) return [];
        var query = new QueryDefinition("SELECT * FROM c WHERE c.workspaceId = @ws AND ARRAY_CONTAINS(@users, c.userId) AND c.idle = true AND c.startAt >= @lower AND c.startAt < @to AND c.endAt > @from")
            .WithParameter("@ws", workspaceId).WithParameter("@users", userIds.Distinct().ToArray()).WithParameter("@lower", CosmosTime.Micros(fromUtc - ActivitySample.MaxLength))
            .WithParameter("@to", CosmosTime.CeilingMicros(toUtc)).WithParameter("@from", CosmosTime.Micros(fromUtc));
        return (await db.Activity.QueryAsync<Document>(query, new PartitionKeyBuilder().Add(workspaceId).Build(), ct))
            .Select(d => (d.UserId, CosmosTime.Instant(d.StartAt), CosmosTime.Instant(d.EndAt)))
            .OrderBy(r => r.UserId, StringComparer.Ordinal).ThenBy(r => r.Item2).ToList();
    }

    public async Task<IReadOnlyList<ActivitySession>> GetSessionsAsync(string workspaceId, IReadOnlyCollection<string>? userIds,
        DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default)
    {
        if (userIds is { Count: 0 }) return [];
        return (await _sessions.QueryAsync(workspaceId, userIds, fromUtc.UtcTicks, toUtc.UtcTicks, ct)).Select(d => d.ToSession())
            .Where(s => s.End > fromUtc.UtcTicks && s.Start < toUtc.UtcTicks)
            .OrderBy(s => s.UserId, StringComparer.Ordinal).ThenBy(s => s.Start).ToList();
    }

    public async Task<IReadOnlyList<ActivitySession>> GetLastSessionsBeforeAsync(string workspaceId, IReadOnlyCollection<string> userIds,
        DateTimeOffset beforeUtc, CancellationToken ct = default)
    {
        if (userIds.Count == 0) return [];
        return (await _sessions.QueryAsync(workspaceId, userIds, long.MinValue / 2, beforeUtc.UtcTicks, ct)).Select(d => d.ToSession())
            .Where(s => s.Start < beforeUtc.UtcTicks).GroupBy(s => s.UserId).Select(g => g.MaxBy(s => s.Start)!).ToList();
    }

    public async Task<DateTimeOffset?> GetFirstSessionStartAsync(string workspaceId, CancellationToken ct = default) =>
        (await _sessions.QueryAsync(workspaceId, null, long.MinValue / 2, long.MaxValue / 2, ct))
            .Select(d => (DateTimeOffset?)TimeRange.ToInstant(d.ToSession().Start)).Min();

    public async Task RebuildSessionsAsync(string workspaceId, TimeSpan sessionGap, CancellationToken ct = default)
    {
        var stored = await _sessions.QueryAsync(workspaceId, null, long.MinValue / 2, long.MaxValue / 2, ct);
        var samples = await db.Activity.QueryAsync<Document>(new QueryDefinition("SELECT * FROM c WHERE c.workspaceId = @ws AND (c.idle = true OR c.idle = false)")
            .WithParameter("@ws", workspaceId), new PartitionKeyBuilder().Add(workspaceId).Build(), ct);
        var coverage = stored.Select(d => d.ToSession()).SelectMany(s => s.Coverage.Items.Select(i => (s.UserId, Range: i)))
            .Concat(samples.Select(d => (d.UserId, Range: new TimeRange(CosmosTime.Ticks(d.StartAt), CosmosTime.Ticks(d.EndAt)))));
        foreach (var member in coverage.GroupBy(c => c.UserId))
        {
            var mine = stored.Where(d => d.UserId == member.Key).ToList();
            var rebuilt = ActivitySession.Derive(member.Key, IntervalSet.Union(member.Select(c => c.Range)), sessionGap);
            await _sessions.ApplyAsync(workspaceId, member.Key, new SessionChange(mine.Select(d => d.ToSession()).ToList(), rebuilt),
                mine.ToDictionary(d => d.Id, d => d.ETag), ct);
        }
    }

    /// <summary>Retention is enforced by per-item TTL set at write time; nothing to delete here.</summary>
    public Task<int> PurgeAsync(string workspaceId, DateTimeOffset endedBefore, CancellationToken ct = default) => Task.FromResult(0);

    private static string DocumentId(ActivitySample sample) => $"{CosmosTime.Micros(sample.Start)}_{sample.Id}";

    private static MemoryStream Serialize(Document doc) => new(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(doc, CosmosDatabase.Json));
}

using System.Globalization;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Storage;
using TimeTracker.Core.Time;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Samples stored as time series usually are on Cosmos DB: one <c>type: "bucket"</c> document per member per UTC hour
/// of the samples' starts, appended to under its ETag, so a batch costs a query and a write per hour it touches
/// instead of a write per sample. A bucket holds at most <see cref="Capacity"/> samples (~200 KB, far below the 2 MB
/// document limit); an hour with more spills into the next document of its chain
/// (<c>bucket_&lt;member&gt;_&lt;hour&gt;_&lt;n&gt;</c>;
/// the member is redundant on Cosmos DB, where ids are unique per partition, but the local test server keeps them
/// unique
/// per container).
/// Entries are "id|startTicks|endTicks|i" (i: 1 idle, 0 active), exact and compact.
/// </summary>
internal sealed class SampleBuckets(Container container)
{
    public const int Capacity = 3600;

    public sealed record Bucket(string Id, string Type, string WorkspaceId, string UserId, long Hour, long StartAt,
        long EndAt, List<string> Samples,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? Ttl = null,
        [property: System.Text.Json.Serialization.JsonPropertyName("_etag"),
                   System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        string? ETag = null)
    {
        public int Sequence => int.Parse(Id.AsSpan(Id.LastIndexOf('_') + 1), CultureInfo.InvariantCulture);

        public IEnumerable<StoredSample> Entries() => Samples.Select(StoredSample.Parse);
    }

    /// <summary>A sample as a bucket keeps it.</summary>
    public readonly record struct StoredSample(Guid Id, long Start, long End, bool Idle)
    {
        public (Guid, long) Key => (Id, Start);

        public static StoredSample Of(ActivitySample s) => new(s.Id, s.Start.UtcTicks, s.End.UtcTicks,
            s.State == ActivityState.Idle);

        public static StoredSample Parse(string entry)
        {
            var parts = entry.Split('|');
            return new StoredSample(Guid.Parse(parts[0]), long.Parse(parts[1], CultureInfo.InvariantCulture),
                long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3] == "1");
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Id:N}|{Start}|{End}|{(Idle ? 1 : 0)}");
    }

    public static long HourOf(long ticks) => Math.DivRem(ticks, TimeSpan.TicksPerHour, out var rest) - (rest < 0
        ? 1 : 0);

    /// <summary>One (member, hour) chain's share of a batch.</summary>
    public sealed record Append(string UserId, long Hour, IReadOnlyList<StoredSample> Samples);

    /// <summary>Pairs per query: keeps each query's text and parameter list small.</summary>
    private const int ChainsPerQuery = 50;

    private const int Parallelism = 16;

    /// <summary>
    /// Appends to many chains: one query finds them all (per <see cref="ChainsPerQuery"/>), then one write per chain,
    /// in parallel. A chain whose write loses a race appends again from a fresh read. Returns how many samples were
    /// new.
    /// </summary>
    public async Task<int> AppendManyAsync(string workspaceId, IReadOnlyList<Append> appends,
        Func<long, int?> ttlForEnd, CancellationToken ct)
    {
        var found = new Dictionary<(string, long), List<Bucket>>();
        foreach (var chunk in appends.Chunk(ChainsPerQuery))
            foreach (var bucket in await QueryChainsAsync(workspaceId, chunk, ct))
                (found.TryGetValue((bucket.UserId, bucket.Hour), out var chain) ? chain
                    : found[(bucket.UserId, bucket.Hour)] = []).Add(bucket);
        var accepted = 0;
        await Parallel.ForEachAsync(appends, new ParallelOptions { MaxDegreeOfParallelism = Parallelism,
            CancellationToken = ct }, async (append, token) =>
        {
            var chain = found.GetValueOrDefault((append.UserId, append.Hour)) ?? [];
            int added;
            try
            {
                added = await AppendToAsync(workspaceId, append, chain.OrderBy(b => b.Sequence).ToList(), ttlForEnd,
                    token);
            }
            catch (ConcurrencyConflictException)
            {
                added = await OptimisticRetry.RunAsync(async () => await AppendToAsync(workspaceId, append,
                    await ReadChainAsync(workspaceId, append.UserId, append.Hour, token), ttlForEnd, token));
            }
            Interlocked.Add(ref accepted, added);
        });
        return accepted;
    }

    private async Task<List<Bucket>> QueryChainsAsync(string workspaceId, Append[] appends,
        CancellationToken ct)
    {
        var pairs = string.Join(" OR ", appends.Select((_, i) => $"(c.userId = @u{i} AND c.hour = @h{i})"));
        var query = new QueryDefinition(
                $"SELECT * FROM c WHERE c.workspaceId = @ws AND c.type = 'bucket' AND ({pairs})")
            .WithParameter("@ws", workspaceId);
        for (var i = 0; i < appends.Length; i++)
            query = query.WithParameter($"@u{i}", appends[i].UserId).WithParameter($"@h{i}", appends[i].Hour);
        var partition = appends.Select(a => a.UserId).Distinct().Count() == 1
            ? MemberPartitions.Member(workspaceId, appends[0].UserId) : MemberPartitions.Workspace(workspaceId);
        return await container.QueryAsync<Bucket>(query, partition, ct);
    }

    private async Task<List<Bucket>> ReadChainAsync(string workspaceId, string userId, long hour,
        CancellationToken ct) =>
        (await container.QueryAsync<Bucket>(new QueryDefinition(
                "SELECT * FROM c WHERE c.workspaceId = @ws AND c.userId = @user AND c.type = 'bucket' " +
                "AND c.hour = @hour")
            .WithParameter("@ws", workspaceId).WithParameter("@user", userId).WithParameter("@hour", hour),
                MemberPartitions.Member(workspaceId, userId), ct))
        .OrderBy(b => b.Sequence).ToList();

    /// <summary>Appends what the chain (read before, in sequence order) does not hold yet.</summary>
    private async Task<int> AppendToAsync(string workspaceId, Append append, List<Bucket> chain,
        Func<long, int?> ttlForEnd, CancellationToken ct)
    {
        var (userId, hour, samples) = append;
        var partition = MemberPartitions.Member(workspaceId, userId);
        var seen = chain.SelectMany(b => b.Entries()).Select(e => e.Key).ToHashSet();
        var fresh = samples.Where(s => seen.Add(s.Key)).ToList();
        if (fresh.Count == 0) return 0;
        var last = chain.LastOrDefault();
        var offset = 0;
        if (last is not null && last.Samples.Count < Capacity)
        {
            var take = fresh.Take(Capacity - last.Samples.Count).ToList();
            offset = take.Count;
            await WriteAsync(last with { Samples = [.. last.Samples, .. take.Select(t => t.ToString())] }, take,
                ttlForEnd, partition, ct);
        }
        for (var sequence = (last?.Sequence ?? -1) + 1; offset < fresh.Count; sequence++, offset += Capacity)
        {
            var part = fresh.Skip(offset).Take(Capacity).ToList();
            var bucket = new Bucket(string.Create(CultureInfo.InvariantCulture,
                $"bucket_{userId}_{hour}_{sequence}"), "bucket", workspaceId, userId, hour,
                CosmosTime.Micros(hour * TimeSpan.TicksPerHour), long.MinValue, [.. part.Select(p =>
                    p.ToString())]);
            await WriteAsync(bucket, part, ttlForEnd, partition, ct);
        }
        return fresh.Count;
    }

    private async Task WriteAsync(Bucket bucket, IReadOnlyList<StoredSample> added, Func<long, int?> ttlForEnd,
        PartitionKey partition, CancellationToken ct)
    {
        var endAt = Math.Max(bucket.EndAt, CosmosTime.CeilingMicros(added.Max(a => a.End)));
        var updated = bucket with { EndAt = endAt, Ttl = ttlForEnd(CosmosTime.Ticks(endAt)), ETag = null };
        try
        {
            if (bucket.ETag is { } etag)
                await container.ReplaceItemAsync(updated, bucket.Id, partition,
                    new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, ct);
            else await container.CreateItemAsync(updated, partition,
                new ItemRequestOptions { EnableContentResponseOnWrite = false }, ct);
        }
        catch (CosmosException e) when (e.IsConflict() || e.IsPreconditionFailed())
        {
            throw new ConcurrencyConflictException();
        }
    }

    /// <summary>Buckets of the users (null: all) whose samples may overlap [from, to): started within the hour
    /// before.</summary>
    public Task<List<Bucket>> QueryAsync(string workspaceId, IReadOnlyCollection<string>? userIds, long fromTicks,
        long toTicks, CancellationToken ct)
    {
        var users = userIds is null ? "" : " AND ARRAY_CONTAINS(@users, c.userId)";
        var query = new QueryDefinition($"SELECT * FROM c WHERE c.workspaceId = @ws AND c.type = 'bucket'{users} AND c.hour >= @first AND c.hour <= @last AND c.endAt > @from")
            .WithParameter("@ws", workspaceId).WithParameter("@first", HourOf(fromTicks) - 1).WithParameter("@last",
                HourOf(Math.Max(fromTicks, toTicks - 1)))
            .WithParameter("@from", CosmosTime.Micros(fromTicks));
        if (userIds is not null) query = query.WithParameter("@users", userIds.Distinct().ToArray());
        return container.QueryAsync<Bucket>(query, MemberPartitions.Workspace(workspaceId), ct);
    }
}

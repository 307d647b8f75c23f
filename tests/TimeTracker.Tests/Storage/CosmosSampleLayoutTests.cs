using System.Globalization;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Workspaces;
using TimeTracker.Storage.Cosmos;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Storage;

/// <summary>
/// The Cosmos store's hourly sample buckets (docs/ARCHITECTURE.md, Storage): an hour with more samples than a bucket
/// holds spills into a chain without losing or doubling any, and samples of the earlier one-document-per-sample layout
/// stay readable next to bucketed ones.
/// </summary>
[Collection(LocalCosmosCollection.Name)]
public sealed class CosmosSampleLayoutTests(LocalCosmos cosmos)
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    private static List<ActivitySample> HalfSeconds(int from, int count) => Enumerable.Range(from, count).Select(i =>
        new ActivitySample(Guid.NewGuid(), Hour.AddSeconds(i * 0.5), Hour.AddSeconds(i * 0.5 + 0.5), i % 2 == 0 ? ActivityState.Idle : ActivityState.Active)).ToList();

    [Fact]
    public async Task An_hour_with_more_samples_than_a_bucket_holds_spills_into_a_chain_and_dedupes_across_it()
    {
        var db = await cosmos.CreateDatabaseAsync();
        var store = new CosmosActivityStore(db, new CosmosRollupStore(db, _clock), _clock);
        var workspace = new Workspace("ws-" + Guid.NewGuid().ToString("N"), "w", "UTC", default);
        var samples = HalfSeconds(0, SampleBuckets.Capacity + 400);
        foreach (var batch in samples.Chunk(1000)) Assert.Equal(batch.Length, (await store.AddAsync(workspace, "u", batch)).Accepted);

        // Re-sending everything, in other batches, stores nothing more.
        foreach (var batch in samples.AsEnumerable().Reverse().Chunk(700)) Assert.Equal(0, (await store.AddAsync(workspace, "u", batch)).Accepted);
        var idle = await store.GetIdleAsync(workspace.Id, ["u"], Hour, Hour.AddHours(1));
        Assert.Equal(samples.Count(s => s.State == ActivityState.Idle), idle.Count);

        var buckets = await db.Activity.QueryAsync<SampleBuckets.Bucket>(new QueryDefinition("SELECT * FROM c WHERE c.workspaceId = @ws AND c.type = 'bucket'")
            .WithParameter("@ws", workspace.Id), new PartitionKeyBuilder().Add(workspace.Id).Add("u").Build(), default);
        Assert.Equal([SampleBuckets.Capacity, 400], buckets.OrderBy(b => b.Sequence).Select(b => b.Samples.Count));
    }

    [Fact]
    public async Task Samples_stored_one_per_document_before_buckets_are_read_and_re_derived_with_the_new_ones()
    {
        var db = await cosmos.CreateDatabaseAsync();
        var store = new CosmosActivityStore(db, new CosmosRollupStore(db, _clock), _clock);
        var workspace = new Workspace("ws-" + Guid.NewGuid().ToString("N"), "w", "UTC", default);
        // The earlier layout: one document per sample, id "<startMicros>_<id>", microsecond instants, an idle flag, no type.
        var legacyStart = CosmosTime.Micros(Hour);
        await db.Activity.CreateItemAsync(new
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{legacyStart}_{Guid.NewGuid()}"), workspaceId = workspace.Id, userId = "u",
            startAt = legacyStart, endAt = CosmosTime.Micros(Hour.AddMinutes(20)), idle = true,
        }, new PartitionKeyBuilder().Add(workspace.Id).Add("u").Build());
        await store.AddAsync(workspace, "u", [new ActivitySample(Guid.NewGuid(), Hour.AddMinutes(25), Hour.AddMinutes(40), ActivityState.Idle)]);

        var idle = await store.GetIdleAsync(workspace.Id, ["u"], Hour.AddHours(-1), Hour.AddHours(2));
        Assert.Equal([(Hour, Hour.AddMinutes(20)), (Hour.AddMinutes(25), Hour.AddMinutes(40))], idle.Select(i => (i.Start, i.End)));

        await store.RebuildSessionsAsync(workspace.Id, TimeSpan.FromMinutes(10));
        var session = Assert.Single(await store.GetSessionsAsync(workspace.Id, null, Hour.AddHours(-1), Hour.AddHours(2)));
        Assert.Equal((Hour.UtcTicks, Hour.AddMinutes(40).UtcTicks), (session.Start, session.End));
    }
}

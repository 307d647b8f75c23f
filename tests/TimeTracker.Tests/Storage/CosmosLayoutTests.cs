using System.Globalization;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;
using TimeTracker.Storage.Cosmos;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Storage;

/// <summary>
/// The Cosmos store's layouts (docs/ARCHITECTURE.md, Storage): an hour with more samples than a bucket holds spills
/// into a chain without losing or doubling any; samples of the earlier one-document-per-sample layout stay readable
/// next
/// to bucketed ones; rollups of the earlier day-document layout are ignored and replaced, never mixed in; an owner
/// roster of the earlier layout is corrected rather than trusted to refuse.
/// </summary>
[Collection(LocalCosmosCollection.Name)]
public sealed class CosmosLayoutTests(LocalCosmos cosmos)
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    private static List<ActivitySample> HalfSeconds(int from, int count) => Enumerable.Range(from, count).Select(i =>
        new ActivitySample(Guid.NewGuid(), Hour.AddSeconds(i * 0.5), Hour.AddSeconds(i * 0.5 + 0.5), i % 2 == 0
            ? ActivityState.Idle : ActivityState.Active)).ToList();

    [Fact]
    public async Task An_hour_with_more_samples_than_a_bucket_holds_spills_into_a_chain_and_dedupes_across_it()
    {
        var db = await cosmos.CreateDatabaseAsync();
        var store = new CosmosActivityStore(db, new CosmosRollupStore(db, _clock), _clock);
        var workspace = new Workspace("ws-" + Guid.NewGuid().ToString("N"), "w", "UTC", default);
        var samples = HalfSeconds(0, SampleBuckets.Capacity + 400);
        foreach (var batch in samples.Chunk(1000)) Assert.Equal(batch.Length, (await store.AddAsync(workspace, "u",
            batch)).Accepted);

        // Re-sending everything, in other batches, stores nothing more.
        foreach (var batch in samples.AsEnumerable().Reverse().Chunk(700)) Assert.Equal(0,
            (await store.AddAsync(workspace, "u", batch)).Accepted);
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
        // The earlier layout: one document per sample, id "<startMicros>_<id>", microsecond instants, an idle flag, no
        // type.
        var legacyStart = CosmosTime.Micros(Hour);
        await db.Activity.CreateItemAsync(new
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{legacyStart}_{Guid.NewGuid()}"),
                workspaceId = workspace.Id, userId = "u",
            startAt = legacyStart, endAt = CosmosTime.Micros(Hour.AddMinutes(20)), idle = true,
        }, new PartitionKeyBuilder().Add(workspace.Id).Add("u").Build());
        await store.AddAsync(workspace, "u", [new ActivitySample(Guid.NewGuid(), Hour.AddMinutes(25),
            Hour.AddMinutes(40), ActivityState.Idle)]);

        var idle = await store.GetIdleAsync(workspace.Id, ["u"], Hour.AddHours(-1), Hour.AddHours(2));
        Assert.Equal([(Hour, Hour.AddMinutes(20)), (Hour.AddMinutes(25), Hour.AddMinutes(40))], idle.Select(i =>
            (i.Start, i.End)));

        await store.RebuildSessionsAsync(workspace.Id, TimeSpan.FromMinutes(10));
        var session = Assert.Single(await store.GetSessionsAsync(workspace.Id, null, Hour.AddHours(-1),
            Hour.AddHours(2)));
        Assert.Equal((Hour.UtcTicks, Hour.AddMinutes(40).UtcTicks), (session.Start, session.End));
    }

    [Fact]
    public async Task Rollups_of_the_day_document_layout_are_ignored_and_deleted_as_their_days_are_redone()
    {
        var db = await cosmos.CreateDatabaseAsync();
        var rollups = new CosmosRollupStore(db, _clock);
        var workspace = "ws-" + Guid.NewGuid().ToString("N");
        var day = Core.Time.ZoneDays.UtcDay(Hour.UtcTicks);
        var partition = new PartitionKey(workspace);
        // The earlier layout: a watermark document "state" and one document per member-day, here with bogus totals.
        await db.Rollups.CreateItemAsync(new { id = "state", type = "state", workspaceId = workspace,
            watermark = day }, partition);
        await db.Rollups.CreateItemAsync(new
        {
            id = $"memberDay|u|{day}", type = "memberDay", workspaceId = workspace, userId = "u", day,
                work = TimeSpan.TicksPerDay, idle = 0L,
            workIntervals = Array.Empty<string>(), idleIntervals = Array.Empty<string>(),
                sessions = Array.Empty<string>(),
        }, partition);
        Assert.Null(await rollups.GetWatermarkAsync(workspace));

        var session = new Core.Attendance.AttendanceSession(workspace, "u", DateOnly.FromDateTime(Hour.UtcDateTime),
            new Core.Attendance.AttendanceEvent("in", Hour, Hour, "u", null, null, null),
                new Core.Attendance.AttendanceEvent("out", Hour.AddHours(2), Hour, "u", null, null, null));
        var summary = Core.Analytics.DaySummary.Compute("u", day, [Core.Analytics.SessionRef.Of(session)], [], [],
            _clock.GetUtcNow().UtcTicks);
        await rollups.SaveAsync(workspace, [day], [summary], await rollups.GetDirtyVersionAsync(workspace), day);

        Assert.Equal(day, await rollups.GetWatermarkAsync(workspace));
        var read = await rollups.ReadAsync(workspace, ["u"], new Core.Analytics.RollupQuery(day, day, [],
            new Core.Time.TimeRange(0, long.MaxValue)));
        Assert.Equal(2 * TimeSpan.TicksPerHour, read.WholeDays["u"].WorkTicks);
        Assert.Equal((false, System.Net.HttpStatusCode.NotFound), await ExistsAsync(db, $"memberDay|u|{day}",
            partition));
    }

    private static async Task<(bool, System.Net.HttpStatusCode)> ExistsAsync(CosmosDatabase db, string id,
        PartitionKey partition)
    {
        using var response = await db.Rollups.ReadItemStreamAsync(id, partition);
        return (response.IsSuccessStatusCode, response.StatusCode);
    }

    [Fact]
    public async Task An_owner_roster_from_before_batches_that_lists_too_few_owners_is_corrected_not_trusted()
    {
        var db = await cosmos.CreateDatabaseAsync();
        var members = new CosmosMemberStore(db);
        var now = _clock.GetUtcNow();
        Member Owner(string workspaceId) => new()
        {
            WorkspaceId = workspaceId, Id = Core.Ids.New(), Email = $"{Guid.NewGuid():N}@acme.test", FirstName = "A",
            LastName = "O", Role = MemberRole.Owner, Status = MemberStatus.Active, CreatedAt = now, UpdatedAt = now,
            ActivatedAt = now,
        };
        var workspaceId = Core.Ids.New();
        var (first, second) = (Owner(workspaceId), Owner(workspaceId));
        await members.CreateAsync(first);
        await members.CreateAsync(second);
        // The earlier roster could be short of an owner (a crash part-way) and name a removal in flight.
        await db.Workspaces.UpsertItemAsync(new
        {
            id = "owner-roster", type = "owner-roster", workspaceId, owners = new[] { second.Id },
            leaving = new[] { new { memberId = "gone", operation = "op" } },
        }, new PartitionKey(workspaceId));

        var demoted = (await members.GetAsync(workspaceId, second.Id))! with { Role = MemberRole.ExecutiveManager };
        await members.UpdateAsync(demoted);

        var roster = await db.Workspaces.ReadItemAsync<System.Text.Json.JsonElement>("owner-roster",
            new PartitionKey(workspaceId));
        Assert.Equal([first.Id], roster.Resource.GetProperty("owners").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(0, roster.Resource.GetProperty("leaving").GetArrayLength());
        var last = (await members.GetAsync(workspaceId, first.Id))! with { Role = MemberRole.ExecutiveManager };
        await Assert.ThrowsAsync<LastOwnerException>(() => members.UpdateAsync(last));
        Assert.True((await members.GetAsync(workspaceId, first.Id))!.IsActiveOwner);
    }
}

using System.Net;
using Microsoft.Azure.Cosmos;

namespace TimeTracker.Tests.Storage;

/// <summary>
/// What the Cosmos store relies on from the local test server (tests/cosmos-local, patched by us), pinned to Cosmos
/// DB's documented behaviour: conditional patches (the fast clock-in), TOP with ORDER BY over a partition-key prefix,
/// and transactional batches (clock-out), which succeed as a whole or change nothing.
/// </summary>
[Collection(LocalCosmosCollection.Name)]
public sealed class LocalCosmosSemanticsTests(LocalCosmos cosmos)
{
    private sealed record Doc(string Id, string WorkspaceId, string UserId, string? SessionId, long Version, long InAt);

    [Fact]
    public async Task A_conditional_patch_applies_only_when_its_camelCase_condition_holds()
    {
        var db = await cosmos.CreateDatabaseAsync();
        var partition = new PartitionKeyBuilder().Add("w").Add("u").Build();
        await db.Attendance.CreateItemAsync(new Doc("d", "w", "u", null, 1, 0), partition);
        Task<ItemResponse<Doc>> Patch(string condition) => db.Attendance.PatchItemAsync<Doc>("d", partition,
            [PatchOperation.Set("/sessionId", "s1"), PatchOperation.Increment("/version", 1)],
                new PatchItemRequestOptions { FilterPredicate = condition });

        var applied = await Patch("FROM c WHERE NOT IS_STRING(c.sessionId) AND c.version <= 1");
        Assert.Equal(("s1", 2L), (applied.Resource.SessionId, applied.Resource.Version));
        var refused = await Assert.ThrowsAsync<CosmosException>(() => Patch("FROM c WHERE NOT IS_STRING(c.sessionId)"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(2L, (await db.Attendance.ReadItemAsync<Doc>("d", partition)).Resource.Version);
    }

    [Fact]
    public async Task Top_with_order_by_over_a_key_prefix_spans_every_member()
    {
        var db = await cosmos.CreateDatabaseAsync();
        foreach (var (user, inAt) in new[] { ("a", 5L), ("a", 2L), ("b", 1L), ("a", 9L), ("b", 30L) })
            await db.Attendance.CreateItemAsync(new Doc(Guid.NewGuid().ToString(), "w", user, null, 0, inAt),
                new PartitionKeyBuilder().Add("w").Add(user).Build());
        async Task<long[]> Top(string order)
        {
            var iterator = db.Attendance.GetItemQueryIterator<Doc>(new QueryDefinition($"SELECT TOP 2 * FROM c WHERE c.workspaceId = 'w' ORDER BY c.inAt {order}"),
                requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKeyBuilder().Add("w").Build() });
            var found = new List<long>();
            while (iterator.HasMoreResults) found.AddRange((await iterator.ReadNextAsync()).Select(d => d.InAt));
            return [.. found];
        }
        var ascending = await Top("ASC");
        Assert.Equal(new long[] { 1, 2 }, ascending);
        var descending = await Top("DESC");
        Assert.Equal(new long[] { 30, 9 }, descending);
    }

    [Fact]
    public async Task A_transactional_batch_writes_every_operation_and_answers_each()
    {
        var db = await cosmos.CreateDatabaseAsync();
        var partition = new PartitionKeyBuilder().Add("w").Add("u").Build();
        var ledger = await db.Attendance.CreateItemAsync(new Doc("ledger", "w", "u", "s1", 1, 0), partition);

        using var response = await db.Attendance.CreateTransactionalBatch(partition)
            .CreateItem(new Doc("s1", "w", "u", "s1", 0, 10))
            .ReplaceItem("ledger", new Doc("ledger", "w", "u", null, 2, 0),
                new TransactionalBatchItemRequestOptions { IfMatchEtag = ledger.ETag })
            .ReadItem("ledger")
            .ExecuteAsync();

        Assert.True(response.IsSuccessStatusCode, response.ErrorMessage);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK],
            response.Select(r => r.StatusCode));
        var read = response.GetOperationResultAtIndex<Doc>(2);
        Assert.Equal((2L, response[1].ETag), (read.Resource.Version, read.ETag));
        Assert.Equal(10L, (await db.Attendance.ReadItemAsync<Doc>("s1", partition)).Resource.InAt);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.PreconditionFailed)]
    [InlineData(true, HttpStatusCode.Conflict)]
    public async Task A_failed_transactional_batch_changes_nothing(bool sessionExists, HttpStatusCode expected)
    {
        var db = await cosmos.CreateDatabaseAsync();
        var partition = new PartitionKeyBuilder().Add("w").Add("u").Build();
        var ledger = await db.Attendance.CreateItemAsync(new Doc("ledger", "w", "u", "s1", 1, 0), partition);
        if (sessionExists) await db.Attendance.CreateItemAsync(new Doc("s1", "w", "u", "s1", 0, 10), partition);
        var stale = sessionExists ? ledger.ETag : "\"not-the-etag\"";

        using var response = await db.Attendance.CreateTransactionalBatch(partition)
            .CreateItem(new Doc("other", "w", "u", "s0", 0, 5))
            .PatchItem("ledger", [PatchOperation.Increment("/version", 1)])
            .CreateItem(new Doc("s1", "w", "u", "s1", 0, 10))
            .ReplaceItem("ledger", new Doc("ledger", "w", "u", null, 3, 0),
                new TransactionalBatchItemRequestOptions { IfMatchEtag = stale })
            .ExecuteAsync();

        Assert.Equal(expected, response.StatusCode);
        var after = await db.Attendance.ReadItemAsync<Doc>("ledger", partition);
        Assert.Equal((1L, ledger.ETag), (after.Resource.Version, after.ETag));
        var other = await Assert.ThrowsAsync<CosmosException>(() =>
            db.Attendance.ReadItemAsync<Doc>("other", partition));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}

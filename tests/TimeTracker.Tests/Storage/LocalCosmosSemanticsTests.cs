using System.Net;
using Microsoft.Azure.Cosmos;

namespace TimeTracker.Tests.Storage;

/// <summary>
/// What the Cosmos store relies on from the local test server (tests/cosmos-local, patched by us), pinned to Cosmos
/// DB's
/// documented behaviour: conditional patches (the fast clock-in) and TOP with ORDER BY over a partition-key prefix.
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
}

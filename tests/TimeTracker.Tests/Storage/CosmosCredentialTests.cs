using Microsoft.Azure.Cosmos;
using TimeTracker.Core;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;
using TimeTracker.Storage.Cosmos;

namespace TimeTracker.Tests.Storage;

/// <summary>
/// Authentication on Cosmos DB (docs/ARCHITECTURE.md, Storage): a key the process has seen costs one round trip
/// (member, workspace and the key's presence in one query), and a deletion made by any other process is seen at once
/// because the presence is read fresh; keys minted before presence documents keep authenticating.
/// </summary>
[Collection(LocalCosmosCollection.Name)]
public sealed class CosmosCredentialTests(LocalCosmos cosmos)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private sealed class Counter : DelegatingHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref Requests);
            return base.SendAsync(request, ct);
        }
    }

    private static async Task<(string Workspace, string Member)> WorkspaceAsync(CosmosDatabase db)
    {
        var members = new CosmosMemberStore(db);
        var workspace = new Workspace(Ids.New(), "Acme", "UTC", Now);
        var owner = new Member
        {
            WorkspaceId = workspace.Id, Id = Ids.New(), Email = $"{Guid.NewGuid():N}@acme.test", FirstName = "Ada",
            LastName = "L", Role = MemberRole.Owner, Status = MemberStatus.Active, CreatedAt = Now, UpdatedAt = Now,
            ActivatedAt = Now,
        };
        await new CosmosWorkspaceStore(db, members, new CosmosApiKeyStore(db)).CreateAsync(workspace, owner,
            new ApiKey(Ids.New(), workspace.Id, owner.Id, "owner", "00", Now, null));
        return (workspace.Id, owner.Id);
    }

    [Fact]
    public async Task A_key_seen_once_costs_one_round_trip_and_a_deletion_by_another_process_is_seen_at_once()
    {
        var counter = new Counter();
        using var db = await cosmos.CreateDatabaseAsync(new CosmosHttpObserver(counter));
        var (ws, member) = await WorkspaceAsync(db);
        var key = new ApiKey(Ids.New(), ws, member, "laptop", "00", Now, null);
        var thisProcess = new CosmosApiKeyStore(db);
        var otherProcess = new CosmosApiKeyStore(db);
        await otherProcess.CreateAsync(key);

        Assert.NotNull(await thisProcess.GetCredentialAsync(key.Id));
        var before = counter.Requests;
        Assert.Equal(member, (await thisProcess.GetCredentialAsync(key.Id))!.Member!.Id);
        Assert.Equal(1, counter.Requests - before);

        Assert.True(await otherProcess.DeleteAsync(ws, key.Id));
        Assert.Null(await thisProcess.GetCredentialAsync(key.Id));
        Assert.Null(await thisProcess.GetAsync(key.Id));
    }

    [Fact]
    public async Task A_key_minted_before_presence_documents_still_authenticates_reading_the_key_each_time()
    {
        var counter = new Counter();
        using var db = await cosmos.CreateDatabaseAsync(new CosmosHttpObserver(counter));
        var (ws, member) = await WorkspaceAsync(db);
        var keyId = Ids.New();
        // The earlier layout: the key document alone, without inWorkspace.
        await db.ApiKeys.CreateItemAsync(new
        {
            id = keyId, workspaceId = ws, memberId = member, name = "old laptop", secretHash = "00", createdAt = Now,
            expiresAt = (DateTimeOffset?)null, memberEpoch = 0,
        }, new PartitionKey(keyId));
        var store = new CosmosApiKeyStore(db);
        Assert.NotNull(await store.GetCredentialAsync(keyId)); // the SDK's first query also reads metadata

        for (var read = 0; read < 2; read++)
        {
            var before = counter.Requests;
            var credential = await store.GetCredentialAsync(keyId);
            Assert.Equal((keyId, member, ws), (credential!.Key.Id, credential.Member!.Id, credential.Workspace!.Id));
            Assert.Equal(2, counter.Requests - before);
        }
        Assert.True(await store.DeleteAsync(ws, keyId));
        Assert.Null(await store.GetCredentialAsync(keyId));
    }
}

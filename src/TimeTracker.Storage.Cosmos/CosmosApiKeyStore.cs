using System.Net;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Auth;

namespace TimeTracker.Storage.Cosmos;

/// <summary>API keys in <c>apikeys</c>, partitioned by the key id: authenticating a request is one point read.</summary>
public sealed class CosmosApiKeyStore(CosmosDatabase db) : IApiKeyStore
{
    private sealed record Document(string Id, string WorkspaceId, string MemberId, string Name, string SecretHash, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, int MemberEpoch = 0)
    {
        public ApiKey ToKey() => new(Id, WorkspaceId, MemberId, Name, SecretHash, CreatedAt, ExpiresAt, MemberEpoch);
        public static Document From(ApiKey k) => new(k.Id, k.WorkspaceId, k.MemberId, k.Name, k.SecretHash, k.CreatedAt, k.ExpiresAt, k.MemberEpoch);
    }

    public async Task<ApiKey?> GetAsync(string keyId, CancellationToken ct = default)
    {
        try
        {
            return (await db.ApiKeys.ReadItemAsync<Document>(keyId, new PartitionKey(keyId), cancellationToken: ct)).Resource.ToKey();
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Listing keys is the one query here whose partition (the key id) is unknown by nature: a management call,
    /// not on the request-authentication path.
    /// </summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(string workspaceId, string? memberId, CancellationToken ct = default)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.workspaceId = @ws AND (IS_NULL(@member) OR c.memberId = @member)")
            .WithParameter("@ws", workspaceId).WithParameter("@member", memberId);
        var keys = new List<ApiKey>();
        using var iterator = db.ApiKeys.GetItemQueryIterator<Document>(query);
        while (iterator.HasMoreResults)
            keys.AddRange((await iterator.ReadNextAsync(ct)).Select(d => d.ToKey()));
        return keys.OrderBy(k => k.Id, StringComparer.Ordinal).ToList();
    }

    public Task CreateAsync(ApiKey key, CancellationToken ct = default) =>
        db.ApiKeys.CreateItemAsync(Document.From(key), new PartitionKey(key.Id), cancellationToken: ct);

    public async Task<bool> DeleteAsync(string workspaceId, string keyId, CancellationToken ct = default)
    {
        var key = await GetAsync(keyId, ct);
        if (key is null || key.WorkspaceId != workspaceId) return false;
        try
        {
            await db.ApiKeys.DeleteItemAsync<Document>(keyId, new PartitionKey(keyId), cancellationToken: ct);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}

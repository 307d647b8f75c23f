using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;
using static TimeTracker.Storage.Cosmos.WorkspaceDocuments;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// API keys in <c>apikeys</c>, partitioned by the key id, each with a presence document (<c>key|&lt;id&gt;</c>) in its
/// workspace's partition of <c>workspaces</c>. A key's own fields never change after it is minted, so the store keeps
/// the keys it has read; what can change — the key's deletion (its presence document goes first), its member's
/// deletion or blocking, the workspace — is read fresh on every request with one query of the workspace's partition.
/// Authenticating is one round trip once the process has seen the key, two before. Keys minted before presence
/// documents (<c>inWorkspace</c> absent) are read every time instead, as they always were (docs/ARCHITECTURE.md,
/// Storage).
/// </summary>
public sealed class CosmosApiKeyStore(CosmosDatabase db) : IApiKeyStore
{
    /// <summary>Bounds the memory of keys seen: past it the store forgets them all and re-reads on demand.</summary>
    private const int MaxKnownKeys = 100_000;

    private readonly ConcurrentDictionary<string, ApiKey> _known = new(StringComparer.Ordinal);

    private sealed record Document(string Id, string WorkspaceId, string MemberId, string Name, string SecretHash,
        DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, int MemberEpoch = 0, bool InWorkspace = false)
    {
        public ApiKey ToKey() => new(Id, WorkspaceId, MemberId, Name, SecretHash, CreatedAt, ExpiresAt, MemberEpoch);

        public static Document From(ApiKey k) => new(k.Id, k.WorkspaceId, k.MemberId, k.Name, k.SecretHash,
            k.CreatedAt, k.ExpiresAt, k.MemberEpoch, InWorkspace: true);
    }

    /// <summary>The key's presence in its workspace's partition: while it exists, the key is not deleted.</summary>
    private sealed record Presence(string Id, string Type, string WorkspaceId, string MemberId)
    {
        public static string IdOf(string keyId) => $"key|{keyId}";
    }

    public async Task<ApiKey?> GetAsync(string keyId, CancellationToken ct = default) =>
        (await ReadDocumentAsync(keyId, ct))?.ToKey();

    public async Task<Credential?> GetCredentialAsync(string keyId, CancellationToken ct = default)
    {
        if (!_known.TryGetValue(keyId, out var key))
        {
            var document = await ReadDocumentAsync(keyId, ct);
            if (document is null) return null;
            key = document.ToKey();
            if (!document.InWorkspace)
            {
                var (legacyMember, legacyWorkspace, _) = await ReadWorkspacePartitionAsync(key, presence: false, ct);
                return new Credential(key, legacyMember, legacyWorkspace);
            }
            if (_known.Count >= MaxKnownKeys) _known.Clear();
            _known[keyId] = key;
        }
        var (member, workspace, present) = await ReadWorkspacePartitionAsync(key, presence: true, ct);
        if (present) return new Credential(key, member, workspace);
        _known.TryRemove(keyId, out _);
        return null;
    }

    /// <summary>One single-partition query for the member, the workspace and (with <paramref name="presence"/>) the
    /// key's presence.</summary>
    private async Task<(Member? Member, Workspace? Workspace, bool Present)> ReadWorkspacePartitionAsync(ApiKey key,
        bool presence, CancellationToken ct)
    {
        var query = new QueryDefinition(
                "SELECT * FROM c WHERE c.workspaceId = @ws AND (c.id = @member OR c.id = @workspace OR c.id = @key)")
            .WithParameter("@ws", key.WorkspaceId).WithParameter("@member", key.MemberId)
            .WithParameter("@workspace", WorkspaceDocuments.WorkspaceId)
            .WithParameter("@key", presence ? Presence.IdOf(key.Id) : WorkspaceDocuments.WorkspaceId);
        Member? member = null;
        Workspace? workspace = null;
        var present = false;
        foreach (var doc in await db.Workspaces.QueryAsync<JsonElement>(query, new PartitionKey(key.WorkspaceId), ct))
        {
            switch (doc.GetProperty("type").GetString())
            {
                case "member":
                    member = doc.Deserialize<MemberDoc>(CosmosDatabase.Json)!.ToMember();
                    break;
                case "workspace":
                    workspace = doc.Deserialize<WorkspaceDoc>(CosmosDatabase.Json)!.ToWorkspace();
                    break;
                case "apikey":
                    present = doc.GetProperty("memberId").GetString() == key.MemberId;
                    break;
            }
        }
        return (member, workspace, present);
    }

    private async Task<Document?> ReadDocumentAsync(string keyId, CancellationToken ct)
    {
        try
        {
            return (await db.ApiKeys.ReadItemAsync<Document>(keyId, new PartitionKey(keyId),
                cancellationToken: ct)).Resource;
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
    public async Task<IReadOnlyList<ApiKey>> ListAsync(string workspaceId, string? memberId,
        CancellationToken ct = default)
    {
        var query = new QueryDefinition(
                "SELECT * FROM c WHERE c.workspaceId = @ws AND (IS_NULL(@member) OR c.memberId = @member)")
            .WithParameter("@ws", workspaceId).WithParameter("@member", memberId);
        var keys = new List<ApiKey>();
        using var iterator = db.ApiKeys.GetItemQueryIterator<Document>(query);
        while (iterator.HasMoreResults)
            keys.AddRange((await iterator.ReadNextAsync(ct)).Select(d => d.ToKey()));
        return keys.OrderBy(k => k.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Presence first: a key document without one authenticates nobody, so a failure in between leaves
    /// nothing usable (and the caller never received the secret).</summary>
    public async Task CreateAsync(ApiKey key, CancellationToken ct = default)
    {
        await db.Workspaces.UpsertItemAsync(new Presence(Presence.IdOf(key.Id), "apikey", key.WorkspaceId,
            key.MemberId), new PartitionKey(key.WorkspaceId), cancellationToken: ct);
        await db.ApiKeys.CreateItemAsync(Document.From(key), new PartitionKey(key.Id), cancellationToken: ct);
    }

    /// <summary>Presence first: from that moment no process authenticates the key, whatever it remembers. A failure
    /// before the key document goes leaves it listed; deleting again finishes.</summary>
    public async Task<bool> DeleteAsync(string workspaceId, string keyId, CancellationToken ct = default)
    {
        var key = await GetAsync(keyId, ct);
        if (key is null || key.WorkspaceId != workspaceId) return false;
        await db.Workspaces.DeleteIfExistsAsync(Presence.IdOf(keyId), new PartitionKey(workspaceId), ct);
        _known.TryRemove(keyId, out _);
        return await db.ApiKeys.DeleteIfExistsAsync(keyId, new PartitionKey(keyId), ct);
    }
}

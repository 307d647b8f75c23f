using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Idempotency;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Idempotency records in <c>idempotency</c>, partitioned by (workspace, caller); the container's 24 h TTL expires them,
/// so there is nothing to purge by hand.
/// </summary>
public sealed class CosmosIdempotencyStore(CosmosDatabase db) : IIdempotencyStore
{
    internal sealed record Document(string Id, string WorkspaceId, string CallerId, string Key, string RequestHash, int StatusCode, string ResponseBody, DateTimeOffset CreatedAt)
    {
        public IdempotencyRecord ToRecord() => new(WorkspaceId, CallerId, Key, RequestHash, StatusCode, ResponseBody, CreatedAt);
        public static Document From(IdempotencyRecord r) => new(IdFor(r.CallerId, r.Key), r.WorkspaceId, r.CallerId, r.Key, r.RequestHash, r.StatusCode, r.ResponseBody, r.CreatedAt);
    }

    /// <summary>
    /// Client keys may hold characters Cosmos ids cannot ('/', '?', '#'), so the id is a hash; it includes the caller so
    /// the id is unique per workspace, not only per partition.
    /// </summary>
    internal static string IdFor(string callerId, string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{callerId}\n{key}")));

    internal static PartitionKey PartitionFor(string workspaceId, string callerId) => new PartitionKeyBuilder().Add(workspaceId).Add(callerId).Build();

    public async Task<IdempotencyRecord?> GetAsync(string workspaceId, string callerId, string key, CancellationToken ct = default) =>
        (await db.Idempotency.ReadAsync<Document>(IdFor(callerId, key), PartitionFor(workspaceId, callerId), ct)).Item?.ToRecord();

    public Task<int> PurgeAsync(DateTimeOffset createdBefore, CancellationToken ct = default) => Task.FromResult(0);
}

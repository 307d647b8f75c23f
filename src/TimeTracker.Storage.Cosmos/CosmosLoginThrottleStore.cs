using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Auth;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Sign-in attempts as one document per account in the workspace's partition, changed only by an ETag-guarded
/// replace (or a create that fails if another came first), so the count and the decision are one atomic step.
/// Under a storm of parallel guesses a request that keeps losing the race is refused rather than let through.
/// </summary>
public sealed class CosmosLoginThrottleStore(CosmosDatabase db) : ILoginThrottleStore
{
    private const int Attempts = 64;

    private sealed record Document(
        string Id, string Type, string WorkspaceId, int Count, DateTimeOffset WindowStart, DateTimeOffset? LockedUntil);

    public async Task<TimeSpan?> BeginAttemptAsync(
        string workspaceId, string account, DateTimeOffset now, CancellationToken ct = default)
    {
        var partition = new PartitionKey(workspaceId);
        var id = IdFor(account);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (doc, etag) = await db.Workspaces.ReadAsync<Document>(id, partition, ct);
            var current = doc is null ? null : new LoginAttempts(doc.Count, doc.WindowStart, doc.LockedUntil);
            var (next, retryAfter) = LoginThrottle.Attempt(current, now);
            if (retryAfter is not null) return retryAfter;
            var written = new Document(id, "login-attempts", workspaceId, next.Count, next.WindowStart, next.LockedUntil);
            try
            {
                if (doc is null) await db.Workspaces.CreateItemAsync(written, partition, cancellationToken: ct);
                else await db.Workspaces.ReplaceItemAsync(written, id, partition, new ItemRequestOptions { IfMatchEtag = etag }, ct);
                return null;
            }
            catch (CosmosException e) when (e.IsPreconditionFailed() || e.IsConflict())
            {
                await Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 20)), ct);
            }
        }
        return LoginThrottle.Window;
    }

    /// <summary>A job-only cross-partition read: which workspaces hold attempts is not known from any key.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.type = 'login-attempts'");
        var stale = (await db.Workspaces.QueryAsync<Document>(query, null, ct))
            .Where(d => LoginThrottle.IsStale(new LoginAttempts(d.Count, d.WindowStart, d.LockedUntil), now)).ToList();
        foreach (var doc in stale) await db.Workspaces.DeleteIfExistsAsync(doc.Id, new PartitionKey(doc.WorkspaceId), ct);
        return stale.Count;
    }

    public async Task ClearAsync(string workspaceId, string account, CancellationToken ct = default) =>
        await db.Workspaces.DeleteIfExistsAsync(IdFor(account), new PartitionKey(workspaceId), ct);

    // Hashed: a login is client text, and Cosmos ids may not hold '/', '\', '?' or '#'.
    private static string IdFor(string account) =>
        "login|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account)));
}

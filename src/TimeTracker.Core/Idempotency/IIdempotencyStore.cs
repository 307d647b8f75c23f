namespace TimeTracker.Core.Idempotency;

public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> GetAsync(string workspaceId, string callerId, string key, CancellationToken ct = default);

    Task<int> PurgeAsync(DateTimeOffset createdBefore, CancellationToken ct = default);
}

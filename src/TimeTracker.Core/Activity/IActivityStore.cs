namespace TimeTracker.Core.Activity;

public interface IActivityStore
{
    /// <summary>Stores the batch all or nothing; samples whose client id was seen before are ignored and counted.</summary>
    Task<IngestResult> AddAsync(string workspaceId, string userId, IReadOnlyList<ActivitySample> samples, CancellationToken ct = default);

    /// <summary>Idle samples of the users overlapping [fromUtc, toUtc).</summary>
    Task<IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)>> GetIdleAsync(
        string workspaceId, IReadOnlyCollection<string> userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default);

    /// <summary>Deletes the workspace's samples that ended before the cutoff; returns how many.</summary>
    Task<int> PurgeAsync(string workspaceId, DateTimeOffset endedBefore, CancellationToken ct = default);
}

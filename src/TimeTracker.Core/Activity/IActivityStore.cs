namespace TimeTracker.Core.Activity;

public interface IActivityStore
{
    /// <summary>
    /// Stores the batch all or nothing. A sample is identified by its client id and its start: one seen before is
    /// ignored and counted as a duplicate; an id reused with another start is another sample.
    /// </summary>
    Task<IngestResult> AddAsync(string workspaceId, string userId, IReadOnlyList<ActivitySample> samples, CancellationToken ct = default);

    /// <summary>Idle samples of the users overlapping [fromUtc, toUtc).</summary>
    Task<IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)>> GetIdleAsync(
        string workspaceId, IReadOnlyCollection<string> userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default);

    /// <summary>Deletes the workspace's samples that ended before the cutoff; returns how many.</summary>
    Task<int> PurgeAsync(string workspaceId, DateTimeOffset endedBefore, CancellationToken ct = default);
}

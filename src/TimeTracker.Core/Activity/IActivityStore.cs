using TimeTracker.Core.Workspaces;

namespace TimeTracker.Core.Activity;

public interface IActivityStore
{
    /// <summary>
    /// Stores the batch all or nothing. A sample is identified by its client id and its start: one seen before is
    /// ignored and counted as a duplicate; an id reused with another start is another sample. When the workspace
    /// derives work time from activity (<see cref="Workspace.DerivedSessionGap"/>) the member's derived sessions are
    /// merged with the batch in the same write, and every UTC day they change is marked dirty. The workspace's
    /// retention applies to what is stored.
    /// </summary>
    Task<IngestResult> AddAsync(Workspace workspace, string userId, IReadOnlyList<ActivitySample> samples,
        CancellationToken ct = default);

    /// <summary>
    /// Stores several members' samples as <see cref="AddAsync(Workspace, string, IReadOnlyList{ActivitySample},
    /// CancellationToken)"/> stores one member's, with one result for the whole batch. Each member's part is all or
    /// nothing; the batch as a whole is too where the store has transactions across members (SQLite). Where it has
    /// not (Cosmos DB), a failure may leave some members' parts stored, and re-sending the batch stores the rest (the
    /// stored samples count as duplicates).
    /// </summary>
    Task<IngestResult> AddAsync(Workspace workspace, IReadOnlyList<MemberSamples> batch,
        CancellationToken ct = default);

    /// <summary>Idle samples of the users (null: every member) overlapping [fromUtc, toUtc), in start order per
    /// member.</summary>
    Task<IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)>> GetIdleAsync(
        string workspaceId, IReadOnlyCollection<string>? userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc,
            CancellationToken ct = default);

    /// <summary>Derived sessions of the users (null: all) overlapping [fromUtc, toUtc), by user and start.</summary>
    Task<IReadOnlyList<ActivitySession>> GetSessionsAsync(string workspaceId, IReadOnlyCollection<string>? userIds,
        DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default);

    /// <summary>Each user's last derived session starting before <paramref name="beforeUtc"/>.</summary>
    Task<IReadOnlyList<ActivitySession>> GetLastSessionsBeforeAsync(string workspaceId,
        IReadOnlyCollection<string> userIds, DateTimeOffset beforeUtc, CancellationToken ct = default);

    /// <summary>The start of the workspace's earliest derived session, or null when it has none.</summary>
    Task<DateTimeOffset?> GetFirstSessionStartAsync(string workspaceId, CancellationToken ct = default);

    /// <summary>
    /// Re-derives every session of the workspace with <paramref name="sessionGap"/> from its stored samples and the
    /// coverage of its existing sessions (which outlives samples purged by retention): run when a workspace turns to
    /// activity mode or changes its gap.
    /// </summary>
    Task RebuildSessionsAsync(string workspaceId, TimeSpan sessionGap, CancellationToken ct = default);

    /// <summary>Deletes the workspace's samples that ended before the cutoff; returns how many.</summary>
    Task<int> PurgeAsync(string workspaceId, DateTimeOffset endedBefore, CancellationToken ct = default);
}

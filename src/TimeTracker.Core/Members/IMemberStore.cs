using TimeTracker.Core.Storage;

namespace TimeTracker.Core.Members;

/// <summary>
/// Members of one workspace. Email and username are unique per workspace, compared case-insensitively
/// (<see cref="DuplicateValueException"/> names the field); deleted members keep theirs so they can be restored.
/// </summary>
public interface IMemberStore
{
    Task<Member?> GetAsync(string workspaceId, string memberId, CancellationToken ct = default);

    Task<IReadOnlyList<Member>> GetManyAsync(string workspaceId, IReadOnlyCollection<string> memberIds, CancellationToken ct = default);

    /// <summary>The summaries of the given members (unknown ids are absent); far cheaper than whole members for large lists.</summary>
    Task<IReadOnlyList<MemberSummary>> GetSummariesAsync(string workspaceId, IReadOnlyCollection<string> memberIds, CancellationToken ct = default);

    /// <summary>Finds a member by email or username (normalized).</summary>
    Task<Member?> FindByLoginAsync(string workspaceId, string login, CancellationToken ct = default);

    /// <summary>Pages in creation order; a member added while paging appears on a later page, never twice.</summary>
    Task<Page<Member>> ListAsync(string workspaceId, MemberQuery query, int limit, string? continuation, CancellationToken ct = default);

    Task<IReadOnlyList<Member>> ListTeamAsync(string workspaceId, string teamId, CancellationToken ct = default);

    /// <summary>Members (any status) created in [fromUtc, toUtc): id and creation instant only.</summary>
    Task<IReadOnlyList<(string Id, DateTimeOffset CreatedAt)>> ListCreatedAsync(string workspaceId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default);

    Task CreateAsync(Member member, CancellationToken ct = default);

    /// <summary>
    /// Replaces the member if <see cref="Member.ConcurrencyToken"/> still matches, else throws
    /// <see cref="ConcurrencyConflictException"/>. Throws <see cref="LastOwnerException"/> when the change would leave
    /// the workspace without an active owner, decided atomically with the write.
    /// </summary>
    Task UpdateAsync(Member member, CancellationToken ct = default);

    /// <summary>
    /// Marks <paramref name="member"/> (as read, with its concurrency token) deleted: history is kept, its keys are
    /// revoked for good (<see cref="Member.KeyEpoch"/>). Refuses to remove the last active owner, atomically with the
    /// write; throws <see cref="ConcurrencyConflictException"/> when the member changed since it was read.
    /// </summary>
    Task<DeleteMemberResult> SoftDeleteAsync(Member member, DateTimeOffset now, CancellationToken ct = default);
}

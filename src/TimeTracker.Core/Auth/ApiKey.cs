namespace TimeTracker.Core.Auth;

/// <summary>
/// A member's credential. Only the SHA-256 of the secret is stored. <see cref="MemberEpoch"/> is the member's
/// <see cref="Members.Member.KeyEpoch"/> when the key was minted: a deletion raises the member's epoch, revoking it.
/// </summary>
public sealed record ApiKey(
    string Id,
    string WorkspaceId,
    string MemberId,
    string Name,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    int MemberEpoch = 0)
{
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}

namespace TimeTracker.Core.Auth;

/// <summary>A member's credential. Only the SHA-256 of the secret is stored.</summary>
public sealed record ApiKey(
    string Id,
    string WorkspaceId,
    string MemberId,
    string Name,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}

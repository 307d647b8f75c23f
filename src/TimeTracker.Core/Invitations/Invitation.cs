namespace TimeTracker.Core.Invitations;

/// <summary>
/// A single-use invitation. <see cref="Id"/> is the SHA-256 of the token in the link, so the token itself
/// is never stored and accepting is one point read.
/// </summary>
public sealed record Invitation(
    string Id,
    string WorkspaceId,
    string MemberId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt = null)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);
}

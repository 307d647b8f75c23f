namespace TimeTracker.Core.Members;

/// <summary>
/// A person in a workspace. WebWork calls them members, TimeTrack calls them users; both APIs
/// read and write this one record.
/// </summary>
public sealed record Member
{
    public required string WorkspaceId { get; init; }
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public string? Username { get; init; }
    public required MemberRole Role { get; init; }
    public required MemberStatus Status { get; init; }
    public string? TeamId { get; init; }
    /// <summary>IANA zone for the member's local dates; null falls back to the workspace zone.</summary>
    public string? TimeZone { get; init; }
    public bool IsBlocked { get; init; }
    public string? Language { get; init; }
    public string? PersonalNumber { get; init; }
    /// <summary>PBKDF2 hash; never leaves the server.</summary>
    public string? PasswordHash { get; init; }
    public MemberProfile Profile { get; init; } = new();
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    /// <summary>When the member first became active (joined); decides whether a restore reactivates or re-invites.</summary>
    public DateTimeOffset? ActivatedAt { get; init; }
    /// <summary>
    /// Raised by every deletion; a key works only while it carries the member's current epoch, so keys revoked by a
    /// deletion stay revoked after a restore (and a key minted while the member was being deleted never works).
    /// </summary>
    public int KeyEpoch { get; init; }
    /// <summary>Opaque optimistic-concurrency token set by the store (row version or ETag).</summary>
    public string? ConcurrencyToken { get; init; }

    public string DisplayName => $"{FirstName} {LastName}".Trim();

    /// <summary>TimeTrack's "enabled": can sign in and be tracked.</summary>
    public bool Enabled => Status != MemberStatus.Deleted && !IsBlocked;

    public bool CanAuthenticate => Status == MemberStatus.Active && !IsBlocked;

    /// <summary>Counts toward the workspace's owners: a workspace always keeps at least one (the stores enforce it).</summary>
    public bool IsActiveOwner => Role == MemberRole.Owner && CanAuthenticate;

    public static string Normalize(string value) => value.Trim().ToLowerInvariant();
}

namespace TimeTracker.Core.Members;

/// <summary>
/// Filters for listing members. Every set field must match; strings compare case-insensitively.
/// <see cref="Search"/> is a substring match over name, email and username.
/// </summary>
public sealed record MemberQuery
{
    public IReadOnlyCollection<MemberStatus> Statuses { get; init; } = [MemberStatus.Active, MemberStatus.Invited];
    public IReadOnlyCollection<MemberRole>? Roles { get; init; }
    public string? TeamId { get; init; }
    public string? Search { get; init; }
    public string? Id { get; init; }
    public string? Username { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Language { get; init; }
    public string? PersonalNumber { get; init; }
    /// <summary>TimeTrack's <c>enabled</c>: not deleted and not blocked.</summary>
    public bool? Enabled { get; init; }

    public static readonly IReadOnlyCollection<MemberStatus> AllStatuses = Enum.GetValues<MemberStatus>();
}

namespace TimeTracker.Core.Members;

/// <summary>What dashboards show and check of a member: identity, name, picture and team.</summary>
public sealed record MemberSummary(string Id, string FirstName, string LastName, string? Avatar, string? TeamId)
{
    public string DisplayName => $"{FirstName} {LastName}".Trim();

    public static MemberSummary Of(Member m) => new(m.Id, m.FirstName, m.LastName, m.Profile.Avatar, m.TeamId);
}

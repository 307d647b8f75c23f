namespace TimeTracker.Core.Members;

/// <summary>WebWork's role enum plus the workspace owner.</summary>
public enum MemberRole
{
    Owner,
    ExecutiveManager,
    TeamManager,
    ProjectManager,
    ProjectViewer,
    RegularUser,
}

public static class MemberRoles
{
    private static readonly (MemberRole Role, string Name)[] Names =
    [
        (MemberRole.Owner, "Owner"),
        (MemberRole.ExecutiveManager, "Executive manager"),
        (MemberRole.TeamManager, "Team manager"),
        (MemberRole.ProjectManager, "Project manager"),
        (MemberRole.ProjectViewer, "Project viewer"),
        (MemberRole.RegularUser, "Regular User"),
    ];

    public static IEnumerable<string> WireNames => Names.Select(n => n.Name);

    public static string ToWireName(this MemberRole role) => Names.First(n => n.Role == role).Name;

    /// <summary>Matches WebWork's spelling, ignoring case so "regular user" from a hand-written client still works.</summary>
    public static bool TryParse(string? value, out MemberRole role)
    {
        foreach (var (r, name) in Names)
        {
            if (string.Equals(name, value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = r;
                return true;
            }
        }
        role = default;
        return false;
    }

    public static bool IsAdmin(this MemberRole role) => role is MemberRole.Owner or MemberRole.ExecutiveManager;
}

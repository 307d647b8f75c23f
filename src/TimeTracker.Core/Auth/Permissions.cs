using TimeTracker.Core.Members;

namespace TimeTracker.Core.Auth;

/// <summary>The role → permission table and the rank rule (docs/ARCHITECTURE.md, Authentication and permissions).</summary>
public static class Permissions
{
    /// <summary>Members, teams, users APIs and other members' keys.</summary>
    public static bool CanManageMembers(this Caller caller) => caller.Role.IsAdmin();

    /// <summary>Rocket.Chat's <c>view-engagement-dashboard</c>.</summary>
    public static bool CanViewEngagementDashboard(this Caller caller) => caller.Role.IsAdmin();

    /// <summary>
    /// Attendance, activity and analysis of <paramref name="target"/>: oneself always; admins everyone;
    /// a team manager the members of the team they belong to.
    /// </summary>
    public static bool CanTrackFor(this Caller caller, Member target) => caller.CanTrackFor(target.Id, target.TeamId);

    public static bool CanTrackFor(this Caller caller, string targetId, string? targetTeamId) =>
        caller.MemberId == targetId
        || caller.Role.IsAdmin()
        || (caller.Role == MemberRole.TeamManager && caller.TeamId is not null && caller.TeamId == targetTeamId);

    /// <summary>Whether the caller sees every member's tracking data (when a request names no one).</summary>
    public static bool SeesEveryone(this Caller caller) => caller.Role.IsAdmin();

    /// <summary>The team whose members' tracking data a team manager sees besides their own; null for everyone else.</summary>
    public static string? ManagedTeam(this Caller caller) => caller.Role == MemberRole.TeamManager ? caller.TeamId : null;

    /// <summary>A whole team's tracking data: admins any team, a team manager their own.</summary>
    public static bool CanViewTeam(this Caller caller, string teamId) => caller.Role.IsAdmin() || caller.ManagedTeam() == teamId;

    /// <summary>Owner 2, Executive manager 1, every other role 0.</summary>
    public static int Rank(this MemberRole role) => role switch
    {
        MemberRole.Owner => 2,
        MemberRole.ExecutiveManager => 1,
        _ => 0,
    };

    /// <summary>
    /// Acting on a member's account (keys, password, email, username, role, status, profile, delete, restore):
    /// oneself always; someone else only by a member manager who outranks them, except that an owner acts on owners.
    /// One rule for every endpoint, so no path lets an executive manager take over an owner's account.
    /// </summary>
    public static bool CanActOnAccountOf(this Caller caller, Member target) =>
        caller.MemberId == target.Id
        || (caller.CanManageMembers()
            && (caller.Role.Rank() > target.Role.Rank() || caller.Role == MemberRole.Owner));

    /// <summary>No one grants a role above their own; only an owner makes an owner.</summary>
    public static bool CanGrant(this Caller caller, MemberRole role) => role.Rank() <= caller.Role.Rank();
}

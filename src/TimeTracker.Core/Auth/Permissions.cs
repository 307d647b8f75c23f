using TimeTracker.Core.Members;

namespace TimeTracker.Core.Auth;

/// <summary>The role → permission table of DESIGN §3.</summary>
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

    /// <summary>Only an owner may make someone else an owner.</summary>
    public static bool CanGrant(this Caller caller, MemberRole role) =>
        role != MemberRole.Owner || caller.Role == MemberRole.Owner;
}

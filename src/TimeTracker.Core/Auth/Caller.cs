using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Core.Auth;

/// <summary>The authenticated member behind a request.</summary>
public sealed record Caller(string WorkspaceId, string MemberId, MemberRole Role, string? TeamId, string KeyId)
{
    /// <summary>The caller's member as read during authentication, so handlers acting on the caller need not read it again.</summary>
    public Member? Self { get; init; }

    /// <summary>The caller's workspace as read during authentication (its time zone and settings).</summary>
    public Workspace? Workspace { get; init; }
}

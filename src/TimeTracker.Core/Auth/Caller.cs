using TimeTracker.Core.Members;

namespace TimeTracker.Core.Auth;

/// <summary>The authenticated member behind a request.</summary>
public sealed record Caller(string WorkspaceId, string MemberId, MemberRole Role, string? TeamId, string KeyId);

using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Core.Auth;

/// <summary>
/// What authenticating a request reads: the key named by the token, its member and the member's workspace (null
/// when gone). The member and the workspace are always read fresh, so deleting or blocking takes effect at once.
/// </summary>
public sealed record Credential(ApiKey Key, Member? Member, Workspace? Workspace);

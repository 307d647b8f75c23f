using TimeTracker.Api.Auth;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Api.Workspaces;

/// <summary>
/// What the workspace endpoints need. Both hosts resolve it from their container (minimal APIs bind it as a service,
/// Functions adapters receive it in their constructor), so a handler's signature shows its dependencies.
/// </summary>
public sealed record WorkspaceServices(
    IWorkspaceStore Workspaces,
    WorkTimeSettings Settings,
    WorkspaceProvisioning Provisioning,
    AdminKey AdminKey);

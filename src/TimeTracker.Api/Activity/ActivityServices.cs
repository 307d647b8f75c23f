using TimeTracker.Core.Activity;
using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Api.Activity;

/// <summary>
/// What the activity endpoint needs. Both hosts resolve it from their container (minimal APIs bind it as a service,
/// Functions adapters receive it in their constructor), so a handler's signature shows its dependencies.
/// </summary>
public sealed record ActivityServices(IActivityStore Activity, IWorkspaceStore Workspaces, IMemberStore Members);

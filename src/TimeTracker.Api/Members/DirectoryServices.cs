using Microsoft.Extensions.Options;
using TimeTracker.Core.Invitations;
using TimeTracker.Core.Members;
using TimeTracker.Core.Teams;

namespace TimeTracker.Api.Members;

/// <summary>
/// What the workspace directory's endpoints need: WebWork members, TimeTrack users, invitations and teams. Both hosts
/// resolve it from their container (minimal APIs bind it as a service, Functions adapters receive it in their
/// constructor), so a handler's signature shows its dependencies.
/// </summary>
public sealed record DirectoryServices(
    IMemberStore Members,
    ITeamStore Teams,
    IInvitationStore Invitations,
    IOptions<TimeTrackerOptions> Options);

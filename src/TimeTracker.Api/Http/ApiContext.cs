using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Api.Auth;
using TimeTracker.Core;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Teams;

namespace TimeTracker.Api.Http;

/// <summary>What a handler needs from the request: services, the clock, the caller and the body.</summary>
public sealed class ApiContext(HttpRequest request)
{
    public HttpRequest Request { get; } = request;
    public CancellationToken Aborted => Request.HttpContext.RequestAborted;
    public TimeProvider Clock => Service<TimeProvider>();
    public DateTimeOffset Now => Clock.GetUtcNow();

    // Cross-cutting only (authentication, the clock, id lookups); features get their services as handler parameters.
    private T Service<T>() where T : notnull => Request.HttpContext.RequestServices.GetRequiredService<T>();

    public Task<RequestBody> BodyAsync(long limit = RequestBody.DefaultLimit) => RequestBody.ReadAsync(Request, limit);

    public async Task<Caller> CallerAsync() =>
        await Service<Authenticator>().AuthenticateAsync(Request) ?? throw ApiException.Unauthorized();

    /// <summary>The caller, who must be allowed to manage members (Owner, Executive manager).</summary>
    public async Task<Caller> ManagerAsync()
    {
        var caller = await CallerAsync();
        if (!caller.CanManageMembers()) throw ApiException.Forbidden();
        return caller;
    }

    /// <summary>A <c>workspace_id</c> in the request must be the caller's own workspace.</summary>
    public static void RequireSameWorkspace(Caller caller, string? workspaceId)
    {
        if (workspaceId is not null && workspaceId != caller.WorkspaceId)
            throw ApiException.Forbidden("The workspace_id does not match the workspace of your API key.");
    }

    /// <summary>A member of the caller's workspace; another workspace's id is indistinguishable from a missing one.</summary>
    /// <summary>A team of the caller's workspace, as <see cref="MemberAsync"/> finds members.</summary>
    public async Task<Team> TeamAsync(Caller caller, string teamId, string? field = null, string? message = null)
    {
        var team = Ids.IsValid(teamId) ? await Service<ITeamStore>().GetAsync(caller.WorkspaceId, teamId, Aborted) : null;
        return team ?? throw new ApiException(StatusCodes.Status404NotFound, message ?? "Team not found.", field);
    }

    public async Task<Member> MemberAsync(Caller caller, string memberId, string what = "Member", string? field = null)
    {
        // Ids are UUIDs: anything else names no member, and never reaches a store as a document id.
        var member = Ids.IsValid(memberId) ? await Service<IMemberStore>().GetAsync(caller.WorkspaceId, memberId, Aborted) : null;
        return member ?? throw new ApiException(StatusCodes.Status404NotFound, $"{what} not found.", field);
    }
}

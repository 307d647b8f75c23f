using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Members;
using TimeTracker.Api.Http;
using TimeTracker.Core;
using TimeTracker.Core.Teams;

namespace TimeTracker.Api.Teams;

/// <summary>Teams <c>{id, name}</c> in WebWork's envelope. A member has at most one team.</summary>
public static class TeamEndpoints
{
    public sealed record TeamResponse(string Id, string Name);

    public static Task<IResult> List(HttpRequest request, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        ApiContext.RequireSameWorkspace(caller, request.Text("workspace_id"));
        var teams = await services.Teams.ListAsync(caller.WorkspaceId, ctx.Aborted);
        return WebWork.Ok(ctx, teams.Select(t => new TeamResponse(t.Id, t.Name)).ToList(), "Teams retrieved successfully");
    });

    public static Task<IResult> Create(HttpRequest request, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        ApiContext.RequireSameWorkspace(caller, body.Id("workspace_id"));
        var team = new Team(caller.WorkspaceId, Ids.New(), body.RequiredString("name", 100), ctx.Now);
        await services.Teams.CreateAsync(team, ctx.Aborted);
        return WebWork.Ok(ctx, new TeamResponse(team.Id, team.Name), "Team created successfully", StatusCodes.Status201Created);
    });

    public static Task<IResult> Get(HttpRequest request, string teamId, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        ApiContext.RequireSameWorkspace(caller, request.Text("workspace_id"));
        var team = await ctx.TeamAsync(caller, teamId);
        return WebWork.Ok(ctx, new TeamResponse(team.Id, team.Name), "Team retrieved successfully");
    });

    public static Task<IResult> Update(HttpRequest request, string teamId, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        ApiContext.RequireSameWorkspace(caller, body.Id("workspace_id"));
        var name = body.RequiredString("name", 100);
        var store = services.Teams;
        var team = await ctx.TeamAsync(caller, teamId);
        if (!await store.UpdateAsync(team with { Name = name }, ctx.Aborted)) throw ApiException.NotFound("Team");
        return WebWork.Ok(ctx, new TeamResponse(team.Id, name), "Team updated successfully");
    });

    public static Task<IResult> Delete(HttpRequest request, string teamId, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        ApiContext.RequireSameWorkspace(caller, body.Id("workspace_id") ?? request.Text("workspace_id"));
        if (!Ids.IsValid(teamId) || !await services.Teams.DeleteAsync(caller.WorkspaceId, teamId, ctx.Now, ctx.Aborted))
            throw ApiException.NotFound("Team");
        return WebWork.Ok(ctx, null, "Team deleted successfully");
    });
}

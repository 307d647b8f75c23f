using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Auth;
using TimeTracker.Api.Http;
using TimeTracker.Api.Members;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Api.Workspaces;

/// <summary>Workspaces: created by the operator (<c>X-Admin-Key</c>), read and configured by their members.</summary>
public static class WorkspaceEndpoints
{
    public sealed record WorkspaceResponse(string Id, string Name, string Timezone, DateTimeOffset CreatedAt, int? AutoClockOutAfterHours, int? ActivityRetentionDays)
    {
        public static WorkspaceResponse From(Workspace w) => new(w.Id, w.Name, w.TimeZone, w.CreatedAt, w.AutoClockOutAfterHours, w.ActivityRetentionDays);
    }

    public static Task<IResult> Create(HttpRequest request, WorkspaceServices services) => WebWork.Handle(request, async ctx =>
    {
        services.AdminKey.Require(request);
        var body = await ctx.BodyAsync();
        var name = body.RequiredString("name", 200);
        var timeZone = MemberFields.TimeZone(body, "timezone") ?? throw ApiException.Required("timezone");
        var owner = body.Object("owner") ?? throw ApiException.Required("owner");
        var spec = new WorkspaceProvisioning.OwnerSpec(
            MemberFields.Email(owner), owner.RequiredString("firstname", 100), owner.RequiredString("lastname", 100),
            owner.Has("password") ? MemberFields.Password(owner) : null);
        var created = await services.Provisioning.CreateAsync(name, timeZone, spec, ctx.Aborted);
        return WebWork.Ok(ctx, new
        {
            Workspace = WorkspaceResponse.From(created.Workspace),
            Owner = MemberResponse.From(created.Owner, null),
            Token = created.Token.ToString(),
        }, "Workspace created successfully", StatusCodes.Status201Created);
    });

    public static Task<IResult> GetCurrent(HttpRequest request, WorkspaceServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var workspace = await services.Workspaces.GetAsync(caller.WorkspaceId, ctx.Aborted) ?? throw ApiException.NotFound("Workspace");
        return WebWork.Ok(ctx, WorkspaceResponse.From(workspace), "Workspace retrieved successfully");
    });

    public static Task<IResult> UpdateCurrent(HttpRequest request, WorkspaceServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        var store = services.Workspaces;
        var workspace = await store.GetAsync(caller.WorkspaceId, ctx.Aborted) ?? throw ApiException.NotFound("Workspace");
        workspace = workspace with
        {
            Name = body.Has("name") ? body.RequiredString("name", 200) : workspace.Name,
            TimeZone = body.Has("timezone") ? MemberFields.TimeZone(body, "timezone") ?? throw ApiException.Required("timezone") : workspace.TimeZone,
            AutoClockOutAfterHours = body.Has("auto_clock_out_after_hours") ? body.Int("auto_clock_out_after_hours", 1, 48) : workspace.AutoClockOutAfterHours,
            ActivityRetentionDays = body.Has("activity_retention_days") ? body.Int("activity_retention_days", 1, 3650) : workspace.ActivityRetentionDays,
        };
        await store.UpdateAsync(workspace, ctx.Aborted);
        return WebWork.Ok(ctx, WorkspaceResponse.From(workspace), "Workspace updated successfully");
    });
}

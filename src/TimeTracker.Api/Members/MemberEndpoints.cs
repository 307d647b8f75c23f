using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Http;
using TimeTracker.Core;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Invitations;
using TimeTracker.Core.Members;
using TimeTracker.Core.Storage;
using TimeTracker.Core.Teams;

namespace TimeTracker.Api.Members;

/// <summary>WebWork Tracker API v2 members (docs/API.md, Members). Owners and executive managers only.</summary>
public static class MemberEndpoints
{
    public static Task<IResult> List(HttpRequest request, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        ApiContext.RequireSameWorkspace(caller, request.Text("workspace_id"));
        var perPage = request.Int("per_page", 50, 1, 200);
        var query = new MemberQuery
        {
            Statuses = ParseStatuses(request),
            Roles = request.Text("role") is { } role
                ? (MemberRoles.TryParse(role, out var r) ? [r] : throw ApiException.BadRequest("role", $"The role parameter must be one of: {string.Join(", ", MemberRoles.WireNames)}."))
                : null,
            TeamId = request.Text("team_id"),
            Search = request.Text("search"),
        };
        var page = await services.Members.ListAsync(caller.WorkspaceId, query, perPage, PageToken.Decode(request.Text("page_token")), ctx.Aborted);
        var teams = await TeamNamesAsync(ctx, services, caller.WorkspaceId);
        var data = page.Items.Select(m => MemberResponse.From(m, TeamName(teams, m.TeamId))).ToList();
        return WebWork.Ok(ctx, data, "Members retrieved successfully",
            pagination: new WebWork.Pagination(perPage, PageToken.Encode(page.Continuation), page.Continuation is not null));
    });

    public static Task<IResult> Invite(HttpRequest request, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        ApiContext.RequireSameWorkspace(caller, body.Id("workspace_id"));
        var email = MemberFields.Email(body);
        var firstName = body.RequiredString("firstname", 100);
        var lastName = body.RequiredString("lastname", 100);
        var role = MemberFields.Role(body);
        if (!caller.CanGrant(role)) throw ApiException.Forbidden("You cannot grant a role above your own.");
        var teamId = await ExistingTeamAsync(ctx, caller, body.Id("team_id"));
        var timeZone = MemberFields.TimeZone(body, "timezone");

        var now = ctx.Now;
        var member = new Member
        {
            WorkspaceId = caller.WorkspaceId, Id = Ids.New(), Email = email, FirstName = firstName, LastName = lastName,
            Role = role, Status = MemberStatus.Invited, TeamId = teamId, TimeZone = timeZone, CreatedAt = now, UpdatedAt = now,
        };
        var token = SecretHashing.NewToken();
        var invitation = new Invitation(SecretHashing.Hash(token), caller.WorkspaceId, member.Id, now, now + Invitation.Lifetime);
        await services.Invitations.CreateAsync(member, invitation, ctx.Aborted);
        return WebWork.Ok(ctx, new { UserId = member.Id, InvitationLink = InvitationLink(ctx, services, token) },
            "Member invited successfully", StatusCodes.Status201Created);
    });

    public static Task<IResult> Get(HttpRequest request, string memberId, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        ApiContext.RequireSameWorkspace(caller, request.Text("workspace_id"));
        var member = await ctx.MemberAsync(caller, memberId);
        var team = member.TeamId is null ? null : await services.Teams.GetAsync(caller.WorkspaceId, member.TeamId, ctx.Aborted);
        return WebWork.Ok(ctx, MemberResponse.From(member, team?.Name), "Member retrieved successfully");
    });

    public static Task<IResult> Update(HttpRequest request, string memberId, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        ApiContext.RequireSameWorkspace(caller, body.Id("workspace_id"));
        var teamId = body.Has("team_id") ? await ExistingTeamAsync(ctx, caller, body.Id("team_id")) : null;
        await SaveAsync(ctx, services, caller, memberId, member => MemberUpdate.Apply(member, body, teamId, ctx.Now));
        return WebWork.Ok(ctx, null, "Member updated successfully");
    });

    public static Task<IResult> Delete(HttpRequest request, string memberId, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        ApiContext.RequireSameWorkspace(caller, body.Id("workspace_id") ?? request.Text("workspace_id"));
        await DeleteAsync(ctx, services, caller, memberId, "Member");
        return WebWork.Ok(ctx, null, "Member deleted successfully");
    });

    public static Task<IResult> Restore(HttpRequest request, string memberId, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        ApiContext.RequireSameWorkspace(caller, body.Id("workspace_id") ?? request.Text("workspace_id"));
        await SaveAsync(ctx, services, caller, memberId, member => member.Status != MemberStatus.Deleted
            ? throw ApiException.Conflict("The member is not deleted.")
            : member with
            {
                Status = member.ActivatedAt is null ? MemberStatus.Invited : MemberStatus.Active,
                DeletedAt = null,
                UpdatedAt = ctx.Now,
            });
        return WebWork.Ok(ctx, null, "Member restored successfully");
    });

    /// <summary>
    /// Read-modify-write of one member's account with optimistic retries. The caller must be allowed to act on the
    /// account as read (the rank rule) and to grant any new role; uniqueness and the last-owner rule are the store's.
    /// </summary>
    internal static Task<Member> SaveAsync(ApiContext ctx, DirectoryServices services, Caller caller, string memberId, Func<Member, Member> change, string what = "Member") =>
        OptimisticRetry.RunAsync(async () =>
        {
            var current = await ctx.MemberAsync(caller, memberId, what);
            RequireRankOver(caller, current);
            var updated = change(current);
            if (updated.Role != current.Role && !caller.CanGrant(updated.Role))
                throw ApiException.Forbidden("You cannot grant a role above your own.");
            await services.Members.UpdateAsync(updated, ctx.Aborted);
            return updated;
        });

    /// <summary>Soft delete under the rank rule; the store refuses the last owner and a member changed since it was read.</summary>
    internal static Task DeleteAsync(ApiContext ctx, DirectoryServices services, Caller caller, string memberId, string what) =>
        OptimisticRetry.RunAsync(async () =>
        {
            var member = await ctx.MemberAsync(caller, memberId, what);
            if (member.Status == MemberStatus.Deleted) throw ApiException.NotFound(what);
            RequireRankOver(caller, member);
            return await services.Members.SoftDeleteAsync(member, ctx.Now, ctx.Aborted) switch
            {
                DeleteMemberResult.NotFound => throw ApiException.NotFound(what),
                DeleteMemberResult.LastOwner => throw ApiException.Conflict("The workspace's last owner cannot be deleted."),
                var deleted => deleted,
            };
        });

    private static void RequireRankOver(Caller caller, Member target)
    {
        if (!caller.CanActOnAccountOf(target))
            throw ApiException.Forbidden("You can change only your own account and the accounts of members you outrank.");
    }

    internal static async Task<string?> ExistingTeamAsync(ApiContext ctx, Caller caller, string? teamId)
    {
        if (string.IsNullOrEmpty(teamId)) return null;
        return (await ctx.TeamAsync(caller, teamId, "team_id")).Id;
    }

    private static List<MemberStatus> ParseStatuses(HttpRequest request)
    {
        var values = request.List("status");
        if (values.Count == 0) return [MemberStatus.Active, MemberStatus.Invited];
        return values.Select(v => MemberStatuses.TryParse(v, out var s)
            ? s
            : throw ApiException.BadRequest("status", "The status parameter must be one of: active, invited, deleted.")).ToList();
    }

    private static async Task<Dictionary<string, string>> TeamNamesAsync(ApiContext ctx, DirectoryServices services, string workspaceId) =>
        (await services.Teams.ListAsync(workspaceId, ctx.Aborted)).ToDictionary(t => t.Id, t => t.Name);

    private static string? TeamName(Dictionary<string, string> teams, string? teamId) =>
        teamId is not null && teams.TryGetValue(teamId, out var name) ? name : null;

    private static string InvitationLink(ApiContext ctx, DirectoryServices services, string token)
    {
        var configured = services.Options.Value.PublicBaseUrl;
        var origin = string.IsNullOrEmpty(configured) ? $"{ctx.Request.Scheme}://{ctx.Request.Host}" : configured.TrimEnd('/');
        return $"{origin}/api/{Routes.AcceptInvitation.Replace("{token}", token)}";
    }
}

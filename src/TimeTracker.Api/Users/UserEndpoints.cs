using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Http;
using TimeTracker.Api.Members;
using TimeTracker.Core;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;

namespace TimeTracker.Api.Users;

/// <summary>
/// TimeTrack REST API users (docs/API.md, Users): the same member records as WebWork's members, seen as users.
/// <c>admin</c> ⇔ Owner/Executive manager, <c>teamLead</c> ⇔ Team manager, <c>enabled</c> ⇔ not deleted and not blocked.
/// </summary>
public static class UserEndpoints
{
    public static Task<IResult> List(HttpRequest request, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var perPage = request.Int("per_page", 50, 1, 200);
        var query = new MemberQuery
        {
            Statuses = MemberQuery.AllStatuses,
            Id = request.Text("id"),
            Username = request.Text("username"),
            FirstName = request.Text("firstName"),
            LastName = request.Text("lastName"),
            Email = request.Text("email"),
            Language = request.Text("language"),
            PersonalNumber = request.Text("personalNumber"),
            Enabled = request.Bool("enabled"),
            Roles = RoleFilter(request.Bool("admin"), request.Bool("teamLead")),
        };
        var page = await services.Members.ListAsync(caller.WorkspaceId, query, perPage, PageToken.Decode(request.Text("page_token")), ctx.Aborted);
        return WebWork.Ok(ctx, page.Items.Select(UserResponse.From).ToList(), "Users retrieved successfully",
            pagination: new WebWork.Pagination(perPage, PageToken.Encode(page.Continuation), page.Continuation is not null),
            options: WebWork.CamelCase);
    });

    public static Task<IResult> Get(HttpRequest request, string id, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var member = await ctx.MemberAsync(caller, id, "User");
        return WebWork.Ok(ctx, UserResponse.From(member), "User retrieved successfully", options: WebWork.CamelCase);
    });

    public static Task<IResult> Create(HttpRequest request, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        var username = MemberFields.Username(body);
        var firstName = body.RequiredString("firstName", 100);
        var lastName = body.RequiredString("lastName", 100);
        var email = MemberFields.Email(body);
        var password = MemberFields.Password(body, "password");
        var role = ApplyRoleFlags(MemberRole.RegularUser, body);
        if (!caller.CanGrant(role)) throw ApiException.Forbidden();
        var now = ctx.Now;
        var member = new Member
        {
            WorkspaceId = caller.WorkspaceId, Id = Ids.New(), Username = username, FirstName = firstName, LastName = lastName,
            Email = email, PasswordHash = PasswordHashing.Hash(password), Role = role, Status = MemberStatus.Active,
            Language = Language(body), PersonalNumber = PersonalNumber(body), CreatedAt = now, UpdatedAt = now, ActivatedAt = now,
        };
        await services.Members.CreateAsync(member, ctx.Aborted);
        return WebWork.Ok(ctx, UserResponse.From(member), "User created successfully", StatusCodes.Status201Created, options: WebWork.CamelCase);
    });

    public static Task<IResult> Update(HttpRequest request, string id, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        foreach (var readOnly in ReadOnlyFields)
            if (body.Has(readOnly)) throw ApiException.BadRequest(readOnly, $"The {readOnly} field cannot be changed with this endpoint.");
        var email = body.Has("email") ? MemberFields.Email(body) : null;
        var password = body.Has("password") ? PasswordHashing.Hash(MemberFields.Password(body)) : null;
        var updated = await MemberEndpoints.SaveAsync(ctx, services, caller, id, member =>
        {
            if (member.Status == MemberStatus.Deleted) throw ApiException.Conflict("A deleted user cannot be changed.");
            return member with
            {
                Email = email ?? member.Email,
                PasswordHash = password ?? member.PasswordHash,
                FirstName = body.Has("firstName") ? body.RequiredString("firstName", 100) : member.FirstName,
                LastName = body.Has("lastName") ? body.RequiredString("lastName", 100) : member.LastName,
                Language = body.Has("language") || body.Has("langauge") ? Language(body) : member.Language,
                PersonalNumber = body.Has("personalNumber") ? PersonalNumber(body) : member.PersonalNumber,
                Role = ApplyRoleFlags(member.Role, body),
                UpdatedAt = ctx.Now,
            };
        }, "User");
        return WebWork.Ok(ctx, UserResponse.From(updated), "User updated successfully", options: WebWork.CamelCase);
    });

    public static Task<IResult> Delete(HttpRequest request, string id, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        await MemberEndpoints.DeleteAsync(ctx, services, caller, id, "User");
        return WebWork.Ok(ctx, null, "User deleted successfully", options: WebWork.CamelCase);
    });

    private static readonly string[] ReadOnlyFields = ["enabled", "username"];

    /// <summary>Maps TimeTrack's two booleans onto our single role, keeping finer roles when a flag is not sent.</summary>
    internal static MemberRole ApplyRoleFlags(MemberRole current, RequestBody body)
    {
        var admin = body.Bool("admin");
        var teamLead = body.Bool("teamLead");
        if (admin == true && teamLead == true) throw ApiException.BadRequest("teamLead", "A user cannot be both admin and teamLead.");
        if (admin == true) return current.IsAdmin() ? current : MemberRole.ExecutiveManager;
        if (teamLead == true) return MemberRole.TeamManager;
        var demoted = (admin == false && current.IsAdmin()) || (teamLead == false && current == MemberRole.TeamManager);
        return demoted ? MemberRole.RegularUser : current;
    }

    private static List<MemberRole>? RoleFilter(bool? admin, bool? teamLead)
    {
        if (admin is null && teamLead is null) return null;
        return Enum.GetValues<MemberRole>()
            .Where(r => (admin is null || r.IsAdmin() == admin) && (teamLead is null || (r == MemberRole.TeamManager) == teamLead))
            .ToList();
    }

    // The seed's update example spells it "langauge"; accept that so clients copied from it work.
    private static string? Language(RequestBody body) => body.String(body.Has("language") ? "language" : "langauge", 16);

    private static string? PersonalNumber(RequestBody body)
    {
        var raw = body.Has("personalNumber") ? body.Id("personalNumber") : null;
        return raw is { Length: > 64 } ? throw body.Invalid("personalNumber", "must be at most 64 characters") : raw;
    }
}

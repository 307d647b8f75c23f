using TimeTracker.Api.ApiKeys;
using TimeTracker.Core;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Api.Workspaces;

/// <summary>Creates a workspace with its owner and the owner's first key (the API endpoint and the Server's demo seed).</summary>
public sealed class WorkspaceProvisioning(IWorkspaceStore workspaces, TimeProvider clock)
{
    public sealed record OwnerSpec(string Email, string FirstName, string LastName, string? Password);

    public sealed record Provisioned(Workspace Workspace, Member Owner, ApiToken Token);

    public async Task<Provisioned> CreateAsync(string name, string timeZone, OwnerSpec owner, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var workspace = new Workspace(Ids.New(), name, timeZone, now);
        var member = new Member
        {
            WorkspaceId = workspace.Id, Id = Ids.New(), Email = owner.Email, FirstName = owner.FirstName, LastName = owner.LastName,
            Role = MemberRole.Owner, Status = MemberStatus.Active, PasswordHash = owner.Password is null ? null : PasswordHashing.Hash(owner.Password),
            CreatedAt = now, UpdatedAt = now, ActivatedAt = now,
        };
        var (key, token) = ApiKeyEndpoints.Issue(member, "Owner key", now, lifetime: null);
        await workspaces.CreateAsync(workspace, member, key, ct);
        return new Provisioned(workspace, member, token);
    }
}

using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;

namespace TimeTracker.Core.Workspaces;

public interface IWorkspaceStore
{
    Task<Workspace?> GetAsync(string workspaceId, CancellationToken ct = default);

    Task<bool> AnyAsync(CancellationToken ct = default);

    Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken ct = default);

    /// <summary>Creates the workspace, its owner and the owner's first key as one unit.</summary>
    Task CreateAsync(Workspace workspace, Member owner, ApiKey ownerKey, CancellationToken ct = default);

    Task UpdateAsync(Workspace workspace, CancellationToken ct = default);
}

using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;
using static TimeTracker.Storage.Cosmos.WorkspaceDocuments;

namespace TimeTracker.Storage.Cosmos;

public sealed class CosmosWorkspaceStore(CosmosDatabase db, CosmosMemberStore members, CosmosApiKeyStore keys) : IWorkspaceStore
{
    public async Task<Workspace?> GetAsync(string workspaceId, CancellationToken ct = default) =>
        (await db.Workspaces.ReadAsync<WorkspaceDoc>(WorkspaceDocuments.WorkspaceId, new PartitionKey(workspaceId), ct)).Item?.ToWorkspace();

    /// <summary>Jobs and the demo seed only: which workspaces exist is not known from any partition key.</summary>
    public async Task<bool> AnyAsync(CancellationToken ct = default) =>
        (await db.Workspaces.QueryAsync<WorkspaceDoc>(new QueryDefinition("SELECT * FROM c WHERE c.type = 'workspace'"), null, ct, limit: 1)).Count > 0;

    public async Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken ct = default) =>
        (await db.Workspaces.QueryAsync<WorkspaceDoc>(new QueryDefinition("SELECT * FROM c WHERE c.type = 'workspace'"), null, ct))
            .Select(d => d.ToWorkspace()).OrderBy(w => w.Id, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Owner and key first, the workspace document last: until it exists the workspace is invisible, so a failure
    /// part-way leaves nothing a client can reach (and nothing is acknowledged).
    /// </summary>
    public async Task CreateAsync(Workspace workspace, Member owner, ApiKey ownerKey, CancellationToken ct = default)
    {
        await members.CreateAsync(owner, ct);
        await keys.CreateAsync(ownerKey, ct);
        await db.Workspaces.CreateItemAsync(WorkspaceDoc.From(workspace), new PartitionKey(workspace.Id), cancellationToken: ct);
    }

    public Task UpdateAsync(Workspace workspace, CancellationToken ct = default) =>
        db.Workspaces.ReplaceItemAsync(WorkspaceDoc.From(workspace), WorkspaceDocuments.WorkspaceId, new PartitionKey(workspace.Id), cancellationToken: ct);
}

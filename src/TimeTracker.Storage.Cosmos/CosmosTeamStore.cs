using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Storage;
using TimeTracker.Core.Teams;
using static TimeTracker.Storage.Cosmos.WorkspaceDocuments;

namespace TimeTracker.Storage.Cosmos;

public sealed class CosmosTeamStore(CosmosDatabase db, CosmosMemberStore members) : ITeamStore
{
    public async Task<Team?> GetAsync(string workspaceId, string teamId, CancellationToken ct = default)
    {
        var (doc, _) = await db.Workspaces.ReadAsync<TeamDoc>(teamId, new PartitionKey(workspaceId), ct);
        return doc is { Type: "team" } ? doc.ToTeam() : null;
    }

    public async Task<IReadOnlyList<Team>> ListAsync(string workspaceId, CancellationToken ct = default) =>
        (await db.Workspaces.QueryAsync<TeamDoc>(new QueryDefinition("SELECT * FROM c WHERE c.workspaceId = @ws AND c.type = 'team'").WithParameter("@ws", workspaceId),
            new PartitionKey(workspaceId), ct)).Select(d => d.ToTeam()).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();

    public Task CreateAsync(Team team, CancellationToken ct = default) =>
        db.Workspaces.CreateItemAsync(TeamDoc.From(team), new PartitionKey(team.WorkspaceId), cancellationToken: ct);

    public async Task<bool> UpdateAsync(Team team, CancellationToken ct = default)
    {
        if (await GetAsync(team.WorkspaceId, team.Id, ct) is null) return false;
        await db.Workspaces.ReplaceItemAsync(TeamDoc.From(team), team.Id, new PartitionKey(team.WorkspaceId), cancellationToken: ct);
        return true;
    }

    /// <summary>Unassigns the members first (each with its ETag), then removes the team.</summary>
    public async Task<bool> DeleteAsync(string workspaceId, string teamId, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await GetAsync(workspaceId, teamId, ct) is null) return false;
        foreach (var member in await members.ListTeamAsync(workspaceId, teamId, ct))
        {
            await OptimisticRetry.RunAsync(async () =>
            {
                var current = await members.GetAsync(workspaceId, member.Id, ct);
                if (current?.TeamId == teamId) await members.UpdateAsync(current with { TeamId = null, UpdatedAt = now }, ct);
                return true;
            });
        }
        return await db.Workspaces.DeleteIfExistsAsync(teamId, new PartitionKey(workspaceId), ct);
    }
}

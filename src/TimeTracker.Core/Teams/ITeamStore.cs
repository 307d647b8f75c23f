namespace TimeTracker.Core.Teams;

public interface ITeamStore
{
    Task<Team?> GetAsync(string workspaceId, string teamId, CancellationToken ct = default);

    Task<IReadOnlyList<Team>> ListAsync(string workspaceId, CancellationToken ct = default);

    Task CreateAsync(Team team, CancellationToken ct = default);

    Task<bool> UpdateAsync(Team team, CancellationToken ct = default);

    /// <summary>Deletes the team and unassigns its members.</summary>
    Task<bool> DeleteAsync(string workspaceId, string teamId, DateTimeOffset now, CancellationToken ct = default);
}

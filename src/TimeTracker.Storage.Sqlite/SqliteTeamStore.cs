using Microsoft.Data.Sqlite;
using TimeTracker.Core.Teams;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteTeamStore(SqliteDatabase db) : ITeamStore
{
    public Task<Team?> GetAsync(string workspaceId, string teamId, CancellationToken ct = default) =>
        db.ReadAsync(c => c.Query("SELECT workspace_id, id, name, created_at FROM teams WHERE workspace_id=@ws AND id=@id", null, Read,
            ("@ws", workspaceId), ("@id", teamId)).SingleOrDefault(), ct);

    public Task<IReadOnlyList<Team>> ListAsync(string workspaceId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Team>>(c => c.Query("SELECT workspace_id, id, name, created_at FROM teams WHERE workspace_id=@ws ORDER BY id", null, Read,
            ("@ws", workspaceId)), ct);

    public Task CreateAsync(Team team, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            c.Execute("INSERT INTO teams(workspace_id, id, name, created_at) VALUES (@ws, @id, @name, @created)", tx,
                ("@ws", team.WorkspaceId), ("@id", team.Id), ("@name", team.Name), ("@created", SqlCommands.Ticks(team.CreatedAt)));
        }, ct);

    public Task<bool> UpdateAsync(Team team, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("UPDATE teams SET name=@name WHERE workspace_id=@ws AND id=@id", tx,
            ("@ws", team.WorkspaceId), ("@id", team.Id), ("@name", team.Name)) > 0, ct);

    public Task<bool> DeleteAsync(string workspaceId, string teamId, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            c.Execute("UPDATE members SET team_id=NULL, updated_at=@now, version=version+1 WHERE workspace_id=@ws AND team_id=@id", tx,
                ("@ws", workspaceId), ("@id", teamId), ("@now", SqlCommands.Ticks(now)));
            return c.Execute("DELETE FROM teams WHERE workspace_id=@ws AND id=@id", tx, ("@ws", workspaceId), ("@id", teamId)) > 0;
        }, ct);

    private static Team Read(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.Instant(3));
}

using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using TimeTracker.Core.Activity;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteActivityStore(SqliteDatabase db) : IActivityStore
{
    // Owner ids never change once assigned, so they are cached for the life of the process.
    private readonly ConcurrentDictionary<(string Workspace, string User), long> _owners = new();

    public Task<IngestResult> AddAsync(string workspaceId, string userId, IReadOnlyList<ActivitySample> samples, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var owner = OwnerFor(c, tx, workspaceId, userId);
            using var insert = c.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT OR IGNORE INTO activity(owner, day, sample_id, start_at, end_at, idle) VALUES (@owner, @start / 864000000000, @id, @start, @end, @idle)";
            insert.Parameters.AddWithValue("@owner", owner);
            var id = insert.Parameters.Add("@id", SqliteType.Blob);
            var start = insert.Parameters.Add("@start", SqliteType.Integer);
            var end = insert.Parameters.Add("@end", SqliteType.Integer);
            var idle = insert.Parameters.Add("@idle", SqliteType.Integer);
            insert.Prepare();
            var accepted = 0;
            foreach (var sample in samples)
            {
                id.Value = sample.Id.ToByteArray();
                start.Value = sample.Start.UtcTicks;
                end.Value = sample.End.UtcTicks;
                idle.Value = sample.State == ActivityState.Idle ? 1 : 0;
                accepted += insert.ExecuteNonQuery();
            }
            return new IngestResult(accepted, samples.Count - accepted);
        }, ct);

    public Task<IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)>> GetIdleAsync(
        string workspaceId, IReadOnlyCollection<string> userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<(string, DateTimeOffset, DateTimeOffset)>>(c =>
        {
            var result = new List<(string, DateTimeOffset, DateTimeOffset)>();
            // Samples last at most an hour, so [from - 1 h, to) bounds the index range.
            var lower = (fromUtc - ActivitySample.MaxLength).UtcTicks;
            using var query = c.Command(
                "SELECT start_at, end_at FROM activity WHERE owner=@owner AND idle=1 AND start_at >= @lower AND start_at < @to AND end_at > @from ORDER BY start_at",
                null, ("@owner", 0L), ("@lower", lower), ("@to", toUtc.UtcTicks), ("@from", fromUtc.UtcTicks));
            foreach (var user in userIds.Distinct())
            {
                if (ExistingOwner(c, null, workspaceId, user) is not { } owner) continue;
                query.Parameters["@owner"].Value = owner;
                using var reader = query.ExecuteReader();
                while (reader.Read()) result.Add((user, reader.Instant(0), reader.Instant(1)));
            }
            return result;
        }, ct);

    public Task<int> PurgeAsync(string workspaceId, DateTimeOffset endedBefore, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "DELETE FROM activity WHERE owner IN (SELECT owner FROM activity_owners WHERE workspace_id=@ws) AND end_at < @before", tx,
            ("@ws", workspaceId), ("@before", endedBefore.UtcTicks)), ct);

    private long OwnerFor(SqliteConnection c, SqliteTransaction tx, string workspaceId, string userId)
    {
        if (ExistingOwner(c, tx, workspaceId, userId) is { } owner) return owner;
        c.Execute("INSERT OR IGNORE INTO activity_owners(workspace_id, user_id) VALUES (@ws, @user)", tx, ("@ws", workspaceId), ("@user", userId));
        return ExistingOwner(c, tx, workspaceId, userId) ?? throw new InvalidOperationException("Activity owner was not created.");
    }

    private long? ExistingOwner(SqliteConnection c, SqliteTransaction? tx, string workspaceId, string userId)
    {
        if (_owners.TryGetValue((workspaceId, userId), out var cached)) return cached;
        var found = c.Scalar("SELECT owner FROM activity_owners WHERE workspace_id=@ws AND user_id=@user", tx, ("@ws", workspaceId), ("@user", userId));
        if (found is null) return null;
        // Only cache owners that are committed: a rolled-back transaction must not leave a phantom id behind.
        if (tx is null) _owners[(workspaceId, userId)] = (long)found;
        return (long)found;
    }
}

using TimeTracker.Core.Activity;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteActivityStore(SqliteDatabase db) : IActivityStore
{
    public Task<IngestResult> AddAsync(string workspaceId, string userId, IReadOnlyList<ActivitySample> samples, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            using var insert = c.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT OR IGNORE INTO activity(workspace_id, user_id, sample_id, start_at, end_at, idle) VALUES (@ws, @user, @id, @start, @end, @idle)";
            insert.Parameters.AddWithValue("@ws", workspaceId);
            insert.Parameters.AddWithValue("@user", userId);
            var id = insert.Parameters.Add("@id", Microsoft.Data.Sqlite.SqliteType.Blob);
            var start = insert.Parameters.Add("@start", Microsoft.Data.Sqlite.SqliteType.Integer);
            var end = insert.Parameters.Add("@end", Microsoft.Data.Sqlite.SqliteType.Integer);
            var idle = insert.Parameters.Add("@idle", Microsoft.Data.Sqlite.SqliteType.Integer);
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
            foreach (var user in userIds.Distinct())
            {
                result.AddRange(c.Query(
                    "SELECT user_id, start_at, end_at FROM activity WHERE workspace_id=@ws AND user_id=@user AND idle=1 AND start_at >= @lower AND start_at < @to AND end_at > @from ORDER BY start_at",
                    null, r => (r.GetString(0), r.Instant(1), r.Instant(2)),
                    ("@ws", workspaceId), ("@user", user), ("@lower", lower), ("@to", toUtc.UtcTicks), ("@from", fromUtc.UtcTicks)));
            }
            return result;
        }, ct);

    public Task<int> PurgeAsync(string workspaceId, DateTimeOffset endedBefore, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("DELETE FROM activity WHERE workspace_id=@ws AND end_at < @before", tx,
            ("@ws", workspaceId), ("@before", endedBefore.UtcTicks)), ct);
}

using Microsoft.Data.Sqlite;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Time;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteActivityStore(SqliteDatabase db, MemberKeys keys) : IActivityStore
{
    public Task<IngestResult> AddAsync(string workspaceId, string userId, IReadOnlyList<ActivitySample> samples, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var owner = keys.GetOrCreate(c, tx, workspaceId, userId);
            using var insert = c.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT OR IGNORE INTO activity(member_key, sample_id, start_at, end_at, idle) VALUES (@owner, @id, @start, @end, @idle)";
            insert.Parameters.AddWithValue("@owner", owner);
            var id = insert.Parameters.Add("@id", SqliteType.Blob);
            var start = insert.Parameters.Add("@start", SqliteType.Integer);
            var end = insert.Parameters.Add("@end", SqliteType.Integer);
            var idle = insert.Parameters.Add("@idle", SqliteType.Integer);
            insert.Prepare();
            var accepted = 0;
            var idleDays = new HashSet<long>();
            foreach (var sample in samples)
            {
                id.Value = sample.Id.ToByteArray();
                start.Value = sample.Start.UtcTicks;
                end.Value = sample.End.UtcTicks;
                idle.Value = sample.State == ActivityState.Idle ? 1 : 0;
                var inserted = insert.ExecuteNonQuery();
                accepted += inserted;
                if (inserted > 0 && sample.State == ActivityState.Idle)
                    idleDays.UnionWith(ZoneDays.UtcDaysTouched(sample.Start.UtcTicks, sample.End.UtcTicks));
            }
            // Only idle time changes analysis results, so only its days need recomputing.
            DirtyDays.Mark(c, tx, workspaceId, userId, idleDays);
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
                "SELECT start_at, end_at FROM activity WHERE member_key=@owner AND idle=1 AND start_at >= @lower AND start_at < @to AND end_at > @from ORDER BY start_at",
                null, ("@owner", 0L), ("@lower", lower), ("@to", toUtc.UtcTicks), ("@from", fromUtc.UtcTicks));
            foreach (var user in userIds.Distinct())
            {
                if (keys.Find(c, null, workspaceId, user) is not { } owner) continue;
                query.Parameters["@owner"].Value = owner;
                using var reader = query.ExecuteReader();
                while (reader.Read()) result.Add((user, reader.Instant(0), reader.Instant(1)));
            }
            return result;
        }, ct);

    public Task<int> PurgeAsync(string workspaceId, DateTimeOffset endedBefore, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "DELETE FROM activity WHERE member_key IN (SELECT key FROM member_keys WHERE workspace_id=@ws) AND end_at < @before", tx,
            ("@ws", workspaceId), ("@before", endedBefore.UtcTicks)), ct);
}

using Microsoft.Data.Sqlite;
using TimeTracker.Core.Analytics;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteRollupStore(SqliteDatabase db, MemberKeys keys) : IRollupStore
{
    public Task<long?> GetWatermarkAsync(string workspaceId, CancellationToken ct = default) =>
        db.ReadAsync(c => c.Scalar("SELECT watermark FROM rollup_state WHERE workspace_id=@ws", null, ("@ws", workspaceId)) as long?, ct);

    public Task<IReadOnlyList<(string UserId, long Day)>> GetDirtyAsync(string workspaceId, long fromDay, long toDay, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<(string, long)>>(c => c.Query(
            "SELECT user_id, day FROM rollup_dirty WHERE workspace_id=@ws AND day BETWEEN @from AND @to", null,
            r => (r.GetString(0), r.GetInt64(1)), ("@ws", workspaceId), ("@from", fromDay), ("@to", toDay)), ct);

    public Task<long> GetDirtyVersionAsync(string workspaceId, CancellationToken ct = default) =>
        db.ReadAsync(c => c.Scalar("SELECT seq FROM sqlite_sequence WHERE name='rollup_dirty'", null) as long? ?? 0, ct);

    public Task<IReadOnlyDictionary<string, DayTotals>> SumDaysAsync(string workspaceId, IReadOnlyCollection<string> userIds, long fromDay, long toDay, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyDictionary<string, DayTotals>>(c =>
        {
            var (byKey, inList, parameters) = KeysOf(c, workspaceId, userIds);
            var result = new Dictionary<string, DayTotals>();
            if (byKey.Count == 0) return result;
            // One seek per member on (member_key, day); SQLite adds the days up in C.
            using var command = c.Command($"""
                SELECT member_key, sum(work_ticks), sum(idle_ticks), min(first_in), max(last_out), max(has_open)
                FROM member_days WHERE member_key IN ({inList}) AND day BETWEEN @from AND @to GROUP BY member_key
                """, null, [.. parameters, ("@from", fromDay), ("@to", toDay)]);
            using var r = command.ExecuteReader();
            while (r.Read())
                result[byKey[r.GetInt64(0)]] = new DayTotals(r.GetInt64(1), r.GetInt64(2),
                    r.IsDBNull(3) ? null : r.GetInt64(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.GetInt64(5) != 0);
            return result;
        }, ct);

    public Task<IReadOnlyList<DaySummary>> GetDaysAsync(string workspaceId, IReadOnlyCollection<string> userIds, IReadOnlyCollection<long> days, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<DaySummary>>(c =>
        {
            var (byKey, inList, parameters) = KeysOf(c, workspaceId, userIds);
            var result = new List<DaySummary>();
            if (byKey.Count == 0) return result;
            var dayList = string.Join(",", days.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            using var command = c.Command($"SELECT member_key, day, intervals FROM member_days WHERE member_key IN ({inList}) AND day IN ({dayList})", null, parameters);
            using var r = command.ExecuteReader();
            while (r.Read())
                result.Add(RollupCodec.DecodeDay(byKey[r.GetInt64(0)], r.GetInt64(1), (byte[])r[2]));
            return result;
        }, ct);

    public Task<IReadOnlyList<EngagementDay>> GetEngagementAsync(string workspaceId, long fromDay, long toDay, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<EngagementDay>>(c =>
        {
            var users = keys.ForWorkspace(c, workspaceId);
            return c.Query("SELECT day, masks FROM workspace_days WHERE workspace_id=@ws AND day BETWEEN @from AND @to", null,
                r => new EngagementDay(r.GetInt64(0), RollupCodec.DecodeMasks((byte[])r[1]).Select(m => (users[m.Key], m.Mask)).ToList()),
                ("@ws", workspaceId), ("@from", fromDay), ("@to", toDay));
        }, ct);

    public Task SaveAsync(string workspaceId, IReadOnlyCollection<long> days, IReadOnlyList<DaySummary> summaries, long dirtyVersion, long? watermark, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            if (days.Count > 0)
            {
                var dayList = string.Join(",", days.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                c.Execute($"DELETE FROM member_days WHERE day IN ({dayList}) AND member_key IN (SELECT key FROM member_keys WHERE workspace_id=@ws)", tx, ("@ws", workspaceId));
                c.Execute($"DELETE FROM workspace_days WHERE workspace_id=@ws AND day IN ({dayList})", tx, ("@ws", workspaceId));
                c.Execute($"DELETE FROM rollup_dirty WHERE workspace_id=@ws AND day IN ({dayList}) AND seq <= @version", tx, ("@ws", workspaceId), ("@version", dirtyVersion));
            }
            InsertMemberDays(c, tx, workspaceId, summaries, out var masks);
            using (var insertMasks = c.Command("INSERT INTO workspace_days(workspace_id, day, masks) VALUES (@ws, @day, @masks)", tx, ("@ws", workspaceId), ("@day", 0L), ("@masks", Array.Empty<byte>())))
            {
                foreach (var (day, members) in masks)
                {
                    insertMasks.Parameters["@day"].Value = day;
                    insertMasks.Parameters["@masks"].Value = RollupCodec.EncodeMasks(members);
                    insertMasks.ExecuteNonQuery();
                }
            }
            if (watermark is { } w)
                c.Execute("INSERT INTO rollup_state(workspace_id, watermark) VALUES (@ws, @w) ON CONFLICT(workspace_id) DO UPDATE SET watermark=max(watermark, excluded.watermark)",
                    tx, ("@ws", workspaceId), ("@w", w));
        }, ct);

    private void InsertMemberDays(SqliteConnection c, SqliteTransaction tx, string workspaceId, IReadOnlyList<DaySummary> summaries,
        out SortedDictionary<long, List<(long, QuarterHourMask)>> masks)
    {
        masks = [];
        using var insert = c.Command("""
            INSERT INTO member_days(member_key, day, work_ticks, idle_ticks, first_in, last_out, has_open, intervals)
            VALUES (@key, @day, @work, @idle, @first, @last, @open, @intervals)
            """, tx, ("@key", 0L), ("@day", 0L), ("@work", 0L), ("@idle", 0L), ("@first", null), ("@last", null), ("@open", 0L), ("@intervals", Array.Empty<byte>()));
        var p = insert.Parameters;
        foreach (var summary in summaries.OrderBy(s => s.Day))
        {
            var key = keys.GetOrCreate(c, tx, workspaceId, summary.UserId);
            var totals = summary.Totals();
            p["@key"].Value = key;
            p["@day"].Value = summary.Day;
            p["@work"].Value = totals.WorkTicks;
            p["@idle"].Value = totals.IdleTicks;
            p["@first"].Value = (object?)totals.FirstIn ?? DBNull.Value;
            p["@last"].Value = (object?)totals.LastOut ?? DBNull.Value;
            p["@open"].Value = totals.HasOpen ? 1L : 0L;
            p["@intervals"].Value = RollupCodec.EncodeDay(summary);
            insert.ExecuteNonQuery();
            (masks.TryGetValue(summary.Day, out var list) ? list : masks[summary.Day] = []).Add((key, QuarterHourMask.FromWork(summary.Work, summary.Day)));
        }
    }

    private (Dictionary<long, string> ByKey, string InList, (string, object?)[] Parameters) KeysOf(SqliteConnection c, string workspaceId, IReadOnlyCollection<string> userIds)
    {
        var byKey = new Dictionary<long, string>();
        foreach (var user in userIds)
            if (keys.Find(c, null, workspaceId, user) is { } key) byKey[key] = user;
        var parameters = byKey.Keys.Select((k, i) => ($"@k{i}", (object?)k)).ToArray();
        return (byKey, string.Join(",", parameters.Select(p => p.Item1)), parameters);
    }
}

using Microsoft.Data.Sqlite;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Time;
using TimeTracker.Storage.Sqlite;
using TimeTracker.Tests.Infrastructure;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Tests.Storage;

/// <summary>Databases written by an older build open under the current schema with their data intact.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TemporarySqliteFile _file = new("migration");

    [Fact]
    public async Task Activity_rows_of_schema_3_survive_the_start_ordered_sample_index_and_still_deduplicate()
    {
        var id = Guid.NewGuid();
        var start = new DateTimeOffset(2026, 2, 8, 4, 0, 0, TimeSpan.Zero);
        using (var old = new SqliteConnection($"Data Source={_file.Path}"))
        {
            old.Open();
            Migrations.Apply(old, 3);
            Exec(old, "INSERT INTO member_keys(key, workspace_id, user_id) VALUES (1, 'ws', 'u1')");
            using var insert = old.CreateCommand();
            insert.CommandText = "INSERT INTO activity(member_key, day, sample_id, start_at, end_at, idle) VALUES (1, @day, @id, @start, @end, 1)";
            insert.Parameters.AddWithValue("@day", start.UtcTicks / TimeSpan.TicksPerDay);
            insert.Parameters.AddWithValue("@id", id.ToByteArray());
            insert.Parameters.AddWithValue("@start", start.UtcTicks);
            insert.Parameters.AddWithValue("@end", start.AddMinutes(30).UtcTicks);
            insert.ExecuteNonQuery();
        }

        var store = new SqliteActivityStore(new SqliteDatabase(_file.Path), new MemberKeys());

        var idle = await store.GetIdleAsync("ws", ["u1"], start.AddHours(-1), start.AddHours(1));
        Assert.Equal([("u1", start, start.AddMinutes(30))], idle);
        var resent = await store.AddAsync(new Workspace("ws", "w", "UTC", default), "u1", [new ActivitySample(id,
            start, start.AddMinutes(30), ActivityState.Idle)]);
        Assert.Equal(new IngestResult(0, 1), resent);
    }

    [Fact]
    public async Task Sessions_of_schema_4_move_to_the_member_clustering_and_long_ones_are_still_found()
    {
        var start = new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);
        using (var old = new SqliteConnection($"Data Source={_file.Path}"))
        {
            old.Open();
            Migrations.Apply(old, 4);
            // A ten-day closed session and an open one, written before the longest-session bound existed.
            Exec(old, $"""
                INSERT INTO sessions(workspace_id, user_id, id, date, in_at, in_moment, in_by, out_id, out_at, out_moment, out_by)
                VALUES ('ws', 'u1', 'in-1', '2026-02-01', {start.UtcTicks}, {start.UtcTicks}, 'u1', 'out-1', {start.AddDays(10).UtcTicks}, {start.AddDays(10).UtcTicks}, 'u1'),
                       ('ws', 'u2', 'in-2', '2026-01-01', {start.AddDays(-31).UtcTicks}, {start.AddDays(-31).UtcTicks}, 'u2', NULL, NULL, NULL, NULL);
                """);
        }

        var store = new SqliteAttendanceStore(new SqliteDatabase(_file.Path), TimeProvider.System);

        var found = await store.GetOverlappingAsync("ws", null, start.AddDays(5), start.AddDays(6));
        Assert.Equal([("u1", "in-1", (DateTimeOffset?)start.AddDays(10)), ("u2", "in-2", null)], found.Select(x =>
            (x.UserId, x.Id, x.ClockOut?.Timestamp)));
        Assert.Equal("in-1", (await store.FindByEventAsync("ws", "out-1"))!.Id);
        Assert.Equal(SessionWriteResult.AlreadyOpen, await store.ClockInAsync(
            new AttendanceSession("ws", "u2", new DateOnly(2026, 2, 1), new AttendanceEvent("in-3", start, start,
                "u2", null, null, null), null), null));
    }

    [Fact]
    public async Task Rollups_of_schema_5_are_dropped_for_the_next_run_to_rebuild_in_the_new_layout()
    {
        using (var old = new SqliteConnection($"Data Source={_file.Path}"))
        {
            old.Open();
            Migrations.Apply(old, 5);
            Exec(old, """
                INSERT INTO member_keys(key, workspace_id, user_id) VALUES (1, 'ws', 'u1');
                INSERT INTO member_days(member_key, day, work_ticks, idle_ticks, first_in, last_out, has_open, prefix, intervals)
                    VALUES (1, 740000, 36000, 0, NULL, NULL, 0, zeroblob(41), zeroblob(12));
                INSERT INTO workspace_days(workspace_id, day, masks) VALUES ('ws', 740000, zeroblob(20));
                INSERT INTO rollup_state(workspace_id, watermark) VALUES ('ws', 740000);
                """);
        }

        var rollups = new SqliteRollupStore(new SqliteDatabase(_file.Path), new MemberKeys());

        // No watermark: every read computes from raw data until the rollup job has rebuilt the days.
        Assert.Null(await rollups.GetWatermarkAsync("ws"));
        Assert.Empty(await rollups.SumDaysAsync("ws", ["u1"], 739990, 740010));
        Assert.Empty(await rollups.GetEdgeDaysAsync("ws", ["u1"], [740000], new TimeRange(0, long.MaxValue)));
    }

    [Fact]
    public async Task Dirty_marks_of_schema_10_keep_their_sequence_and_a_save_still_clears_only_older_ones()
    {
        using (var old = new SqliteConnection($"Data Source={_file.Path}"))
        {
            old.Open();
            Migrations.Apply(old, 10);
            Exec(old, """
                INSERT INTO rollup_dirty(seq, workspace_id, user_id, day) VALUES (5, 'ws', 'u1', 740000);
                INSERT INTO rollup_dirty(seq, workspace_id, user_id, day) VALUES (7, 'ws', 'u2', 740001);
                """);
        }
        var db = new SqliteDatabase(_file.Path);
        var rollups = new SqliteRollupStore(db, new MemberKeys());

        Assert.Equal(7, await rollups.GetDirtyVersionAsync("ws"));
        Assert.Equal([("u1", 740000L), ("u2", 740001L)], (await rollups.GetDirtyAsync("ws", 0, long.MaxValue))
            .Order());
        // A write after the upgrade marks above every version read before it...
        var start = new DateTimeOffset(740001 * TimeSpan.TicksPerDay + TimeSpan.TicksPerHour, TimeSpan.Zero);
        await new SqliteActivityStore(db, new MemberKeys()).AddAsync(new Workspace("ws", "w", "UTC", default), "u3",
            [new ActivitySample(Guid.NewGuid(), start, start.AddMinutes(5), ActivityState.Idle)]);
        Assert.Equal(8, await rollups.GetDirtyVersionAsync("ws"));

        // ...so a job that read version 7 clears the migrated marks of its days and leaves the new one.
        await rollups.SaveAsync("ws", [740000, 740001], [], 7, 740001);
        Assert.Equal([("u3", 740001L)], await rollups.GetDirtyAsync("ws", 0, long.MaxValue));
    }

    [Fact]
    public void The_idle_read_is_answered_from_the_idle_index_alone()
    {
        using var db = new SqliteDatabase(_file.Path);
        using var connection = db.Open();
        using var plan = connection.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN " + SqliteActivityStore.IdleRead;
        foreach (var i in Enumerable.Range(1, 4)) plan.Parameters.AddWithValue($"?{i}", 0L);
        using var reader = plan.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read()) steps.Add(reader.GetString(3));

        Assert.Equal(
            ["SEARCH activity USING COVERING INDEX ix_activity_idle (member_key=? AND start_at>? AND start_at<?)"],
            steps);
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _file.Dispose();
}

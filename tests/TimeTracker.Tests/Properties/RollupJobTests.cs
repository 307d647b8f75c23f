using Microsoft.Data.Sqlite;
using TimeTracker.Core;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Idempotency;
using TimeTracker.Core.Jobs;
using TimeTracker.Core.Workspaces;
using TimeTracker.Storage.Sqlite;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Properties;

public sealed class RollupJobTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<TemporarySqliteFile> _files = [];

    private sealed record Stores(string Path, TestClock Clock, SqliteWorkspaceStore Workspaces,
        SqliteAttendanceStore Attendance, SqliteActivityStore Activity, RollupJob Rollup, SqliteDatabase Db);

    private Stores Create()
    {
        var file = new TemporarySqliteFile("job");
        _files.Add(file);
        var path = file.Path;
        var db = new SqliteDatabase(path);
        var keys = new MemberKeys();
        var clock = new TestClock(Start);
        var workspaces = new SqliteWorkspaceStore(db);
        var attendance = new SqliteAttendanceStore(db, clock);
        var activity = new SqliteActivityStore(db, keys);
        return new Stores(path, clock, workspaces, attendance, activity, new RollupJob(workspaces,
            new WorkSource(workspaces, attendance, activity), new SqliteRollupStore(db, keys), clock), db);
    }

    private static async Task<string> SeedAsync(Stores s, string workspaceId)
    {
        await s.Workspaces.CreateAsync(new Workspace(workspaceId, "w", "UTC", Start),
            new Core.Members.Member { WorkspaceId = workspaceId, Id = "owner", Email = "o@x.y", FirstName = "O",
                LastName = "W", Role = Core.Members.MemberRole.Owner, Status = Core.Members.MemberStatus.Active,
                    CreatedAt = Start, UpdatedAt = Start },
            new Core.Auth.ApiKey(Ids.New(), workspaceId, "owner", "k", "00", Start, null));
        for (var day = 0; day < 20; day++)
        {
            foreach (var user in new[] { "alice", "bob" })
            {
                var from = Start.AddDays(day).AddHours(user == "alice" ? 8 : 20);
                await s.Attendance.AddPairAsync(new AttendanceSession(workspaceId, user,
                    DateOnly.FromDateTime(from.UtcDateTime),
                    new AttendanceEvent(Ids.New(), from, from, user, null, null, null),
                        new AttendanceEvent(Ids.New(), from.AddHours(9), from, user, null, null, null)), null);
                await s.Activity.AddAsync(new Workspace(workspaceId, "w", "UTC", default), user,
                    [new ActivitySample(Guid.NewGuid(), from.AddHours(1), from.AddHours(1.5), ActivityState.Idle)]);
            }
        }
        return workspaceId;
    }

    private static string Dump(Stores s)
    {
        using var c = s.Db.Open();
        using var command = c.CreateCommand();
        command.CommandText = """
            SELECT 'm', k.user_id, d.day, 0, 0, 0, 0, 0, hex(d.prefix), ''
              FROM member_days d JOIN member_keys k ON k.key = d.member_key
            UNION ALL SELECT 'i', k.user_id, i.block, 0, 0, 0, 0, 0, '', hex(i.days)
              FROM member_interval_blocks i JOIN member_keys k ON k.key = i.member_key
            UNION ALL SELECT 'w', workspace_id, day, length(masks), hex(masks), 0, 0, 0, '', '' FROM workspace_days
            UNION ALL SELECT 's', workspace_id, watermark, 0, 0, 0, 0, 0, '', '' FROM rollup_state
            ORDER BY 1, 2, 3
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        // Member keys differ between databases; everything else must match, so masks are compared by size and presence.
        while (reader.Read()) rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i =>
            reader.GetValue(i)?.ToString())));
        return string.Join("\n", rows);
    }

    [Fact]
    public async Task Running_twice_or_after_a_missed_week_stores_the_same_rollups_as_nightly_runs()
    {
        var nightly = Create();
        var once = Create();
        var workspaceId = Ids.New();
        await SeedAsync(nightly, workspaceId);
        await SeedAsync(once, workspaceId);

        for (var night = 1; night <= 22; night++)
        {
            nightly.Clock.Set(Start.AddDays(night).AddMinutes(30));
            await nightly.Rollup.RunAsync();
        }
        once.Clock.Set(Start.AddDays(22).AddMinutes(30));
        var first = await once.Rollup.RunAsync();
        var afterFirst = Dump(once);
        var second = await once.Rollup.RunAsync();

        // Alice works 08:00-17:00 on 20 days; Bob 20:00-05:00, which touches 21 UTC days.
        Assert.Equal(41, first.Counts["member_days"]);
        Assert.Equal(0, second.Counts["days_computed"]);
        Assert.Equal(afterFirst, Dump(once));
        Assert.Equal(Dump(nightly).Split('\n').Where(l => !l.StartsWith('w')), afterFirst.Split('\n').Where(l =>
            !l.StartsWith('w')));
        Assert.Contains(afterFirst.Split('\n'), l => l.StartsWith("s|")
            && l.Contains($"|{(Start.AddDays(21).UtcTicks / TimeSpan.TicksPerDay)}|"));
    }

    [Fact]
    public async Task A_late_edit_marks_its_day_dirty_and_the_next_run_recomputes_only_that_day()
    {
        var s = Create();
        var workspaceId = await SeedAsync(s, Ids.New());
        s.Clock.Set(Start.AddDays(22));
        await s.Rollup.RunAsync();
        var late = Start.AddDays(3).AddHours(2);
        await s.Attendance.AddPairAsync(new AttendanceSession(workspaceId, "carol",
            DateOnly.FromDateTime(late.UtcDateTime),
            new AttendanceEvent(Ids.New(), late, late, "carol", null, null, null), new AttendanceEvent(Ids.New(),
                late.AddHours(1), late, "carol", null, null, null)), null);

        var rerun = await s.Rollup.RunAsync();

        Assert.Equal(1, rerun.Counts["days_computed"]);
        Assert.Contains("carol", Dump(s));
    }

    [Fact]
    public async Task A_workspace_whose_data_breaks_the_job_is_reported_and_the_others_are_still_rolled_up()
    {
        var s = Create();
        // Created first, so it is processed first: a pair at the very start of the calendar (the API refuses these
        // now; older databases may hold one) used to stop the run for every workspace after it.
        var poisoned = Ids.New();
        await SeedAsync(s, poisoned);
        var ancient = DateTimeOffset.MinValue;
        await s.Attendance.AddPairAsync(new AttendanceSession(poisoned, "ancient", DateOnly.MinValue,
            new AttendanceEvent(Ids.New(), ancient, Start, "ancient", null, null, null),
            new AttendanceEvent(Ids.New(), ancient.AddHours(1), Start, "ancient", null, null, null)), null);
        var healthy = await SeedAsync(s, Ids.New());
        s.Clock.Set(Start.AddDays(22).AddMinutes(30));

        var report = await s.Rollup.RunAsync();

        Assert.Equal(poisoned, Assert.Single(report.Failures).WorkspaceId);
        Assert.Equal(1, report.Counts["workspaces_failed"]);
        Assert.Equal(41, report.Counts["member_days"]);
        Assert.Contains(Dump(s).Split('\n'), l => l.StartsWith($"s|{healthy}|"));
    }

    [Fact]
    public async Task Auto_clock_out_closes_sessions_open_longer_than_the_workspace_limit()
    {
        var s = Create();
        var workspaceId = Ids.New();
        await s.Workspaces.CreateAsync(new Workspace(workspaceId, "w", "UTC", Start, AutoClockOutAfterHours: 10),
            new Core.Members.Member { WorkspaceId = workspaceId, Id = "owner", Email = "o@x.y", FirstName = "O",
                LastName = "W", Role = Core.Members.MemberRole.Owner, Status = Core.Members.MemberStatus.Active,
                    CreatedAt = Start, UpdatedAt = Start },
            new Core.Auth.ApiKey(Ids.New(), workspaceId, "owner", "k", "00", Start, null));
        foreach (var (user, hoursAgo) in new[] { ("forgot", 11), ("working", 3) })
        {
            var from = Start.AddHours(-hoursAgo);
            await s.Attendance.ClockInAsync(new AttendanceSession(workspaceId, user,
                DateOnly.FromDateTime(from.UtcDateTime),
                new AttendanceEvent(Ids.New(), from, from, user, null, null, null), null), null);
        }
        var job = new AutoClockOutJob(s.Workspaces, s.Attendance, s.Clock);

        var report = await job.RunAsync();

        Assert.Equal(1, report.Counts["sessions_closed"]);
        var sessions = await s.Attendance.GetOverlappingAsync(workspaceId, null, Start.AddDays(-1), Start.AddDays(1));
        var closed = sessions.Single(x => x.UserId == "forgot");
        Assert.True(closed.AutoClockedOut);
        Assert.Equal(closed.Start.AddHours(10), closed.ClockOut!.Timestamp);
        Assert.True(sessions.Single(x => x.UserId == "working").IsOpen);
        Assert.Equal(0, (await job.RunAsync()).Counts["sessions_closed"]);
    }

    [Fact]
    public async Task Purge_deletes_only_activity_older_than_the_retention_of_workspaces_that_set_one()
    {
        var s = Create();
        var keep = await SeedAsync(s, Ids.New());
        var purge = Ids.New();
        await s.Workspaces.CreateAsync(new Workspace(purge, "p", "UTC", Start, ActivityRetentionDays: 5),
            new Core.Members.Member { WorkspaceId = purge, Id = "owner", Email = "o@x.y", FirstName = "O",
                LastName = "W", Role = Core.Members.MemberRole.Owner, Status = Core.Members.MemberStatus.Active,
                    CreatedAt = Start, UpdatedAt = Start },
            new Core.Auth.ApiKey(Ids.New(), purge, "owner", "k", "00", Start, null));
        await s.Activity.AddAsync(new Workspace(purge, "w", "UTC", default), "p1", [
            new ActivitySample(Guid.NewGuid(), Start.AddDays(1), Start.AddDays(1).AddMinutes(5), ActivityState.Idle),
            new ActivitySample(Guid.NewGuid(), Start.AddDays(9), Start.AddDays(9).AddMinutes(5), ActivityState.Idle)]);
        s.Clock.Set(Start.AddDays(10));
        var job = new PurgeActivityJob(s.Workspaces, s.Activity, new SqliteIdempotencyStore(s.Db),
            new SqliteLoginThrottleStore(s.Db), s.Clock);

        var report = await job.RunAsync();

        Assert.Equal(1, report.Counts["samples_purged"]);
        Assert.Single(await s.Activity.GetIdleAsync(purge, ["p1"], Start, Start.AddDays(20)));
        Assert.Equal(20, (await s.Activity.GetIdleAsync(keep, ["alice"], Start, Start.AddDays(30))).Count);
    }

    public void Dispose()
    {
        foreach (var file in _files) file.Dispose();
    }
}

using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using TimeTracker.Core;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Jobs;
using TimeTracker.Core.Time;
using TimeTracker.Core.Workspaces;
using TimeTracker.Storage.Sqlite;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Properties;

/// <summary>
/// docs/ARCHITECTURE.md, Rollups and jobs: results must be identical with or without rollups. Over random histories
/// (sessions across DST days and
/// midnights, idle samples, an open session, late edits that dirty rolled-up days) and random queries in awkward
/// zones, raw and rollup answers must match — before the job, after it, after late edits, and after re-running it.
/// </summary>
public sealed class RollupEquivalenceProperties
{
    private static readonly string[] Zones = ["UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York",
        "Australia/Lord_Howe", "Pacific/Chatham"];
    private static readonly DateTimeOffset WindowStart = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private const int WindowDays = 40;

    private sealed class World : IDisposable
    {
        private readonly TemporarySqliteFile _file = new("prop");
        public readonly TestClock Clock = new(WindowStart.AddDays(WindowDays + 3));
        public readonly SqliteAttendanceStore Attendance;
        public readonly SqliteActivityStore Activity;
        public readonly SqliteRollupStore Rollups;
        public readonly WorkTimeAnalysis Analysis;
        public readonly ActiveUsers Engagement;
        public readonly RollupJob Job;
        public readonly string WorkspaceId = Ids.New();
        private readonly Workspace _workspace;

        public World(WorkTimeSource source = WorkTimeSource.Attendance,
            int gapMinutes = Workspace.DefaultSessionGapMinutes)
        {
            var db = new SqliteDatabase(_file.Path);
            var keys = new MemberKeys();
            var workspace = new Workspace(WorkspaceId, "w", "UTC", default, WorkTimeSource: source,
                ActivitySessionGapMinutes: gapMinutes);
            _workspace = workspace;
            var workspaces = new SingleWorkspace(workspace);
            Attendance = new SqliteAttendanceStore(db, Clock);
            Activity = new SqliteActivityStore(db, keys);
            Rollups = new SqliteRollupStore(db, keys);
            var work = new WorkSource(workspaces, Attendance, Activity);
            Analysis = new WorkTimeAnalysis(work, Rollups, Clock);
            Engagement = new ActiveUsers(work, Rollups, Clock);
            Job = new RollupJob(workspaces, work, Rollups, Clock);
        }

        public Task AddSamplesAsync(string user, IReadOnlyList<ActivitySample> samples) =>
            Activity.AddAsync(_workspace, user, samples);

        public void Dispose() => _file.Dispose();
    }

    /// <summary>The job only needs the workspace list; sessions reference the workspace id directly.</summary>
    private sealed class SingleWorkspace(Workspace workspace) : IWorkspaceStore
    {
        public Task<Workspace?> GetAsync(string workspaceId, CancellationToken ct = default) =>
            Task.FromResult<Workspace?>(workspace);
        public Task<bool> AnyAsync(CancellationToken ct = default) => Task.FromResult(true);
        public Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<Workspace>>([workspace]);
        public Task CreateAsync(Workspace workspace, Core.Members.Member owner, Core.Auth.ApiKey ownerKey,
            CancellationToken ct = default) => throw new NotSupportedException();
        public Task UpdateAsync(Workspace workspace, CancellationToken ct = default) =>
            throw new NotSupportedException();
    }

    [Fact]
    public void Analysis_and_active_users_are_identical_with_and_without_rollups()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), seed =>
            CheckHistory(seed).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    private static async Task<bool> CheckHistory(int seed)
    {
        var random = new Random(seed);
        using var world = new World();
        var users = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Ids.New()).ToList();
        var sessions = new List<AttendanceSession>();
        foreach (var user in users) sessions.AddRange(await WriteHistoryAsync(world, user, random));
        var queries = Enumerable.Range(0, 6).Select(_ => RandomQuery(random)).ToList();

        await AssertSameAsync(world, users, queries, seed, "before any rollup");
        await world.Job.RunAsync();
        await AssertSameAsync(world, users, queries, seed, "after the rollup");

        // Late edits: delete a rolled-up session, add an old pair, add idle time to an old day.
        if (sessions.Count > 0)
        {
            var victim = sessions[random.Next(sessions.Count)];
            await world.Attendance.DeleteAsync(world.WorkspaceId, victim.Id);
        }
        var late = users[random.Next(users.Count)];
        var lateStart = WindowStart.AddDays(random.Next(0, 5)).AddMinutes(random.Next(0, 60 * 24));
        await world.Attendance.AddPairAsync(Pair(world.WorkspaceId, late, lateStart,
            lateStart.AddMinutes(random.Next(1, 600)), world.Clock.GetUtcNow()), null);
        await world.AddSamplesAsync(late, [new ActivitySample(Guid.NewGuid(), lateStart,
            lateStart.AddMinutes(random.Next(1, 60)), ActivityState.Idle)]);
        await AssertSameAsync(world, users, queries, seed, "after late edits");

        await world.Job.RunAsync();
        await AssertSameAsync(world, users, queries, seed, "after re-running the rollup");
        return true;
    }

    /// <summary>
    /// docs/API.md, Work time from activity: the same equivalence when sessions are derived from samples — bursts whose
    /// pauses sit just under, at and just over the gap, across midnights and the DST days in the window, a member still
    /// working now, some clocked sessions besides, and late samples that extend, bridge and start sessions on days
    /// already rolled up.
    /// </summary>
    [Fact]
    public void Activity_mode_analysis_and_active_users_are_identical_with_and_without_rollups()
    {
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), seed =>
            CheckActivityHistory(seed).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    private static async Task<bool> CheckActivityHistory(int seed)
    {
        var random = new Random(seed);
        var gapMinutes = random.Next(1, 31);
        using var world = new World(WorkTimeSource.Activity, gapMinutes);
        var users = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Ids.New()).ToList();
        foreach (var user in users)
        {
            var cursor = WindowStart.AddMinutes(random.Next(0, 600));
            while (cursor < WindowStart.AddDays(WindowDays))
            {
                var start = cursor.AddMinutes(random.Next(0, 60 * 30));
                var burst = Burst(random, start, gapMinutes, random.Next(1, 40));
                foreach (var batch in burst.Chunk(random.Next(1, 20))) await world.AddSamplesAsync(user, batch);
                if (random.Next(6) == 0)
                    await world.Attendance.AddPairAsync(Pair(world.WorkspaceId, user, start.AddMinutes(-30),
                        start.AddMinutes(random.Next(1, 300)), world.Clock.GetUtcNow()), null);
                cursor = burst[^1].End;
            }
        }
        // Someone still working: samples up to a few minutes ago.
        var now = world.Clock.GetUtcNow();
        await world.AddSamplesAsync(users[0], Burst(random, now.AddMinutes(-random.Next(30, 600)), gapMinutes,
            1).Concat(
            [new ActivitySample(Guid.NewGuid(), now.AddMinutes(-gapMinutes - 5), now.AddMinutes(-random.Next(0,
                gapMinutes)), ActivityState.Active)]).ToList());
        var queries = Enumerable.Range(0, 6).Select(_ => RandomQuery(random)).ToList();

        await AssertSameAsync(world, users, queries, seed, "activity mode, before any rollup");
        await world.Job.RunAsync();
        await AssertSameAsync(world, users, queries, seed, "activity mode, after the rollup");

        // Late samples on rolled-up days: single ones that may extend or bridge sessions, and a whole late burst.
        foreach (var user in users)
        {
            var at = WindowStart.AddDays(random.Next(0, WindowDays)).AddMinutes(random.Next(0, 60 * 24));
            await world.AddSamplesAsync(user, [new ActivitySample(Guid.NewGuid(), at, at.AddMinutes(random.Next(1,
                60)), RandomState(random))]);
            await world.AddSamplesAsync(user, Burst(random, WindowStart.AddDays(random.Next(0,
                WindowDays)).AddHours(23), gapMinutes, random.Next(1, 10)));
        }
        await AssertSameAsync(world, users, queries, seed, "activity mode, after late samples");

        await world.Job.RunAsync();
        await AssertSameAsync(world, users, queries, seed, "activity mode, after re-running the rollup");
        return true;
    }

    /// <summary>Consecutive samples whose pauses are often exactly the gap, or a minute under or over it.</summary>
    private static List<ActivitySample> Burst(Random random, DateTimeOffset start, int gapMinutes, int count)
    {
        var samples = new List<ActivitySample>(count);
        var cursor = start;
        for (var i = 0; i < count; i++)
        {
            var end = cursor.AddMinutes(random.Next(1, 30));
            samples.Add(new ActivitySample(Guid.NewGuid(), cursor, end, RandomState(random)));
            cursor = end.AddMinutes(random.Next(5) switch { 0 => 0, 1 => gapMinutes, 2 => gapMinutes - 1, 3 =>
                gapMinutes + 1, _ => random.Next(0, 3 * gapMinutes) });
        }
        return samples;
    }

    private static ActivityState RandomState(Random random) => random.Next(3) == 0 ? ActivityState.Idle
        : ActivityState.Active;

    private static async Task<List<AttendanceSession>> WriteHistoryAsync(World world, string user, Random random)
    {
        var written = new List<AttendanceSession>();
        var cursor = WindowStart.AddMinutes(random.Next(0, 600));
        var end = WindowStart.AddDays(WindowDays);
        while (cursor < end)
        {
            var start = cursor.AddMinutes(random.Next(0, 60 * 30));
            var length = TimeSpan.FromMinutes(random.Next(1, 60 * 30));
            if (start >= end) break;
            var session = Pair(world.WorkspaceId, user, start, start + length, world.Clock.GetUtcNow());
            Assert.Equal(SessionWriteResult.Written, await world.Attendance.AddPairAsync(session, null));
            written.Add(session);
            var samples = Enumerable.Range(0, random.Next(0, 6)).Select(_ =>
            {
                var from = start.AddMinutes(random.Next(-60, (int)length.TotalMinutes + 60));
                return new ActivitySample(Guid.NewGuid(), from, from.AddMinutes(random.Next(1, 61)),
                    random.Next(3) == 0 ? ActivityState.Active : ActivityState.Idle);
            }).ToList();
            if (samples.Count > 0) await world.AddSamplesAsync(user, samples);
            cursor = start + length;
        }
        if (random.Next(2) == 0)
        {
            // An open session that started a few days ago and runs to now.
            var openStart = world.Clock.GetUtcNow().AddHours(-random.Next(1, 72));
            if (written.Count == 0 || written[^1].ClockOut!.Timestamp <= openStart)
                await world.Attendance.ClockInAsync(new AttendanceSession(world.WorkspaceId, user,
                    DateOnly.FromDateTime(openStart.UtcDateTime),
                    new AttendanceEvent(Ids.New(), openStart, openStart, user, null, null, null), null), null);
        }
        return written;
    }

    private static AttendanceSession Pair(string workspaceId, string user, DateTimeOffset from, DateTimeOffset to,
        DateTimeOffset now) =>
        new(workspaceId, user, DateOnly.FromDateTime(from.UtcDateTime),
            new AttendanceEvent(Ids.New(), from, now, user, null, null, null), new AttendanceEvent(Ids.New(), to,
                now, user, null, null, null));

    private sealed record Query(string Zone, LocalDateTime From, LocalDateTime To);

    private static Query RandomQuery(Random random)
    {
        var zone = Zones[random.Next(Zones.Length)];
        var from = new LocalDateTime(2026, 2, 27, 0, 0).PlusMinutes(random.Next(0, 60 * 24 * (WindowDays + 6)));
        if (random.Next(2) == 0) from = from.Date.AtMidnight();
        var to = from.PlusMinutes(random.Next(1, 60 * 24 * 20));
        if (random.Next(2) == 0) to = to.Date.AtMidnight().PlusSeconds(-1).PlusDays(1);
        return new Query(zone, from, to);
    }

    private static async Task AssertSameAsync(World world, IReadOnlyList<string> users, IEnumerable<Query> queries,
        int seed, string stage)
    {
        foreach (var query in queries)
        {
            var zone = TimeZones.Get(query.Zone);
            var range = new TimeRange(
                zone.ResolveLocal(query.From,
                    NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant().ToDateTimeOffset().UtcTicks,
                zone.ResolveLocal(query.To,
                    NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant().ToDateTimeOffset()
                        .UtcTicks + TimeSpan.TicksPerSecond);
            var raw = await world.Analysis.ComputeAsync(world.WorkspaceId, users, range, useRollups: false);
            var rolled = await world.Analysis.ComputeAsync(world.WorkspaceId, users, range, useRollups: true);
            Assert.True(raw.SequenceEqual(rolled),
                $"seed {seed}, {stage}, {query}: raw {string.Join(" | ", raw)} vs rollups {string.Join(" | ", rolled)}");

            var activeRaw = await world.Engagement.ComputeAsync(world.WorkspaceId, zone, query.From.Date,
                query.To.Date, useRollups: false);
            var activeRolled = await world.Engagement.ComputeAsync(world.WorkspaceId, zone, query.From.Date,
                query.To.Date, useRollups: true);
            Assert.True(Same(activeRaw, activeRolled), $"seed {seed}, {stage}, {query}: active users differ");
        }
    }

    private static bool Same(IReadOnlyList<ActiveUsers.Day> a, IReadOnlyList<ActiveUsers.Day> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Date == p.Second.Date
            && p.First.UserIds.SequenceEqual(p.Second.UserIds));
}

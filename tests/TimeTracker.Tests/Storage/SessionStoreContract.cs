using TimeTracker.Core;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Idempotency;
using TimeTracker.Core.Invitations;
using TimeTracker.Core.Members;
using TimeTracker.Core.Time;
using TimeTracker.Core.Workspaces;
using TimeTracker.Storage.Cosmos;
using TimeTracker.Storage.Sqlite;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Storage;

/// <summary>The contract of the attendance, activity, rollup, idempotency and invitation ports, run against every
/// store.</summary>
public abstract class SessionStoreContract
{
    protected static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    protected sealed record Stores(IWorkspaceStore Workspaces, IMemberStore Members, IAttendanceStore Attendance,
        IActivityStore Activity, IRollupStore Rollups,
        IInvitationStore Invitations, IApiKeyStore Keys, IIdempotencyStore Idempotency);

    protected TestClock Clock { get; } = new(Now);

    protected abstract Task<Stores> CreateAsync();

    protected static async Task<(string Workspace, string Member)> MemberAsync(Stores s)
    {
        var workspace = new Workspace(Ids.New(), "Acme", "UTC", Now, null, null);
        var owner = new Member
        {
            WorkspaceId = workspace.Id, Id = Ids.New(), Email = $"{Guid.NewGuid():N}@acme.test", FirstName = "Ada",
                LastName = "L",
            Role = MemberRole.Owner, Status = MemberStatus.Active, CreatedAt = Now, UpdatedAt = Now, ActivatedAt = Now,
        };
        await s.Workspaces.CreateAsync(workspace, owner, new ApiKey(Ids.New(), workspace.Id, owner.Id, "k", "00",
            Now, null));
        return (workspace.Id, owner.Id);
    }

    protected static AttendanceEvent Event(DateTimeOffset at, string by) => new(Ids.New(), at, at, by, "office",
        "127.0.0.1", null);

    protected static AttendanceSession Session(string ws, string user, DateTimeOffset start, DateTimeOffset? end) =>
        new(ws, user, DateOnly.FromDateTime(start.UtcDateTime), Event(start, user), end is { } e ? Event(e, user)
            : null);

    [Fact]
    public async Task A_key_reads_with_its_member_and_workspace_until_it_is_deleted()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var key = new ApiKey(Ids.New(), ws, user, "laptop", "00", Now, Now.AddDays(30));
        await s.Keys.CreateAsync(key);
        // Twice: a store may answer the second read from the keys it has seen, never the member or the workspace.
        for (var read = 0; read < 2; read++)
        {
            var credential = await s.Keys.GetCredentialAsync(key.Id);
            Assert.Equal(key, credential!.Key);
            Assert.Equal((user, ws), (credential.Member!.Id, credential.Workspace!.Id));
        }
        var member = (await s.Members.GetAsync(ws, user))!;
        await s.Members.UpdateAsync(member with { FirstName = "Grace" });
        Assert.Equal("Grace", (await s.Keys.GetCredentialAsync(key.Id))!.Member!.FirstName);

        Assert.True(await s.Keys.DeleteAsync(ws, key.Id));
        Assert.Null(await s.Keys.GetCredentialAsync(key.Id));
        Assert.Null(await s.Keys.GetCredentialAsync(Ids.New()));
    }

    [Fact]
    public async Task The_first_clock_in_and_each_members_last_session_before_an_instant_come_from_the_right_end()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var other = Ids.New();
        var day = Now.AddDays(-10);
        foreach (var (who, hours) in new[] { (user, 2), (user, 5), (other, 1), (user, 9), (other, 30) })
            Assert.Equal(SessionWriteResult.Written, await s.Attendance.AddPairAsync(Session(ws, who,
                day.AddHours(hours), day.AddHours(hours + 1)), null));
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.ClockInAsync(Session(ws, user, Now.AddHours(-1),
            null), null));

        Assert.Equal(day.AddHours(1), await s.Attendance.GetFirstClockInAsync(ws));
        var last = (await s.Attendance.GetLastBeforeAsync(ws, [user, other, Ids.New()],
            day.AddHours(9))).ToDictionary(x => x.UserId, x => x.Start);
        Assert.Equal(new Dictionary<string, DateTimeOffset> { [user] = day.AddHours(5), [other] = day.AddHours(1) },
            last);
        Assert.Equal(Now.AddHours(-1), Assert.Single(await s.Attendance.GetLastBeforeAsync(ws, [user], Now)).Start);

        var activity = new Workspace(ws, "Acme", "UTC", Now, WorkTimeSource: WorkTimeSource.Activity);
        foreach (var hours in new[] { 3, 7, 12 })
            await s.Activity.AddAsync(activity, user, [new ActivitySample(Guid.NewGuid(), day.AddHours(hours),
                day.AddHours(hours).AddMinutes(20), ActivityState.Active)]);
        Assert.Equal(day.AddHours(3), await s.Activity.GetFirstSessionStartAsync(ws));
        var derived = Assert.Single(await s.Activity.GetLastSessionsBeforeAsync(ws, [user, other], day.AddHours(12)));
        Assert.Equal(day.AddHours(7).UtcTicks, derived.Start);
    }

    [Fact]
    public async Task A_batch_of_several_members_stores_and_derives_each_members_part_as_its_own()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var (other, third) = (Ids.New(), Ids.New());
        var day = Now.AddDays(-2);
        ActivitySample At(int minutes, ActivityState state = ActivityState.Idle) => new(Guid.NewGuid(),
            day.AddMinutes(minutes), day.AddMinutes(minutes + 5), state);
        var mine = new[] { At(0), At(5, ActivityState.Active), At(70) };
        var theirs = new[] { At(0), At(200, ActivityState.Active) };
        var activity = new Workspace(ws, "Acme", "UTC", Now, WorkTimeSource: WorkTimeSource.Activity);
        var batch = new List<MemberSamples> { new(user, mine), new(other, theirs), new(third, [At(30)]) };

        var result = await s.Activity.AddAsync(activity, batch);
        Assert.Equal(new IngestResult(6, 0), result);
        Assert.Equal(new IngestResult(0, 6), await s.Activity.AddAsync(activity, batch));
        var idle = await s.Activity.GetIdleAsync(ws, [user, other, third], day, day.AddDays(1));
        Assert.Equal(new Dictionary<string, int> { [user] = 2, [other] = 1, [third] = 1 },
            idle.GroupBy(i => i.UserId).ToDictionary(g => g.Key, g => g.Count()));
        // A 10-minute gap joins a member's samples, never two members'.
        var sessions = await s.Activity.GetSessionsAsync(ws, null, day, day.AddDays(1));
        Assert.Equal([(user, 0, 10), (user, 70, 75), (other, 0, 5), (other, 200, 205), (third, 30, 35)],
            sessions.Select(x => (x.UserId, (int)((x.Start - day.UtcTicks) / TimeSpan.TicksPerMinute),
                (int)((x.End - day.UtcTicks) / TimeSpan.TicksPerMinute)))
                .OrderBy(x => x.UserId == user ? 0 : x.UserId == other ? 1 : 2).ThenBy(x => x.Item2));
    }

    [Fact]
    public async Task Instants_read_back_to_the_tick()
    {
        // Ticks exceed what a double holds exactly (2^53), which is how Cosmos DB stores numbers.
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var start = Now.AddTicks(1234567);
        var open = Session(ws, user, start, null);
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.ClockInAsync(open, null));
        var (result, closed) = await s.Attendance.ClockOutAsync(ws, user, Event(start.AddHours(1).AddTicks(7654321),
            user), null, _ => "");
        Assert.Equal(SessionWriteResult.Written, result);

        var read = Assert.Single(await s.Attendance.GetOverlappingAsync(ws, [user], Now, Now.AddDays(1)));
        Assert.Equal(closed, read);
        Assert.Equal(start, read.Start);
        Assert.Equal(closed!.ClockOut!.Timestamp, read.ClockOut!.Timestamp);
    }

    [Fact]
    public async Task One_open_session_and_no_overlap_with_closed_ones_including_future_pairs()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var future = Session(ws, user, Now.AddMinutes(-30), Now.AddHours(2));
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.AddPairAsync(future, null));
        Assert.Equal(SessionWriteResult.Overlaps, await s.Attendance.ClockInAsync(Session(ws, user, Now, null), null));
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.ClockInAsync(Session(ws, user, Now.AddHours(2),
            null), null));
        Assert.Equal(SessionWriteResult.AlreadyOpen, await s.Attendance.ClockInAsync(Session(ws, user,
            Now.AddHours(3), null), null));
        Assert.Equal(SessionWriteResult.Overlaps, await s.Attendance.AddPairAsync(Session(ws, user, Now.AddHours(4),
            Now.AddHours(5)), null));
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.AddPairAsync(Session(ws, user, Now.AddHours(-3),
            Now.AddHours(-2)), null));
        Assert.Equal(3, (await s.Attendance.GetOverlappingAsync(ws, null, Now.AddDays(-1), Now.AddDays(1))).Count);
    }

    [Fact]
    public async Task Overlap_reads_find_sessions_that_started_long_before_the_range_however_they_were_closed()
    {
        var from = Now.AddDays(-5);
        var to = Now.AddDays(-4);
        // Each way of closing a long session, in a workspace of its own, so none hides behind another's length.
        var closings = new Func<Stores, string, string, Task>[]
        {
            (s, ws, user) => s.Attendance.AddPairAsync(Session(ws, user, Now.AddDays(-12), Now.AddDays(-2)), null),
            async (s, ws, user) =>
            {
                await s.Attendance.ClockInAsync(Session(ws, user, Now.AddDays(-9), null), null);
                await s.Attendance.ClockOutAsync(ws, user, Event(Now.AddDays(-3), user), null, _ => "");
            },
            async (s, ws, user) =>
            {
                var open = Session(ws, user, Now.AddDays(-20), null);
                await s.Attendance.ClockInAsync(open, null);
                Assert.True(await s.Attendance.CloseAutomaticallyAsync(ws, open.Id, Event(Now.AddDays(-1), user)));
            },
        };
        foreach (var close in closings)
        {
            var s = await CreateAsync();
            var (ws, user) = await MemberAsync(s);
            string stillOpen = Ids.New(), shortOnly = Ids.New();
            await close(s, ws, user);
            await s.Attendance.ClockInAsync(Session(ws, stillOpen, Now.AddDays(-30), null), null);
            // Half-open: one ends exactly at from, one starts exactly at to; neither overlaps.
            await s.Attendance.AddPairAsync(Session(ws, shortOnly, from.AddHours(-1), from), null);
            await s.Attendance.AddPairAsync(Session(ws, shortOnly, to, to.AddHours(1)), null);

            var expected = new[] { user, stillOpen }.Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, (await s.Attendance.GetOverlappingAsync(ws, null, from, to)).Select(x => x.UserId));
            Assert.Equal(expected, (await s.Attendance.GetOverlappingAsync(ws, [stillOpen, user, shortOnly], from,
                to)).Select(x => x.UserId));
            Assert.Empty(await s.Attendance.GetOverlappingAsync(ws, [shortOnly], from, to));
            // The slim read analytics use finds the same sessions, reduced to member and span.
            Assert.Equal((await s.Attendance.GetOverlappingAsync(ws, null, from, to)).Select(x =>
                new MemberSession(x.UserId, SessionRef.Of(x))), await s.Attendance.GetWorkedSpansAsync(ws, null, from,
                to));
            Assert.Empty(await s.Attendance.GetWorkedSpansAsync(ws, [shortOnly], from, to));
        }
    }

    [Fact]
    public async Task A_session_inside_a_long_earlier_one_overlaps_it()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.AddPairAsync(Session(ws, user, Now.AddDays(-20),
            Now.AddDays(-10)), null));
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.AddPairAsync(Session(ws, user, Now.AddDays(-2),
            Now.AddDays(-2).AddHours(1)), null));
        Assert.Equal(SessionWriteResult.Overlaps, await s.Attendance.AddPairAsync(Session(ws, user, Now.AddDays(-12),
            Now.AddDays(-11)), null));
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.AddPairAsync(Session(ws, user, Now.AddDays(-10),
            Now.AddDays(-9)), null));
        var open = Session(ws, user, Now.AddDays(-1), null);
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.ClockInAsync(open, null));
        // The open session runs on: a pair starting further after it than the longest closed session still overlaps
        // it; one that ends at its start does not.
        Assert.Equal(SessionWriteResult.Overlaps, await s.Attendance.AddPairAsync(Session(ws, user, Now.AddDays(15),
            Now.AddDays(16)), null));
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.AddPairAsync(Session(ws, user,
            Now.AddDays(-1).AddHours(-1), Now.AddDays(-1)), null));
    }

    [Fact]
    public async Task Parallel_clock_ins_of_one_member_write_one_session()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => s.Attendance.ClockInAsync(Session(ws,
            user, Now.AddSeconds(i), null), null)));
        Assert.Equal(1, results.Count(r => r == SessionWriteResult.Written));
        Assert.All(results.Where(r => r != SessionWriteResult.Written), r =>
            Assert.Equal(SessionWriteResult.AlreadyOpen, r));
        Assert.Single(await s.Attendance.GetOpenStartedBeforeAsync(ws, Now.AddMinutes(1)));
    }

    [Fact]
    public async Task Deleting_either_event_removes_the_pair_and_an_open_session_can_be_deleted()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var pair = Session(ws, user, Now.AddHours(-5), Now.AddHours(-4));
        await s.Attendance.AddPairAsync(pair, null);
        var found = await s.Attendance.FindByEventAsync(ws, pair.ClockOut!.Id);
        Assert.Equal(pair.Id, found!.Id);
        Assert.True(await s.Attendance.DeleteAsync(ws, found.Id));
        Assert.Null(await s.Attendance.FindByEventAsync(ws, pair.ClockIn.Id));

        var open = Session(ws, user, Now, null);
        await s.Attendance.ClockInAsync(open, null);
        Assert.True(await s.Attendance.DeleteAsync(ws, open.Id));
        Assert.Empty(await s.Attendance.GetByDateAsync(ws, [user], DateOnly.FromDateTime(Now.UtcDateTime),
            DateOnly.FromDateTime(Now.UtcDateTime)));
        Assert.Equal(SessionWriteResult.NoneOpen, (await s.Attendance.ClockOutAsync(ws, user, Event(Now.AddHours(1),
            user), null, _ => "")).Result);
        Assert.False(await s.Attendance.DeleteAsync(ws, open.Id));
    }

    [Fact]
    public async Task An_idempotency_record_is_written_with_its_session_and_a_taken_key_writes_nothing()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var record = new IdempotencyRecord(ws, user, "key-1", "hash", 201, "{\"id\":1}", Now);
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.AddPairAsync(Session(ws, user, Now.AddHours(-3),
            Now.AddHours(-2)), record));
        Assert.Equal(record, await s.Idempotency.GetAsync(ws, user, "key-1"));
        Assert.Null(await s.Idempotency.GetAsync(ws, Ids.New(), "key-1"));

        await Assert.ThrowsAsync<IdempotencyKeyTakenException>(() => s.Attendance.AddPairAsync(Session(ws, user,
            Now.AddHours(-1), Now), record));
        Assert.Single(await s.Attendance.GetOverlappingAsync(ws, [user], Now.AddDays(-1), Now.AddDays(1)));
    }

    [Fact]
    public async Task An_invitation_is_accepted_once_even_when_accepts_race()
    {
        var s = await CreateAsync();
        var (ws, _) = await MemberAsync(s);
        var invited = new Member
        {
            WorkspaceId = ws, Id = Ids.New(), Email = $"{Guid.NewGuid():N}@acme.test", FirstName = "In",
                LastName = "Vited",
            Role = MemberRole.RegularUser, Status = MemberStatus.Invited, CreatedAt = Now, UpdatedAt = Now,
        };
        var invitation = new Invitation(Ids.New(), ws, invited.Id, Now, Now + Invitation.Lifetime);
        await s.Invitations.CreateAsync(invited, invitation);
        Assert.Equal(invitation, await s.Invitations.GetAsync(invitation.Id));
        Assert.Equal(MemberStatus.Invited, (await s.Members.GetAsync(ws, invited.Id))!.Status);

        var current = (await s.Members.GetAsync(ws, invited.Id))!;
        var keys = Enumerable.Range(0, 4).Select(i => new ApiKey(Ids.New(), ws, invited.Id, $"k{i}", "00", Now,
            null)).ToList();
        var accepted = await Task.WhenAll(keys.Select(key =>
            s.Invitations.AcceptAsync(invitation, current with { Status = MemberStatus.Active, ActivatedAt = Now },
                key, Now)));
        Assert.Equal(1, accepted.Count(a => a));
        Assert.Equal(MemberStatus.Active, (await s.Members.GetAsync(ws, invited.Id))!.Status);
        Assert.NotNull((await s.Invitations.GetAsync(invitation.Id))!.AcceptedAt);
        Assert.Equal(keys[Array.IndexOf(accepted, true)].Id, Assert.Single(await s.Keys.ListAsync(ws, invited.Id)).Id);
    }

    [Fact]
    public async Task Idle_samples_read_back_within_the_range_for_the_given_members()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var idle = new ActivitySample(Guid.NewGuid(), Now.AddMinutes(10).AddTicks(1230),
            Now.AddMinutes(20).AddTicks(4560), ActivityState.Idle);
        var samples = new[] { idle, new ActivitySample(Guid.NewGuid(), Now, Now.AddMinutes(10), ActivityState.Active) };
        Assert.Equal(2, (await s.Activity.AddAsync(new Workspace(ws, "w", "UTC", default), user, samples)).Accepted);
        Assert.Equal(0, (await s.Activity.AddAsync(new Workspace(ws, "w", "UTC", default), user, samples)).Accepted);
        var read = Assert.Single(await s.Activity.GetIdleAsync(ws, [user], Now, Now.AddHours(1)));
        Assert.Equal(user, read.UserId);
        Assert.Equal(idle.Start, read.Start);
        Assert.Equal(idle.End, read.End);
        Assert.Empty(await s.Activity.GetIdleAsync(ws, [user], Now.AddMinutes(30), Now.AddHours(1)));
        Assert.Empty(await s.Activity.GetIdleAsync(ws, [Ids.New()], Now, Now.AddHours(1)));
    }

    [Fact]
    public async Task Rollups_read_back_exactly_including_masks_with_far_apart_quarter_hours()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var day = ZoneDays.UtcDay(Now.UtcTicks) - 3;
        var midnight = ZoneDays.UtcDaySpan(day).Start;
        // The first and the 64th quarter-hour (00:00 and 15:45): the mask's low word has bits 0 and 63, 2^63 + 1 apart.
        var sessions = new[]
        {
            Session(ws, user, TimeRange.ToInstant(midnight).AddTicks(3), TimeRange.ToInstant(midnight).AddMinutes(10)),
            Session(ws, user, TimeRange.ToInstant(midnight).AddMinutes(15 * 63 + 1),
                TimeRange.ToInstant(midnight).AddMinutes(15 * 64).AddTicks(-7)),
        };
        var summary = DaySummary.Compute(user, day, sessions.Select(SessionRef.Of), [],
            [new TimeRange(midnight + 17, midnight + 42)],
            Now.UtcTicks);
        var version = await s.Rollups.GetDirtyVersionAsync(ws);
        await s.Rollups.SaveAsync(ws, [day], [summary], version, day);

        var dayEnd = ZoneDays.UtcDaySpan(day).End;
        // The first session starts 3 ticks after midnight: a range from 5 ticks straddles it, one from midnight holds
        // the day.
        var edge = Assert.Single((await s.Rollups.ReadAsync(ws, [user], new RollupQuery(1, 0, [day],
            new TimeRange(midnight + 5, dayEnd)))).EdgeDays);
        Assert.Equal(summary.Totals(), edge.Totals);
        var read = edge.Straddling!;
        Assert.Equal(summary.Work.Items, read.Work.Items);
        Assert.Equal(summary.Idle.Items, read.Idle.Items);
        Assert.Equal(summary.Sessions, read.Sessions);
        var inside = Assert.Single((await s.Rollups.ReadAsync(ws, [user], new RollupQuery(1, 0, [day],
            new TimeRange(midnight, dayEnd)))).EdgeDays);
        Assert.Equal((summary.Totals(), (DaySummary?)null), (inside.Totals, inside.Straddling));
        Assert.Empty((await s.Rollups.ReadAsync(ws, [user], new RollupQuery(1, 0, [day],
            new TimeRange(midnight + 16 * TimeSpan.TicksPerHour, dayEnd)))).EdgeDays);
        var engagement = new RecordingVisitor();
        await s.Rollups.VisitEngagementAsync(ws, day - 1, day + 1, engagement);
        var (visitedDay, entries) = Assert.Single(engagement.Days);
        Assert.Equal(day, visitedDay);
        var (member, mask) = Assert.Single(entries);
        Assert.Equal(user, engagement.MemberIds[member]);
        Assert.Equal(QuarterHourMask.FromWork(summary.Work, day), mask);
        Assert.Equal(day, await s.Rollups.GetWatermarkAsync(ws));
    }

    [Fact]
    public async Task A_late_write_to_a_rolled_up_day_marks_it_dirty()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var day = ZoneDays.UtcDay(Now.UtcTicks) - 2;
        await s.Rollups.SaveAsync(ws, [day], [], await s.Rollups.GetDirtyVersionAsync(ws), day);
        Assert.Empty(await s.Rollups.GetDirtyAsync(ws, day, day));
        var start = TimeRange.ToInstant(ZoneDays.UtcDaySpan(day).Start).AddHours(9);
        await s.Attendance.AddPairAsync(Session(ws, user, start, start.AddHours(1)), null);
        Assert.Equal([(user, day)], await s.Rollups.GetDirtyAsync(ws, day, day));
    }

    private sealed class RecordingVisitor : IEngagementVisitor
    {
        public IReadOnlyList<string> MemberIds { get; private set; } = [];
        public List<(long Day, MemberMask[] Entries)> Days { get; } = [];

        public void Members(IReadOnlyList<string> memberIds) => MemberIds = memberIds;

        public void Day(long utcDay, ReadOnlySpan<MemberMask> members) => Days.Add((utcDay, members.ToArray()));
    }
}

public sealed class SqliteSessionStoreTests : SessionStoreContract, IDisposable
{
    private readonly TemporarySqliteFile _file = new("sessions");

    protected override Task<Stores> CreateAsync()
    {
        var db = new SqliteDatabase(_file.Path);
        var keys = new MemberKeys();
        return Task.FromResult(new Stores(new SqliteWorkspaceStore(db), new SqliteMemberStore(db),
            new SqliteAttendanceStore(db, Clock),
            new SqliteActivityStore(db, keys), new SqliteRollupStore(db, keys), new SqliteInvitationStore(db),
                new SqliteApiKeyStore(db), new SqliteIdempotencyStore(db)));
    }

    public void Dispose() => _file.Dispose();
}

[Collection(LocalCosmosCollection.Name)]
public sealed class CosmosSessionStoreTests(LocalCosmos cosmos) : SessionStoreContract, IDisposable
{
    private CosmosDatabase? _db;

    protected override async Task<Stores> CreateAsync()
    {
        _db = await cosmos.CreateDatabaseAsync();
        var members = new CosmosMemberStore(_db);
        var keys = new CosmosApiKeyStore(_db);
        var workspaces = new CosmosWorkspaceStore(_db, members, keys);
        var rollups = new CosmosRollupStore(_db, Clock);
        return new Stores(workspaces, members, new CosmosAttendanceStore(_db, rollups, Clock),
            new CosmosActivityStore(_db, rollups, Clock), rollups,
            new CosmosInvitationStore(_db, members, keys), keys, new CosmosIdempotencyStore(_db));
    }

    [Fact]
    public async Task A_clock_out_that_died_before_clearing_the_ledger_leaves_the_session_closed()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var open = Session(ws, user, Now.AddHours(-2), null);
        await s.Attendance.ClockInAsync(open, null);
        // The closed document is written, the ledger still holds the open session: what a crash in between leaves.
        var closed = open with { ClockOut = Event(Now.AddHours(-1), user) };
        await ((IAttendanceImport)s.Attendance).ImportAsync([closed]);

        Assert.Equal(closed.ClockOut, Assert.Single(await s.Attendance.GetOverlappingAsync(ws, [user],
            Now.AddDays(-1), Now)).ClockOut);
        Assert.Empty(await s.Attendance.GetOpenStartedBeforeAsync(ws, Now));
        Assert.Equal(closed.ClockOut, (await s.Attendance.FindByEventAsync(ws, open.Id))!.ClockOut);
        Assert.Equal(SessionWriteResult.NoneOpen, (await s.Attendance.ClockOutAsync(ws, user, Event(Now, user), null,
            _ => "")).Result);
        Assert.Equal(SessionWriteResult.Written, await s.Attendance.ClockInAsync(Session(ws, user, Now, null), null));
        Assert.Equal(2, (await s.Attendance.GetOverlappingAsync(ws, [user], Now.AddDays(-1), Now.AddHours(1))).Count);
        Assert.True(await s.Attendance.DeleteAsync(ws, open.Id));
        Assert.Single(await s.Attendance.GetOverlappingAsync(ws, [user], Now.AddDays(-1), Now.AddHours(1)));
    }

    [Fact]
    public async Task Writes_to_days_no_rollup_can_reach_yet_skip_the_dirty_mark()
    {
        var s = await CreateAsync();
        var (ws, user) = await MemberAsync(s);
        var today = ZoneDays.UtcDay(Now.UtcTicks);
        await s.Attendance.ClockInAsync(Session(ws, user, Now, null), null);
        Assert.Empty(await s.Rollups.GetDirtyAsync(ws, today - 1, today + 1));

        // Ten minutes before midnight a rollup run within the settle time could already compute today.
        Clock.Set(TimeRange.ToInstant(ZoneDays.UtcDaySpan(today).End).AddMinutes(-10));
        await s.Attendance.ClockOutAsync(ws, user, Event(Clock.GetUtcNow(), user), null, _ => "");
        Assert.Equal([(user, today)], await s.Rollups.GetDirtyAsync(ws, today - 1, today + 1));
    }

    public void Dispose() => _db?.Dispose();
}

using TimeTracker.Core;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Invitations;
using TimeTracker.Core.Members;
using TimeTracker.Core.Storage;
using TimeTracker.Core.Workspaces;
using TimeTracker.Storage.Cosmos;
using TimeTracker.Storage.Sqlite;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Storage;

/// <summary>
/// Invariants a store must keep under concurrency, decided in one atomic step with the write (never a read-then-write
/// in a handler): at least one active owner, a login throttle that parallel guesses cannot pass, single-use
/// invitations,
/// keys that a deletion revoked for good, and one meaning of an activity sample's identity. Run on every store.
/// </summary>
public abstract class InvariantContract
{
    private const int Races = 100;
    private const int RacesAtOnce = 10;
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    protected sealed record Stores(IWorkspaceStore Workspaces, IMemberStore Members, IApiKeyStore Keys,
        IInvitationStore Invitations, ILoginThrottleStore Throttle, IActivityStore Activity);

    protected abstract Task<Stores> CreateAsync();

    private static Member NewMember(string workspaceId, MemberRole role,
        MemberStatus status = MemberStatus.Active) => new()
    {
        WorkspaceId = workspaceId, Id = Ids.New(), Email = $"{Guid.NewGuid():N}@acme.test", FirstName = "Ada",
            LastName = "L",
        Role = role, Status = status, CreatedAt = Now, UpdatedAt = Now, ActivatedAt = status == MemberStatus.Active
            ? Now : null,
    };

    private static async Task<(string Workspace, Member Owner)> WorkspaceAsync(Stores s)
    {
        var workspace = new Workspace(Ids.New(), "Acme", "UTC", Now, null, null);
        var owner = NewMember(workspace.Id, MemberRole.Owner);
        await s.Workspaces.CreateAsync(workspace, owner, new ApiKey(Ids.New(), workspace.Id, owner.Id, "k", "00",
            Now, null));
        return (workspace.Id, owner);
    }

    /// <summary>Runs <paramref name="race"/> <see cref="Races"/> times, <see cref="RacesAtOnce"/> at a time.</summary>
    private static async Task RaceAsync(Func<int, Task> race)
    {
        for (var batch = 0; batch < Races; batch += RacesAtOnce)
            await Task.WhenAll(Enumerable.Range(batch, RacesAtOnce).Select(race));
    }

    /// <summary>What a handler does: read, change, write; again when another writer got there first.</summary>
    private static async Task<string> ChangeAsync(Stores s, string workspaceId, string memberId, bool delete)
    {
        try
        {
            return await OptimisticRetry.RunAsync(async () =>
            {
                var member = (await s.Members.GetAsync(workspaceId, memberId))!;
                if (delete) return (await s.Members.SoftDeleteAsync(member, Now)).ToString();
                await s.Members.UpdateAsync(member with { Role = MemberRole.ExecutiveManager, UpdatedAt = Now });
                return "Demoted";
            });
        }
        catch (LastOwnerException)
        {
            return "LastOwner";
        }
    }

    [Fact]
    public async Task Two_owners_demoting_or_deleting_each_other_at_once_always_leave_exactly_one_owner()
    {
        var s = await CreateAsync();
        var outcomes = new List<string>();
        await RaceAsync(async i =>
        {
            var (ws, first) = await WorkspaceAsync(s);
            var second = NewMember(ws, MemberRole.Owner);
            await s.Members.CreateAsync(second);
            // Races 0, 3, 6…: both demote; 1, 4, 7…: both delete; 2, 5, 8…: one demotes while the other deletes.
            var results = await Task.WhenAll(
                Task.Run(() => ChangeAsync(s, ws, first.Id, delete: i % 3 == 1)),
                Task.Run(() => ChangeAsync(s, ws, second.Id, delete: i % 3 != 0)));
            var owners = (await s.Members.GetManyAsync(ws, [first.Id, second.Id])).Count(m => m.IsActiveOwner);
            lock (outcomes) outcomes.Add($"{owners}:{string.Join(",", results.Order())}");
        });
        Assert.All(outcomes, o => Assert.StartsWith("1:", o));
        Assert.All(outcomes, o => Assert.Contains("LastOwner", o));
        Assert.Equal(Races, outcomes.Count);
    }

    [Fact]
    public async Task Parallel_sign_in_attempts_never_pass_the_limit()
    {
        var s = await CreateAsync();
        const int parallel = 12;
        var allowed = new List<int>();
        await RaceAsync(async _ =>
        {
            var ws = Ids.New();
            var account = $"{Guid.NewGuid():N}@acme.test";
            var waits = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(() =>
                s.Throttle.BeginAttemptAsync(ws, account, Now))));
            lock (allowed) allowed.Add(waits.Count(w => w is null));
            Assert.All(waits.Where(w => w is not null), w => Assert.True(w > TimeSpan.Zero));
        });
        Assert.All(allowed, n => Assert.Equal(LoginThrottle.MaxAttempts, n));
    }

    [Fact]
    public async Task A_cleared_account_starts_over_and_accounts_are_separate()
    {
        var s = await CreateAsync();
        var ws = Ids.New();
        for (var i = 0; i < LoginThrottle.MaxAttempts; i++) Assert.Null(await s.Throttle.BeginAttemptAsync(ws, "ada",
            Now));
        Assert.Equal(LoginThrottle.Window, await s.Throttle.BeginAttemptAsync(ws, "ada", Now));
        Assert.Null(await s.Throttle.BeginAttemptAsync(ws, "bob", Now));
        Assert.Null(await s.Throttle.BeginAttemptAsync(Ids.New(), "ada", Now));
        Assert.Null(await s.Throttle.BeginAttemptAsync(ws, "ada", Now + LoginThrottle.Window));
        await s.Throttle.ClearAsync(ws, "ada");
        for (var i = 0; i < LoginThrottle.MaxAttempts; i++) Assert.Null(await s.Throttle.BeginAttemptAsync(ws, "ada",
            Now));
    }

    [Fact]
    public async Task The_purge_forgets_accounts_whose_window_and_lock_are_over_and_keeps_the_others()
    {
        var s = await CreateAsync();
        var ws = Ids.New();
        Assert.Null(await s.Throttle.BeginAttemptAsync(ws, "old", Now - LoginThrottle.Window * 3));
        for (var i = 0; i < LoginThrottle.MaxAttempts; i++) Assert.Null(await s.Throttle.BeginAttemptAsync(ws,
            "lock-over", Now - TimeSpan.FromMinutes(20)));
        for (var i = 0; i < LoginThrottle.MaxAttempts; i++) Assert.Null(await s.Throttle.BeginAttemptAsync(ws,
            "locked", Now - TimeSpan.FromMinutes(1)));
        Assert.Null(await s.Throttle.BeginAttemptAsync(ws, "recent", Now - TimeSpan.FromMinutes(1)));

        Assert.Equal(2, await s.Throttle.PurgeAsync(Now));

        Assert.NotNull(await s.Throttle.BeginAttemptAsync(ws, "locked", Now));
        // "recent" kept its one attempt: four more pass, the sixth is refused.
        for (var i = 0; i < LoginThrottle.MaxAttempts - 1; i++) Assert.Null(await s.Throttle.BeginAttemptAsync(ws,
            "recent", Now));
        Assert.NotNull(await s.Throttle.BeginAttemptAsync(ws, "recent", Now));
        Assert.Equal(0, await s.Throttle.PurgeAsync(Now));
    }

    [Fact]
    public async Task Parallel_accepts_of_one_invitation_let_exactly_one_through()
    {
        var s = await CreateAsync();
        var winners = new List<int>();
        await RaceAsync(async _ =>
        {
            var (ws, _) = await WorkspaceAsync(s);
            var invited = NewMember(ws, MemberRole.RegularUser, MemberStatus.Invited);
            var invitation = new Invitation(Ids.New(), ws, invited.Id, Now, Now.AddDays(14));
            await s.Invitations.CreateAsync(invited, invitation);
            var read = (await s.Members.GetAsync(ws, invited.Id))!;
            var accepted = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
            {
                var key = new ApiKey(Ids.New(), ws, invited.Id, "k", "00", Now, null);
                try
                {
                    return await s.Invitations.AcceptAsync(invitation, read with { Status = MemberStatus.Active,
                        ActivatedAt = Now }, key, Now);
                }
                catch (ConcurrencyConflictException)
                {
                    return false;
                }
            })));
            lock (winners) winners.Add(accepted.Count(a => a));
            Assert.Equal(MemberStatus.Active, (await s.Members.GetAsync(ws, invited.Id))!.Status);
            Assert.Single(await s.Keys.ListAsync(ws, invited.Id));
        });
        Assert.All(winners, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_deletion_raises_the_key_epoch_and_keys_keep_the_epoch_they_were_minted_with()
    {
        var s = await CreateAsync();
        var (ws, _) = await WorkspaceAsync(s);
        var member = NewMember(ws, MemberRole.RegularUser);
        await s.Members.CreateAsync(member);
        var old = new ApiKey(Ids.New(), ws, member.Id, "before", "00", Now, null, MemberEpoch: 0);
        await s.Keys.CreateAsync(old);
        Assert.Equal(DeleteMemberResult.Deleted, await s.Members.SoftDeleteAsync((await s.Members.GetAsync(ws,
            member.Id))!, Now));
        var deleted = (await s.Members.GetAsync(ws, member.Id))!;
        await s.Members.UpdateAsync(deleted with { Status = MemberStatus.Active, DeletedAt = null });
        var restored = (await s.Members.GetAsync(ws, member.Id))!;
        Assert.Equal(1, restored.KeyEpoch);
        Assert.NotEqual(restored.KeyEpoch, (await s.Keys.GetAsync(old.Id))!.MemberEpoch);
        var fresh = new ApiKey(Ids.New(), ws, member.Id, "after", "00", Now, null, restored.KeyEpoch);
        await s.Keys.CreateAsync(fresh);
        Assert.Equal(restored.KeyEpoch, (await s.Keys.GetAsync(fresh.Id))!.MemberEpoch);
    }

    [Fact]
    public async Task A_sample_is_its_id_and_start_a_resent_one_is_a_duplicate_an_id_with_another_start_is_new()
    {
        var s = await CreateAsync();
        var (ws, owner) = await WorkspaceAsync(s);
        var id = Guid.NewGuid();
        var start = new DateTimeOffset(2026, 4, 30, 9, 0, 0, TimeSpan.Zero);
        var sample = new ActivitySample(id, start, start.AddMinutes(5), ActivityState.Idle);
        Assert.Equal(new IngestResult(1, 0), await s.Activity.AddAsync(new Workspace(ws, "w", "UTC", default),
            owner.Id, [sample]));
        Assert.Equal(new IngestResult(0, 1), await s.Activity.AddAsync(new Workspace(ws, "w", "UTC", default),
            owner.Id, [sample]));
        var moved = sample with { Start = start.AddMinutes(10), End = start.AddMinutes(15) };
        Assert.Equal(new IngestResult(1, 1), await s.Activity.AddAsync(new Workspace(ws, "w", "UTC", default),
            owner.Id, [moved, moved]));
        var idle = await s.Activity.GetIdleAsync(ws, [owner.Id], start, start.AddHours(1));
        Assert.Equal([start, start.AddMinutes(10)], idle.Select(i => i.Start).Order());
    }
}

public sealed class SqliteInvariantTests : InvariantContract, IDisposable
{
    private readonly TemporarySqliteFile _file = new("invariants");

    protected override Task<Stores> CreateAsync()
    {
        var db = new SqliteDatabase(_file.Path);
        return Task.FromResult(new Stores(new SqliteWorkspaceStore(db), new SqliteMemberStore(db),
            new SqliteApiKeyStore(db),
            new SqliteInvitationStore(db), new SqliteLoginThrottleStore(db), new SqliteActivityStore(db,
                new MemberKeys())));
    }

    public void Dispose() => _file.Dispose();
}

[Collection(LocalCosmosCollection.Name)]
public sealed class CosmosInvariantTests(LocalCosmos cosmos) : InvariantContract, IDisposable
{
    private CosmosDatabase? _db;

    protected override async Task<Stores> CreateAsync()
    {
        _db = await cosmos.CreateDatabaseAsync();
        var clock = new TestClock(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var members = new CosmosMemberStore(_db);
        var keys = new CosmosApiKeyStore(_db);
        var workspaces = new CosmosWorkspaceStore(_db, members, keys);
        return new Stores(workspaces, members, keys, new CosmosInvitationStore(_db, members, keys),
            new CosmosLoginThrottleStore(_db), new CosmosActivityStore(_db, new CosmosRollupStore(_db, clock), clock));
    }

    public void Dispose() => _db?.Dispose();
}

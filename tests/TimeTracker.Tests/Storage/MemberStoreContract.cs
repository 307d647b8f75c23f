using TimeTracker.Core;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Storage;
using TimeTracker.Core.Teams;
using TimeTracker.Core.Workspaces;
using TimeTracker.Storage.Cosmos;
using TimeTracker.Storage.Sqlite;

using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Storage;

/// <summary>The workspace, member and team store contracts, run against every store.</summary>
public abstract class MemberStoreContract
{
    protected static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    protected sealed record Stores(IWorkspaceStore Workspaces, IMemberStore Members, ITeamStore Teams);

    protected abstract Task<Stores> CreateAsync();

    protected static Member NewMember(string workspaceId, string email, MemberRole role = MemberRole.RegularUser, string? username = null, string? teamId = null, int minute = 0) => new()
    {
        WorkspaceId = workspaceId, Id = Ids.New(), Email = email, Username = username, FirstName = "Ada", LastName = email.Split('@')[0],
        Role = role, Status = MemberStatus.Active, TeamId = teamId, TimeZone = "Asia/Kolkata", Language = "de", PersonalNumber = "0042",
        Profile = new MemberProfile { Avatar = "a.png", Rate = 50.5m, WeeklyHoursLimit = 40 },
        CreatedAt = Now.AddMinutes(minute), UpdatedAt = Now, ActivatedAt = Now,
    };

    private static async Task<(string Workspace, Member Owner)> WorkspaceAsync(Stores s)
    {
        var workspace = new Workspace(Ids.New(), "Acme", "UTC", Now, 8, 90);
        var owner = NewMember(workspace.Id, $"owner-{Guid.NewGuid():N}@acme.test", MemberRole.Owner);
        await s.Workspaces.CreateAsync(workspace, owner, new ApiKey(Ids.New(), workspace.Id, owner.Id, "k", "00", Now, null));
        return (workspace.Id, owner);
    }

    [Fact]
    public async Task Workspaces_and_members_read_back_with_every_field()
    {
        var s = await CreateAsync();
        var (ws, owner) = await WorkspaceAsync(s);
        Assert.Equal(new Workspace(ws, "Acme", "UTC", Now, 8, 90), await s.Workspaces.GetAsync(ws));
        Assert.Contains(await s.Workspaces.ListAsync(), w => w.Id == ws);
        Assert.True(await s.Workspaces.AnyAsync());
        var read = await s.Members.GetAsync(ws, owner.Id);
        Assert.NotNull(read?.ConcurrencyToken);
        Assert.Equal(owner, read! with { ConcurrencyToken = null });
        Assert.Null(await s.Members.GetAsync(ws, Ids.New()));
        Assert.Null(await s.Members.GetAsync(Ids.New(), owner.Id));
        Assert.Equal(owner.Id, (await s.Members.FindByLoginAsync(ws, owner.Email.ToUpperInvariant()))?.Id);
    }

    [Fact]
    public async Task Email_and_username_are_unique_per_workspace_ignoring_case()
    {
        var s = await CreateAsync();
        var (ws, _) = await WorkspaceAsync(s);
        await s.Members.CreateAsync(NewMember(ws, "same@acme.test", username: "Sam"));
        Assert.Equal("email", (await Assert.ThrowsAsync<DuplicateValueException>(() => s.Members.CreateAsync(NewMember(ws, "SAME@acme.test")))).Field);
        Assert.Equal("username", (await Assert.ThrowsAsync<DuplicateValueException>(() => s.Members.CreateAsync(NewMember(ws, "other@acme.test", username: "sam")))).Field);
        await s.Members.CreateAsync(NewMember(ws, "other@acme.test", username: "sam2"));
        var (elsewhere, _) = await WorkspaceAsync(s);
        await s.Members.CreateAsync(NewMember(elsewhere, "same@acme.test", username: "sam"));
    }

    [Fact]
    public async Task Parallel_creates_of_one_email_let_exactly_one_succeed()
    {
        var s = await CreateAsync();
        var (ws, _) = await WorkspaceAsync(s);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try { await s.Members.CreateAsync(NewMember(ws, i % 2 == 0 ? "race@acme.test" : "RACE@acme.test")); return true; }
            catch (DuplicateValueException) { return false; }
        }));
        Assert.Equal(1, attempts.Count(ok => ok));
    }

    [Fact]
    public async Task Updates_need_a_current_token_and_changing_an_email_frees_the_old_one()
    {
        var s = await CreateAsync();
        var (ws, _) = await WorkspaceAsync(s);
        var member = NewMember(ws, "old@acme.test");
        await s.Members.CreateAsync(member);
        var read = (await s.Members.GetAsync(ws, member.Id))!;
        await s.Members.UpdateAsync(read with { Email = "new@acme.test" });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => s.Members.UpdateAsync(read with { FirstName = "Stale" }));
        await s.Members.CreateAsync(NewMember(ws, "old@acme.test"));
        Assert.Equal("email", (await Assert.ThrowsAsync<DuplicateValueException>(() => s.Members.CreateAsync(NewMember(ws, "new@acme.test")))).Field);
        var current = (await s.Members.GetAsync(ws, member.Id))!;
        Assert.Equal("email", (await Assert.ThrowsAsync<DuplicateValueException>(() => s.Members.UpdateAsync(current with { Email = "OLD@acme.test" }))).Field);
        Assert.Equal("new@acme.test", (await s.Members.GetAsync(ws, member.Id))!.Email);
    }

    [Fact]
    public async Task Soft_delete_keeps_the_member_raises_its_key_epoch_and_refuses_the_last_owner()
    {
        var s = await CreateAsync();
        var (ws, owner) = await WorkspaceAsync(s);
        var readOwner = (await s.Members.GetAsync(ws, owner.Id))!;
        Assert.Equal(DeleteMemberResult.LastOwner, await s.Members.SoftDeleteAsync(readOwner, Now));
        var second = NewMember(ws, "second@acme.test", MemberRole.Owner);
        await s.Members.CreateAsync(second);
        var readSecond = (await s.Members.GetAsync(ws, second.Id))!;
        Assert.Equal(DeleteMemberResult.Deleted, await s.Members.SoftDeleteAsync(readSecond, Now.AddHours(1)));
        var deleted = (await s.Members.GetAsync(ws, second.Id))!;
        Assert.Equal((MemberStatus.Deleted, Now.AddHours(1), 1), (deleted.Status, deleted.DeletedAt, deleted.KeyEpoch));
        Assert.Equal(DeleteMemberResult.NotFound, await s.Members.SoftDeleteAsync(deleted, Now));
        var third = NewMember(ws, "third@acme.test");
        await s.Members.CreateAsync(third);
        var stale = (await s.Members.GetAsync(ws, third.Id))!;
        await s.Members.UpdateAsync(stale with { FirstName = "Changed" });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => s.Members.SoftDeleteAsync(stale, Now));
        Assert.Equal(MemberStatus.Active, (await s.Members.GetAsync(ws, third.Id))!.Status);
        Assert.Equal(DeleteMemberResult.LastOwner, await s.Members.SoftDeleteAsync((await s.Members.GetAsync(ws, owner.Id))!, Now));

        var restored = deleted with { Status = MemberStatus.Active, DeletedAt = null };
        await s.Members.UpdateAsync(restored);
        Assert.Equal(1, (await s.Members.GetAsync(ws, second.Id))!.KeyEpoch);
    }

    [Fact]
    public async Task An_update_that_would_leave_no_active_owner_is_refused_and_changes_nothing()
    {
        var s = await CreateAsync();
        var (ws, owner) = await WorkspaceAsync(s);
        foreach (var change in new Func<Member, Member>[]
        {
            m => m with { Role = MemberRole.ExecutiveManager },
            m => m with { IsBlocked = true },
            m => m with { Status = MemberStatus.Invited },
        })
        {
            var read = (await s.Members.GetAsync(ws, owner.Id))!;
            await Assert.ThrowsAsync<LastOwnerException>(() => s.Members.UpdateAsync(change(read)));
            Assert.Equal(read, await s.Members.GetAsync(ws, owner.Id));
        }
        var second = NewMember(ws, "co-owner@acme.test");
        await s.Members.CreateAsync(second);
        var promoted = (await s.Members.GetAsync(ws, second.Id))! with { Role = MemberRole.Owner };
        await s.Members.UpdateAsync(promoted);
        var demoted = (await s.Members.GetAsync(ws, owner.Id))! with { Role = MemberRole.RegularUser };
        await s.Members.UpdateAsync(demoted);
        Assert.Equal(MemberRole.RegularUser, (await s.Members.GetAsync(ws, owner.Id))!.Role);
        await Assert.ThrowsAsync<LastOwnerException>(async () =>
            await s.Members.UpdateAsync((await s.Members.GetAsync(ws, second.Id))! with { Role = MemberRole.TeamManager }));
    }

    [Fact]
    public async Task Paging_visits_everyone_once_while_members_are_added_and_filters_apply()
    {
        var s = await CreateAsync();
        var (ws, owner) = await WorkspaceAsync(s);
        var team = new Team(ws, Ids.New(), "Ops", Now);
        await s.Teams.CreateAsync(team);
        for (var i = 0; i < 7; i++) await s.Members.CreateAsync(NewMember(ws, $"m{i}@acme.test", i == 0 ? MemberRole.TeamManager : MemberRole.RegularUser, teamId: i < 3 ? team.Id : null, username: $"user{i}"));
        var seen = new List<string>();
        string? continuation = null;
        var added = 0;
        do
        {
            var page = await s.Members.ListAsync(ws, new MemberQuery(), 3, continuation);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(m => m.Id));
            continuation = page.Continuation;
            if (added++ < 2) await s.Members.CreateAsync(NewMember(ws, $"late{added}@acme.test"));
        } while (continuation is not null);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(1 + 7 + 2, seen.Count);

        async Task<int> Count(MemberQuery q) => (await s.Members.ListAsync(ws, q, 100, null)).Items.Count;
        Assert.Equal(3, await Count(new MemberQuery { TeamId = team.Id }));
        Assert.Equal(1, await Count(new MemberQuery { Roles = [MemberRole.TeamManager] }));
        Assert.Equal(0, await Count(new MemberQuery { Roles = [] }));
        Assert.Equal(1, await Count(new MemberQuery { Username = "USER3" }));
        Assert.Equal(1, await Count(new MemberQuery { Search = "M4@ACME" }));
        Assert.Equal(10, await Count(new MemberQuery { PersonalNumber = "0042", Enabled = true }));
        Assert.Equal(owner.Id, (await s.Members.ListAsync(ws, new MemberQuery { Id = owner.Id }, 5, null)).Items.Single().Id);
        Assert.Equal(3, (await s.Members.ListTeamAsync(ws, team.Id)).Count);
        Assert.Equal(10, (await s.Members.ListCreatedAsync(ws, Now, Now.AddDays(1))).Count);
    }

    [Fact]
    public async Task Teams_rename_list_and_delete_unassigning_their_members()
    {
        var s = await CreateAsync();
        var (ws, _) = await WorkspaceAsync(s);
        var team = new Team(ws, Ids.New(), "Ops", Now);
        await s.Teams.CreateAsync(team);
        var member = NewMember(ws, "t@acme.test", teamId: team.Id);
        await s.Members.CreateAsync(member);
        Assert.True(await s.Teams.UpdateAsync(team with { Name = "Platform" }));
        Assert.Equal("Platform", (await s.Teams.GetAsync(ws, team.Id))?.Name);
        Assert.Single(await s.Teams.ListAsync(ws));
        Assert.False(await s.Teams.UpdateAsync(team with { Id = Ids.New() }));
        Assert.True(await s.Teams.DeleteAsync(ws, team.Id, Now));
        Assert.Null(await s.Teams.GetAsync(ws, team.Id));
        Assert.Null((await s.Members.GetAsync(ws, member.Id))!.TeamId);
        Assert.False(await s.Teams.DeleteAsync(ws, team.Id, Now));
    }

    [Fact]
    public async Task Member_summaries_follow_every_change_at_once()
    {
        var s = await CreateAsync();
        var (ws, _) = await WorkspaceAsync(s);
        var team = new Team(ws, Ids.New(), "Ops", Now);
        await s.Teams.CreateAsync(team);
        var members = Enumerable.Range(0, 40).Select(i => NewMember(ws, $"m{i}@acme.test", teamId: team.Id)).ToList();
        foreach (var member in members) await s.Members.CreateAsync(member);
        var ids = members.Select(m => m.Id).ToList();
        Assert.Equal(40, (await s.Members.GetSummariesAsync(ws, ids)).Count);

        var renamed = (await s.Members.GetAsync(ws, ids[7]))! with { FirstName = "Grace", UpdatedAt = Now };
        await s.Members.UpdateAsync(renamed);
        Assert.Equal("Grace", (await s.Members.GetSummariesAsync(ws, ids)).Single(m => m.Id == ids[7]).FirstName);
        await s.Teams.DeleteAsync(ws, team.Id, Now);
        Assert.All(await s.Members.GetSummariesAsync(ws, ids), m => Assert.Null(m.TeamId));
        var added = NewMember(ws, "late@acme.test");
        await s.Members.CreateAsync(added);
        Assert.Equal(added.Id, Assert.Single(await s.Members.GetSummariesAsync(ws, [.. ids, added.Id, Ids.New()],
            default), m => m.Id == added.Id).Id);
    }
}

public sealed class SqliteMemberStoreTests : MemberStoreContract, IDisposable
{
    private readonly TemporarySqliteFile _file = new("members");

    protected override Task<Stores> CreateAsync()
    {
        var db = new SqliteDatabase(_file.Path);
        return Task.FromResult(new Stores(new SqliteWorkspaceStore(db), new SqliteMemberStore(db), new SqliteTeamStore(db)));
    }

    [Fact]
    public async Task Member_summaries_follow_a_change_made_by_another_process()
    {
        var s = await CreateAsync();
        var workspace = new Workspace(Ids.New(), "Acme", "UTC", Now, 8, 90);
        var owner = NewMember(workspace.Id, "owner@acme.test", MemberRole.Owner);
        await s.Workspaces.CreateAsync(workspace, owner, new ApiKey(Ids.New(), workspace.Id, owner.Id, "k", "00", Now,
            null));
        var ids = new List<string> { owner.Id };
        for (var i = 0; i < 40; i++)
        {
            var member = NewMember(workspace.Id, $"m{i}@acme.test");
            await s.Members.CreateAsync(member);
            ids.Add(member.Id);
        }
        Assert.Equal("Ada", (await s.Members.GetSummariesAsync(workspace.Id, ids))[0].FirstName);

        // Another process (a command beside the Server, a manual fix) writes the file directly.
        await new SqliteDatabase(_file.Path).WriteAsync((c, tx) => c.Execute(
            "UPDATE members SET first_name='Grace' WHERE workspace_id=@ws", tx, ("@ws", workspace.Id)));
        Assert.All(await s.Members.GetSummariesAsync(workspace.Id, ids), m => Assert.Equal("Grace", m.FirstName));
    }

    public void Dispose() => _file.Dispose();
}

[Collection(LocalCosmosCollection.Name)]
public sealed class CosmosMemberStoreTests(LocalCosmos cosmos) : MemberStoreContract, IDisposable
{
    private CosmosDatabase? _db;

    protected override async Task<Stores> CreateAsync()
    {
        _db = await cosmos.CreateDatabaseAsync();
        var members = new CosmosMemberStore(_db);
        return new Stores(new CosmosWorkspaceStore(_db, members, new CosmosApiKeyStore(_db)), members, new CosmosTeamStore(_db, members));
    }

    [Fact]
    public async Task Member_summaries_follow_a_change_made_by_another_process_and_cost_one_document()
    {
        var recorder = new Recorder();
        using var db = await cosmos.CreateDatabaseAsync(new CosmosHttpObserver(recorder));
        var (here, there) = (new CosmosMemberStore(db), new CosmosMemberStore(db));
        var workspaceId = Ids.New();
        // Written before stamps existed: the first large read stamps the workspace.
        var members = Enumerable.Range(0, 40).Select(i => NewMember(workspaceId, $"m{i}@acme.test")).ToList();
        foreach (var member in members)
            await db.Workspaces.CreateItemAsync(WorkspaceDocuments.MemberDoc.From(member),
                new Microsoft.Azure.Cosmos.PartitionKey(workspaceId));
        var ids = members.Select(m => m.Id).ToList();
        Assert.Equal(40, (await here.GetSummariesAsync(workspaceId, ids)).Count);

        recorder.Requests.Clear();
        Assert.Equal(40, (await here.GetSummariesAsync(workspaceId, ids)).Count);
        Assert.Equal(["GET member-stamp"], recorder.Requests);

        var renamed = (await there.GetAsync(workspaceId, ids[3]))! with { FirstName = "Grace", UpdatedAt = Now };
        await there.UpdateAsync(renamed);
        Assert.Equal("Grace", (await here.GetSummariesAsync(workspaceId, ids)).Single(m => m.Id == ids[3]).FirstName);
    }

    /// <summary>Each request's method and the last segment of its path.</summary>
    private sealed class Recorder : DelegatingHandler
    {
        public readonly List<string> Requests = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            lock (Requests) Requests.Add($"{request.Method} {request.RequestUri!.AbsolutePath.Split('/')[^1]}");
            return base.SendAsync(request, ct);
        }
    }

    public void Dispose() => _db?.Dispose();
}

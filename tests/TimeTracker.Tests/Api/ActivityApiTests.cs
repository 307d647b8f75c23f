using System.Text.Json;
using TimeTracker.Core.Activity;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

public abstract class ActivityApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly ApiClient _api = server.Api();

    private static object Sample(Guid id, string start, string end, string state = "idle") => new { id, start, end, state };

    private async Task<int> IdleCountAsync(TestWorkspace ws, string userId)
    {
        var store = (IActivityStore)server.Services.GetService(typeof(IActivityStore))!;
        var idle = await store.GetIdleAsync(ws.Id, [userId], DateTimeOffset.Parse("2026-01-01T00:00:00Z"), DateTimeOffset.Parse("2026-12-31T00:00:00Z"));
        return idle.Count;
    }

    [Fact]
    public async Task A_batch_is_accepted_and_resent_ids_are_counted_as_duplicates()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var first = await _api.PostAsync("/api/v1/activity", new
        {
            samples = new[] { Sample(a, "2026-02-08T04:00:00Z", "2026-02-08T04:30:00Z"), Sample(b, "2026-02-08T04:30:00Z", "2026-02-08T05:00:00+00:00", "active") },
        }, token);
        Assert.Equal(200, first.Code);
        Assert.Equal(2, first.Data.GetProperty("accepted").GetInt32());
        Assert.Equal(0, first.Data.GetProperty("duplicates").GetInt32());

        var again = await _api.PostAsync("/api/v1/activity", new
        {
            user_id = userId,
            samples = new[] { Sample(a, "2026-02-08T04:00:00Z", "2026-02-08T04:30:00Z"), Sample(Guid.NewGuid(), "2026-02-08T06:00:00Z", "2026-02-08T06:10:00Z") },
        }, token);
        Assert.Equal(1, again.Data.GetProperty("accepted").GetInt32());
        Assert.Equal(1, again.Data.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, await IdleCountAsync(ws, userId));
    }

    public static TheoryData<string, string> InvalidBatches => new()
    {
        { """{}""", "samples" },
        { """{"samples":[]}""", "samples" },
        { """{"samples":{}}""", "samples" },
        { """{"samples":[{"id":"{g}","start":"2026-02-08T04:00:00Z","end":"2026-02-08T04:30:00Z","state":"idle"},{"id":"nope","start":"2026-02-08T04:00:00Z","end":"2026-02-08T04:30:00Z","state":"idle"}]}""", "samples[1].id" },
        { """{"samples":[{"id":"{g}","start":"2026-02-08T04:00:00Z","end":"2026-02-08T04:00:00Z","state":"idle"}]}""", "samples[0].end" },
        { """{"samples":[{"id":"{g}","start":"2026-02-08T04:00:00Z","end":"2026-02-08T05:00:01Z","state":"idle"}]}""", "samples[0].end" },
        { """{"samples":[{"id":"{g}","start":"2026-02-08T04:00:00","end":"2026-02-08T04:30:00Z","state":"idle"}]}""", "samples[0].start" },
        { """{"samples":[{"id":"{g}","start":"2026-02-08T04:00:00Z","end":"2026-02-08T04:30:00Z","state":"sleeping"}]}""", "samples[0].state" },
        { """{"samples":[{"id":"{g}","start":"2026-02-08T04:00:00Z","end":"2026-02-08T04:30:00Z"}]}""", "samples[0].state" },
        { """{"samples":[42]}""", "samples[0]" },
        { """{"user_id":[],"samples":[{"id":"{g}","start":"2026-02-08T04:00:00Z","end":"2026-02-08T04:30:00Z","state":"idle"}]}""", "user_id" },
        { """{"samples":[{"id":"{g}","start":"2026-02-08T04:00:00Z","end":"2026-02-08T04:30:00Z","state":"idle"},{"id":"{g}","start":"2026-02-08T05:00:00Z","end":"2026-02-08T05:30:00Z","state":"idle","user_id":{}}]}""", "samples[1].user_id" },
    };

    [Theory]
    [MemberData(nameof(InvalidBatches))]
    public async Task One_invalid_sample_rejects_the_batch_naming_its_index(string template, string field)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var response = await _api.PostAsync("/api/v1/activity", template.Replace("{g}", Guid.NewGuid().ToString()), token);
        Assert.Equal(400, response.Code);
        Assert.Equal(field, response.ErrorField);
        Assert.Equal(0, await IdleCountAsync(ws, userId));
    }

    [Fact]
    public async Task More_than_1000_samples_are_refused()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var samples = Enumerable.Range(0, 1001).Select(i => Sample(Guid.NewGuid(), "2026-02-08T04:00:00Z", "2026-02-08T04:00:01Z")).ToArray();
        var response = await _api.PostAsync("/api/v1/activity", new { samples }, token);
        Assert.Equal(400, response.Code);
        Assert.Equal("samples", response.ErrorField);
        Assert.Equal(0, await IdleCountAsync(ws, userId));
    }

    [Fact]
    public async Task Bodies_over_5_mebibytes_are_refused()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (_, token) = await _api.CreateMemberAsync(ws);
        var padding = new string(' ', 5 * 1024 * 1024);
        var response = await _api.PostAsync("/api/v1/activity", "{\"samples\":[]" + padding + "}", token);
        Assert.Equal(413, response.Code);
    }

    [Fact]
    public async Task Recording_for_others_follows_the_role_table_and_workspace()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var (otherUser, _) = await _api.CreateMemberAsync(ws);
        object Batch(string user) => new { user_id = user, samples = new[] { Sample(Guid.NewGuid(), "2026-02-08T04:00:00Z", "2026-02-08T04:30:00Z") } };

        Assert.Equal(401, (await _api.PostAsync("/api/v1/activity", Batch(userId))).Code);
        Assert.Equal(403, (await _api.PostAsync("/api/v1/activity", Batch(otherUser), token)).Code);
        Assert.Equal(200, (await _api.PostAsync("/api/v1/activity", Batch(otherUser), ws.OwnerToken)).Code);
        var other = await _api.CreateWorkspaceAsync();
        var cross = await _api.PostAsync("/api/v1/activity", Batch(userId), other.OwnerToken);
        Assert.Equal(404, cross.Code);
        Assert.Equal("user_id", cross.ErrorField);
        Assert.Equal(0, await IdleCountAsync(ws, userId));
    }

    private static object Owned(string? user, int minute, string state = "idle") => new
    {
        id = Guid.NewGuid(), start = $"2026-02-08T04:{minute:00}:00Z", end = $"2026-02-08T04:{minute:00}:30Z", state,
        user_id = user,
    };

    [Fact]
    public async Task A_relay_posts_several_members_samples_in_one_batch_and_re_sending_it_stores_nothing_more()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var members = new List<string>();
        for (var i = 0; i < 3; i++) members.Add((await _api.CreateMemberAsync(ws)).Id);
        // Samples without their own user_id belong to the batch's.
        var samples = new[]
        {
            Owned(members[0], 0), Owned(members[1], 0), Owned(null, 1), Owned(members[2], 2, "active"),
            Owned(members[1], 3), Owned(null, 4),
        };
        var first = await _api.PostAsync("/api/v1/activity", new { user_id = members[2], samples }, ws.OwnerToken);
        Assert.Equal(200, first.Code);
        Assert.Equal((6, 0), (first.Data.GetProperty("accepted").GetInt32(),
            first.Data.GetProperty("duplicates").GetInt32()));
        Assert.Equal("1 2 2", string.Join(' ', await Task.WhenAll(members.Select(m => IdleCountAsync(ws, m)))));

        var again = await _api.PostAsync("/api/v1/activity", new { user_id = members[2], samples }, ws.OwnerToken);
        Assert.Equal((0, 6), (again.Data.GetProperty("accepted").GetInt32(),
            again.Data.GetProperty("duplicates").GetInt32()));
        Assert.Equal("1 2 2", string.Join(' ', await Task.WhenAll(members.Select(m => IdleCountAsync(ws, m)))));
    }

    [Fact]
    public async Task A_batch_naming_any_member_the_caller_may_not_track_for_writes_nothing()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var team = (await _api.PostAsync("/api/v2/teams", new { name = "Ops" }, ws.OwnerToken)).Data
            .GetProperty("id").GetString()!;
        var (manager, managerToken) = await _api.CreateMemberAsync(ws, "Team manager", team);
        var (teamMate, _) = await _api.CreateMemberAsync(ws, teamId: team);
        var (outsider, outsiderToken) = await _api.CreateMemberAsync(ws);
        var elsewhere = await _api.CreateWorkspaceAsync();
        var stranger = await _api.CreateMemberAsync(elsewhere);

        Assert.Equal(200, (await _api.PostAsync("/api/v1/activity",
            new { samples = new[] { Owned(manager, 0), Owned(teamMate, 1) } }, managerToken)).Code);
        Assert.Equal(403, (await _api.PostAsync("/api/v1/activity",
            new { samples = new[] { Owned(teamMate, 2), Owned(outsider, 3) } }, managerToken)).Code);
        Assert.Equal(403, (await _api.PostAsync("/api/v1/activity",
            new { samples = new[] { Owned(null, 2), Owned(teamMate, 3) } }, outsiderToken)).Code);
        var unknown = await _api.PostAsync("/api/v1/activity",
            new { samples = new[] { Owned(teamMate, 2), Owned(manager, 3), Owned(stranger.Id, 4) } }, ws.OwnerToken);
        Assert.Equal((404, "samples[2].user_id"), (unknown.Code, unknown.ErrorField));
        var malformed = await _api.PostAsync("/api/v1/activity",
            new { samples = new[] { Owned(teamMate, 2), Owned("not-an-id", 4) } }, ws.OwnerToken);
        Assert.Equal((404, "samples[1].user_id"), (malformed.Code, malformed.ErrorField));

        Assert.Equal("1 1 0", string.Join(' ', await Task.WhenAll(new[] { manager, teamMate, outsider }.Select(m =>
            IdleCountAsync(ws, m)))));
        Assert.Equal(0, await IdleCountAsync(elsewhere, stranger.Id));
    }

    [Fact]
    public async Task A_batch_may_name_at_most_100_members()
    {
        var ws = await _api.CreateWorkspaceAsync();
        // Unknown members: the limit is checked before anyone is looked up.
        var samples = Enumerable.Range(0, 101).Select(i => Owned(Guid.NewGuid().ToString(), i % 60)).ToArray();
        var response = await _api.PostAsync("/api/v1/activity", new { samples }, ws.OwnerToken);
        Assert.Equal((400, "samples"), (response.Code, response.ErrorField));
    }
}

public sealed class ActivityApiTestsOnSqlite(ServerFactory server) : ActivityApiTests<ServerFactory>(server);

public sealed class ActivityApiTestsOnCosmos(CosmosServerFactory server) : ActivityApiTests<CosmosServerFactory>(server);

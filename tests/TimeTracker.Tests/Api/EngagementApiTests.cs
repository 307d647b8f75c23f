using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

/// <summary>Rocket.Chat's engagement dashboard (docs/API.md, Engagement dashboard): shape, day boundaries per zone, exact error bodies.</summary>
public abstract class EngagementApiTests<TServer> : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly TServer _server;
    private readonly ApiClient _api;

    protected EngagementApiTests(TServer server)
    {
        _server = server;
        _server.Clock.Set(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        _api = server.Api();
    }

    private const string Range = "start=2023-04-01T00:00:00.000Z&end=2023-05-31T23:59:59.000Z";

    [Fact]
    public async Task Active_users_per_day_newest_first_in_the_seed_shape_with_and_without_rollups()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (a, aToken) = await _api.CreateMemberAsync(ws);
        var (b, bToken) = await _api.CreateMemberAsync(ws);
        await _api.AddPairAsync(a, aToken, "2023-04-27T09:00:00Z", "2023-04-27T17:00:00Z");
        await _api.AddPairAsync(b, bToken, "2023-04-27T10:00:00Z", "2023-04-27T11:00:00Z");
        await _api.AddPairAsync(a, aToken, "2023-05-05T09:00:00Z", "2023-05-05T10:00:00Z");

        foreach (var pass in new[] { "raw", "rollup" })
        {
            if (pass == "rollup") Assert.Equal(200, (await _api.RunJobAsync("rollup")).Code);
            var response = await _api.GetAsync($"/api/v1/engagement-dashboard/users/active-users?{Range}", ws.OwnerToken);
            Assert.Equal(200, response.Code);
            Assert.True(response.Json.GetProperty("success").GetBoolean());
            var days = response.Json.GetProperty("month").EnumerateArray().ToList();
            Assert.Equal(2, days.Count);
            Assert.Equal(["usersList", "users", "day", "month", "year"], days[0].EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal((5, 5, 2023, 1), (days[0].GetProperty("day").GetInt32(), days[0].GetProperty("month").GetInt32(), days[0].GetProperty("year").GetInt32(), days[0].GetProperty("users").GetInt32()));
            Assert.Equal(27, days[1].GetProperty("day").GetInt32());
            Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal).ToArray(), days[1].GetProperty("usersList").EnumerateArray().Select(u => u.GetString()).ToArray());
        }
    }

    [Fact]
    public async Task The_time_zone_sets_the_day_boundaries_and_deleted_members_still_count()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (a, aToken) = await _api.CreateMemberAsync(ws);
        // 20:00Z on the 10th is already the 11th in Kolkata (+05:30).
        await _api.AddPairAsync(a, aToken, "2023-04-10T20:00:00Z", "2023-04-10T21:00:00Z");
        await _api.DeleteAsync($"/api/v2/members/{a}", ws.OwnerToken);

        foreach (var pass in new[] { "raw", "rollup" })
        {
            if (pass == "rollup") await _api.RunJobAsync("rollup");
            var utc = await _api.GetAsync($"/api/v1/engagement-dashboard/users/active-users?{Range}", ws.OwnerToken);
            Assert.Equal(10, utc.Json.GetProperty("month")[0].GetProperty("day").GetInt32());
            var kolkata = await _api.GetAsync($"/api/v1/engagement-dashboard/users/active-users?{Range}&timeZone=Asia/Kolkata", ws.OwnerToken);
            Assert.Equal(11, kolkata.Json.GetProperty("month")[0].GetProperty("day").GetInt32());
        }
    }

    [Fact]
    public async Task New_users_are_counted_on_their_creation_day()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (member, _) = await _api.CreateMemberAsync(ws);
        var today = _server.Clock.GetUtcNow();
        var response = await _api.GetAsync($"/api/v1/engagement-dashboard/users/new-users?start={today.AddDays(-1):yyyy-MM-dd}T00:00:00.000Z&end={today:yyyy-MM-dd}T23:59:59.000Z", ws.OwnerToken);
        Assert.Equal(200, response.Code);
        var day = response.Json.GetProperty("month")[0];
        Assert.Equal(today.Day, day.GetProperty("day").GetInt32());
        Assert.Contains(member, day.GetProperty("usersList").EnumerateArray().Select(u => u.GetString()));
        Assert.Contains(ws.OwnerId, day.GetProperty("usersList").EnumerateArray().Select(u => u.GetString()));
    }

    [Theory]
    [InlineData("/api/v1/engagement-dashboard/users/active-users")]
    [InlineData("/api/v1/engagement-dashboard/users/new-users")]
    public async Task Errors_are_byte_for_byte_the_seeds(string path)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (_, regular) = await _api.CreateMemberAsync(ws, "Team manager");

        var anonymous = await _api.Http.GetAsync($"{path}?{Range}");
        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.Equal("""{"status":"error","message":"You must be logged in to do this."}""", await anonymous.Content.ReadAsStringAsync());

        var forbidden = await _api.GetAsync($"{path}?{Range}", regular);
        Assert.Equal(403, forbidden.Code);
        Assert.Equal("""{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}""", forbidden.Json.GetRawText());

        foreach (var (query, field) in new[] { ("start=yesterday&end=2023-05-31T23:59:59.000Z", "start"), ("start=2023-04-01T00:00:00.000Z", "end"), ("start=2023-04-01T00:00:00.000Z&end=2023-13-01", "end") })
        {
            var invalid = await _api.GetAsync($"{path}?{query}", ws.OwnerToken);
            Assert.Equal(400, invalid.Code);
            Assert.Equal($$"""{"success":false,"error":"Match error: Failed Match.Where validation in field {{field}}"}""", invalid.Json.GetRawText());
        }
        var header = await _api.GetAsync($"{path}?{Range}", headers: new Dictionary<string, string> { ["X-Auth-Token"] = ws.OwnerToken, ["X-User-Id"] = ws.OwnerId });
        Assert.Equal(200, header.Code);
    }
}

public sealed class EngagementApiTestsOnSqlite(ServerFactory server) : EngagementApiTests<ServerFactory>(server);

public sealed class EngagementApiTestsOnCosmos(CosmosServerFactory server) : EngagementApiTests<CosmosServerFactory>(server);

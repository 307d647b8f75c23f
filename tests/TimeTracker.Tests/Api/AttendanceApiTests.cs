using System.Text.Json;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

public abstract class AttendanceApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly ApiClient _api = server.Api();

    private static readonly string[] SeedEventFields =
        ["id", "linkedAttendanceEventId", "userId", "createByUserId", "officeId", "date", "momentCreated", "timestamp", "ipAddress", "type", "comment"];

    private static void AssertSeedEvent(JsonElement e, string type)
    {
        foreach (var field in SeedEventFields) Assert.True(e.TryGetProperty(field, out _), $"missing {field} in {e}");
        Assert.Equal(type, e.GetProperty("type").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\d$", e.GetProperty("date").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", e.GetProperty("timestamp").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", e.GetProperty("momentCreated").GetString());
    }

    private static readonly string[] SeedPairClockInFields =
        ["id", "userId", "createByUserId", "officeId", "date", "momentCreated", "timestamp", "ipAddress", "type", "comment"];

    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    private async Task<int> CountEventsAsync(TestWorkspace ws, string userId, string from = "2000-01-01", string to = "2000-12-31")
    {
        var response = await _api.GetAsync($"/api/attendance-events?startDate={from}&endDate={to}&userId={userId}", ws.OwnerToken);
        Assert.Equal(200, response.Code);
        return response.Json.GetArrayLength();
    }

    [Fact]
    public async Task Clock_in_and_out_with_the_seed_requests_give_linked_events_of_the_seed_shape()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);

        var clockIn = await _api.PostAsync("/api/attendance-events/clock-in", new { userId, comment = "Some comment", officeId = "OFFICE-ID" }, token);
        Assert.Equal(201, clockIn.Code);
        AssertSeedEvent(clockIn.Json, "CLOCK-IN");
        Assert.Equal(userId, clockIn.Json.GetProperty("userId").GetString());
        Assert.Equal(userId, clockIn.Json.GetProperty("createByUserId").GetString());
        Assert.Equal("OFFICE-ID", clockIn.Json.GetProperty("officeId").GetString());
        Assert.Equal("Some comment", clockIn.Json.GetProperty("comment").GetString());

        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var clockOut = await _api.PostAsync("/api/attendance-events/clock-out", new { userId, comment = "Bye" }, token);
        Assert.Equal(201, clockOut.Code);
        AssertSeedEvent(clockOut.Json, "CLOCK-OUT");
        var inId = clockIn.Json.GetProperty("id").GetString();
        Assert.Equal(inId, clockOut.Json.GetProperty("linkedAttendanceEventId").GetString());
        Assert.Equal(clockIn.Json.GetProperty("date").GetString(), clockOut.Json.GetProperty("date").GetString());

        var date = clockIn.Json.GetProperty("date").GetString();
        var events = await _api.GetAsync($"/api/attendance-events?startDate={date}&endDate={date}&userId={userId}", token);
        Assert.Equal(2, events.Json.GetArrayLength());
        Assert.Equal(clockOut.Json.GetProperty("id").GetString(), events.Json[0].GetProperty("linkedAttendanceEventId").GetString());
        Assert.Equal("CLOCK-OUT", events.Json[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_with_the_seed_request_gives_the_seed_pair_and_delete_returns_Ok()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);

        var created = await _api.PostAsync("/api/attendance-events/create", new
        {
            date = "2025-07-18", clockInTimestampUtc = "2025-07-18T08:00:00", clockOutTimestampUtc = "2025-07-18T17:00:00",
            userId, officeId = "OFFICE-ID", clockInComment = "Started shift", clockOutComment = "Ended shift",
        }, token);

        Assert.Equal(201, created.Code);
        var clockIn = created.Json.GetProperty("clockIn");
        var clockOut = created.Json.GetProperty("clockOut");
        AssertSeedEvent(clockOut, "CLOCK-OUT");
        // The doc's pair: clockIn without linkedAttendanceEventId, clockOut with it, timestamps as it writes them.
        Assert.Equal(SeedPairClockInFields, clockIn.EnumerateObject().Select(p => p.Name));
        Assert.Equal(SeedEventFields, clockOut.EnumerateObject().Select(p => p.Name));
        Assert.Equal("\"2025-07-18T08:00:00.000000\"", clockIn.GetProperty("timestamp").GetRawText());
        Assert.Equal("\"2025-07-18T17:00:00.000000\"", clockOut.GetProperty("timestamp").GetRawText());
        Assert.Equal("2025-07-18", clockOut.GetProperty("date").GetString());
        Assert.Equal("Started shift", clockIn.GetProperty("comment").GetString());
        Assert.Equal("Ended shift", clockOut.GetProperty("comment").GetString());
        Assert.Equal(clockIn.GetProperty("id").GetString(), clockOut.GetProperty("linkedAttendanceEventId").GetString());

        var deleted = await _api.DeleteAsync($"/api/attendance-events/{clockOut.GetProperty("id").GetString()}", token);
        Assert.Equal(200, deleted.Code);
        Assert.Equal("Ok", deleted.Json.GetString());
        Assert.Equal(0, await CountEventsAsync(ws, userId, "2025-07-18", "2025-07-18"));
        Assert.Equal(404, (await _api.DeleteAsync($"/api/attendance-events/{clockIn.GetProperty("id").GetString()}", token)).Code);
    }

    [Fact]
    public async Task One_open_session_per_member_and_clock_out_needs_one()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var noneOpen = await _api.PostAsync("/api/attendance-events/clock-out", new { userId }, token);
        Assert.Equal(409, noneOpen.Code);
        Assert.Equal("application/problem+json", noneOpen.Message.Content.Headers.ContentType?.MediaType);
        Assert.Equal(409, noneOpen.Json.GetProperty("status").GetInt32());

        Assert.Equal(201, (await _api.PostAsync("/api/attendance-events/clock-in", new { userId }, token)).Code);
        Assert.Equal(409, (await _api.PostAsync("/api/attendance-events/clock-in", new { userId }, token)).Code);
    }

    [Fact]
    public async Task Parallel_clock_ins_for_one_member_give_exactly_one_201()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => _api.PostAsync("/api/attendance-events/clock-in", new { userId }, token)));
        Assert.Equal(1, results.Count(r => r.Code == 201));
        Assert.Equal(15, results.Count(r => r.Code == 409));
    }

    [Fact]
    public async Task Pairs_may_not_overlap_other_sessions_but_may_touch_them()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        object Pair(string date, string from, string to) => new { date, clockInTimestampUtc = from, clockOutTimestampUtc = to, userId };

        Assert.Equal(201, (await _api.PostAsync("/api/attendance-events/create", Pair("2000-03-01", "2000-03-01T08:00:00Z", "2000-03-01T12:00:00Z"), token)).Code);
        var overlap = await _api.PostAsync("/api/attendance-events/create", Pair("2000-03-01", "2000-03-01T11:00:00Z", "2000-03-01T13:00:00Z"), token);
        Assert.Equal(409, overlap.Code);
        var inside = await _api.PostAsync("/api/attendance-events/create", Pair("2000-03-01", "2000-03-01T09:00:00Z", "2000-03-01T10:00:00Z"), token);
        Assert.Equal(409, inside.Code);
        Assert.Equal(201, (await _api.PostAsync("/api/attendance-events/create", Pair("2000-03-01", "2000-03-01T12:00:00Z", "2000-03-01T13:00:00Z"), token)).Code);
        Assert.Equal(4, await CountEventsAsync(ws, userId));
    }

    [Fact]
    public async Task A_clock_in_refused_by_a_recorded_session_names_that_session()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var now = server.Clock.GetUtcNow();
        string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var pair = await _api.PostAsync("/api/attendance-events/create", new
        {
            date = now.AddHours(-1).UtcDateTime.ToString("yyyy-MM-dd"), clockInTimestampUtc = Iso(now.AddHours(-1)),
            clockOutTimestampUtc = Iso(now.AddMinutes(2)), userId,
        }, token);
        Assert.Equal(201, pair.Code);

        var refused = await _api.PostAsync("/api/attendance-events/clock-in", new { userId }, token);

        Assert.Equal(409, refused.Code);
        var detail = refused.Json.GetProperty("detail").GetString()!;
        Assert.Contains(pair.Json.GetProperty("clockIn").GetProperty("id").GetString()!, detail);
        Assert.Contains($"{Iso(now.AddHours(-1))} to {Iso(now.AddMinutes(2))}", detail);
    }

    [Fact]
    public async Task A_pair_cannot_overlap_the_open_session()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var opened = await _api.PostAsync("/api/attendance-events/clock-in", new { userId }, token);
        var now = DateTimeOffset.Parse(opened.Json.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
        string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd");

        var across = await _api.PostAsync("/api/attendance-events/create",
            new { date = Date(now.AddMinutes(-10)), clockInTimestampUtc = Iso(now.AddMinutes(-10)), clockOutTimestampUtc = Iso(now.AddMinutes(2)), userId }, token);
        Assert.Equal(409, across.Code);
        // A pair ending in the future is refused before it can overlap anything.
        var future = await _api.PostAsync("/api/attendance-events/create",
            new { date = Date(now.AddMinutes(1)), clockInTimestampUtc = Iso(now.AddMinutes(1)), clockOutTimestampUtc = Iso(now.AddMinutes(30)), userId }, token);
        Assert.Equal(400, future.Code);
        Assert.Equal("clockOutTimestampUtc", future.Json.GetProperty("errors").EnumerateObject().Single().Name);
        var before = await _api.PostAsync("/api/attendance-events/create",
            new { date = Date(now.AddHours(-3)), clockInTimestampUtc = Iso(now.AddHours(-3)), clockOutTimestampUtc = Iso(now.AddHours(-2)), userId }, token);
        Assert.Equal(201, before.Code);
    }

    [Fact]
    public async Task The_date_is_the_members_local_date_else_the_workspaces()
    {
        var ws = await _api.CreateWorkspaceAsync(timezone: "Asia/Kolkata");
        var (inKolkata, token) = await _api.CreateMemberAsync(ws);
        var (inNewYork, nyToken) = await _api.CreateMemberAsync(ws, timezone: "America/New_York");

        // 20:00Z is 01:30 next day in Kolkata and 16:00 the same day in New York (EDT).
        var kolkata = await _api.PostAsync("/api/attendance-events/create",
            new { date = "2025-07-19", clockInTimestampUtc = "2025-07-18T20:00:00", clockOutTimestampUtc = "2025-07-18T22:00:00", userId = inKolkata }, token);
        Assert.Equal(201, kolkata.Code);
        Assert.Equal("2025-07-19", kolkata.Json.GetProperty("clockOut").GetProperty("date").GetString());

        var wrongDate = await _api.PostAsync("/api/attendance-events/create",
            new { date = "2025-07-19", clockInTimestampUtc = "2025-07-18T20:00:00", clockOutTimestampUtc = "2025-07-18T22:00:00", userId = inNewYork }, nyToken);
        Assert.Equal(400, wrongDate.Code);
        Assert.True(wrongDate.Json.GetProperty("errors").TryGetProperty("date", out _));
        Assert.Contains("2025-07-18", wrongDate.Json.GetProperty("detail").GetString());
    }

    public static TheoryData<string, string> InvalidPairs => new()
    {
        { """{"clockInTimestampUtc":"2000-01-01T08:00:00","clockOutTimestampUtc":"2000-01-01T09:00:00","userId":"{u}"}""", "date" },
        { """{"date":"01/01/2000","clockInTimestampUtc":"2000-01-01T08:00:00","clockOutTimestampUtc":"2000-01-01T09:00:00","userId":"{u}"}""", "date" },
        { """{"date":"2000-01-01","clockOutTimestampUtc":"2000-01-01T09:00:00","userId":"{u}"}""", "clockInTimestampUtc" },
        { """{"date":"2000-01-01","clockInTimestampUtc":"yesterday","clockOutTimestampUtc":"2000-01-01T09:00:00","userId":"{u}"}""", "clockInTimestampUtc" },
        { """{"date":"2000-01-01","clockInTimestampUtc":"2000-01-01T08:00:00","clockOutTimestampUtc":"2000-01-01T07:00:00","userId":"{u}"}""", "clockOutTimestampUtc" },
        { """{"date":"2000-01-01","clockInTimestampUtc":"2000-01-01T08:00:00","clockOutTimestampUtc":"2000-01-01T08:00:00","userId":"{u}"}""", "clockOutTimestampUtc" },
        { """{"date":"2000-01-01","clockInTimestampUtc":"2000-01-01T08:00:00","clockOutTimestampUtc":"2000-01-03T08:00:01","userId":"{u}"}""", "clockOutTimestampUtc" },
        { """{"date":"2000-01-01","clockInTimestampUtc":"2000-01-01T08:00:00","clockOutTimestampUtc":"2000-01-01T09:00:00"}""", "userId" },
        { """{"date":"2000-01-01","clockInTimestampUtc":"2000-01-01T08:00:00","clockOutTimestampUtc":"2000-01-01T09:00:00","userId":"{u}","clockInComment":5}""", "clockInComment" },
        { """{"date":"2000-01-01","clockInTimestampUtc":20000101,"clockOutTimestampUtc":"2000-01-01T09:00:00","userId":"{u}"}""", "clockInTimestampUtc" },
    };

    [Theory]
    [MemberData(nameof(InvalidPairs))]
    public async Task Invalid_pairs_get_a_problem_naming_the_field_and_write_nothing(string template, string field)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var response = await _api.PostAsync("/api/attendance-events/create", template.Replace("{u}", userId), token);
        Assert.Equal(400, response.Code);
        Assert.Equal("application/problem+json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.ToString());
        Assert.Equal(0, await CountEventsAsync(ws, userId));
    }

    [Theory]
    [InlineData("startDate=2000-01-01", "endDate")]
    [InlineData("endDate=2000-01-01", "startDate")]
    [InlineData("startDate=2000-13-01&endDate=2000-12-31", "startDate")]
    [InlineData("startDate=2000-02-01&endDate=2000-01-01", "endDate")]
    [InlineData("startDate=2000-01-01&endDate=2001-01-01", "endDate")]
    public async Task Invalid_queries_get_a_problem_naming_the_parameter(string query, string field)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var response = await _api.GetAsync($"/api/attendance-events?{query}", ws.OwnerToken);
        Assert.Equal(400, response.Code);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.ToString());
    }

    [Fact]
    public async Task A_366_day_range_is_allowed()
    {
        var ws = await _api.CreateWorkspaceAsync();
        Assert.Equal(200, (await _api.GetAsync("/api/attendance-events?startDate=2000-01-01&endDate=2000-12-31", ws.OwnerToken)).Code);
    }

    [Fact]
    public async Task Idempotency_keys_replay_the_original_response_and_refuse_a_different_body()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var first = await _api.PostAsync("/api/attendance-events/clock-in", new { userId, comment = "a" }, token, Key("k-1"));
        var retry = await _api.PostAsync("/api/attendance-events/clock-in", new { userId, comment = "a" }, token, Key("k-1"));
        Assert.Equal(201, first.Code);
        Assert.Equal(201, retry.Code);
        Assert.Equal(first.Json.ToString(), retry.Json.ToString());

        var different = await _api.PostAsync("/api/attendance-events/clock-in", new { userId, comment = "b" }, token, Key("k-1"));
        Assert.Equal(422, different.Code);
        var otherEndpoint = await _api.PostAsync("/api/attendance-events/clock-out", new { userId, comment = "a" }, token, Key("k-1"));
        Assert.Equal(422, otherEndpoint.Code);

        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var outFirst = await _api.PostAsync("/api/attendance-events/clock-out", new { userId }, token, Key("k-2"));
        var outRetry = await _api.PostAsync("/api/attendance-events/clock-out", new { userId }, token, Key("k-2"));
        Assert.Equal(201, outFirst.Code);
        Assert.Equal(outFirst.Json.ToString(), outRetry.Json.ToString());

        var pair = new { date = "2000-05-05", clockInTimestampUtc = "2000-05-05T08:00:00", clockOutTimestampUtc = "2000-05-05T09:00:00", userId };
        var pairFirst = await _api.PostAsync("/api/attendance-events/create", pair, token, Key("k-3"));
        var pairRetry = await _api.PostAsync("/api/attendance-events/create", pair, token, Key("k-3"));
        Assert.Equal(201, pairRetry.Code);
        Assert.Equal(pairFirst.Json.ToString(), pairRetry.Json.ToString());
        Assert.Equal(2, await CountEventsAsync(ws, userId));
    }

    [Fact]
    public async Task Parallel_retries_with_one_key_write_once_and_all_get_the_same_answer()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var pair = new { date = "2000-06-06", clockInTimestampUtc = "2000-06-06T08:00:00", clockOutTimestampUtc = "2000-06-06T09:00:00", userId };
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _api.PostAsync("/api/attendance-events/create", pair, token, Key("race"))));
        Assert.All(results, r => Assert.Equal(201, r.Code));
        Assert.Single(results.Select(r => r.Json.ToString()).Distinct());
        Assert.Equal(2, await CountEventsAsync(ws, userId));
    }

    [Fact]
    public async Task Idempotency_records_expire_after_24_hours()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var pair = new { date = "2000-07-07", clockInTimestampUtc = "2000-07-07T08:00:00", clockOutTimestampUtc = "2000-07-07T09:00:00", userId };
        Assert.Equal(201, (await _api.PostAsync("/api/attendance-events/create", pair, token, Key("old"))).Code);
        server.Clock.Advance(TimeSpan.FromHours(24));
        try
        {
            var again = await _api.PostAsync("/api/attendance-events/create", pair, token, Key("old"));
            Assert.Equal(409, again.Code);
        }
        finally
        {
            server.Clock.Advance(-TimeSpan.FromHours(24));
        }
    }

    [Fact]
    public async Task Permissions_self_team_manager_for_their_team_admins_for_all()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var team = (await _api.PostAsync("/api/v2/teams", new { name = "Ops" }, ws.OwnerToken)).Data.GetProperty("id").GetString()!;
        var (_, managerToken) = await _api.CreateMemberAsync(ws, "Team manager", team);
        var (teamMate, teamMateToken) = await _api.CreateMemberAsync(ws, teamId: team);
        var (outsider, outsiderToken) = await _api.CreateMemberAsync(ws);

        Assert.Equal(201, (await _api.PostAsync("/api/attendance-events/clock-in", new { userId = teamMate }, managerToken)).Code);
        Assert.Equal(403, (await _api.PostAsync("/api/attendance-events/clock-in", new { userId = outsider }, managerToken)).Code);
        Assert.Equal(403, (await _api.PostAsync("/api/attendance-events/clock-in", new { userId = teamMate }, outsiderToken)).Code);
        Assert.Equal(201, (await _api.PostAsync("/api/attendance-events/clock-in", new { userId = outsider }, ws.OwnerToken)).Code);

        var today = server.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd");
        var range = $"startDate={today}&endDate={today}";
        Assert.Equal(403, (await _api.GetAsync($"/api/attendance-events?{range}&userId={outsider}", managerToken)).Code);
        Assert.Equal(1, (await _api.GetAsync($"/api/attendance-events?{range}", managerToken)).Json.GetArrayLength());
        Assert.Equal(1, (await _api.GetAsync($"/api/attendance-events?{range}", outsiderToken)).Json.GetArrayLength());
        Assert.Equal(0, (await _api.GetAsync($"/api/attendance-events?{range}", teamMateToken)).Json.GetArrayLength() - 1);
        Assert.Equal(2, (await _api.GetAsync($"/api/attendance-events?{range}&userIds={teamMate},{outsider}", ws.OwnerToken)).Json.GetArrayLength());

        var teamMateEvent = (await _api.GetAsync($"/api/attendance-events?{range}&userId={teamMate}", ws.OwnerToken)).Json[0].GetProperty("id").GetString();
        Assert.Equal(403, (await _api.DeleteAsync($"/api/attendance-events/{teamMateEvent}", outsiderToken)).Code);
        Assert.Equal(200, (await _api.DeleteAsync($"/api/attendance-events/{teamMateEvent}", managerToken)).Code);
    }

    [Theory]
    [InlineData("POST", "/api/attendance-events/clock-in")]
    [InlineData("POST", "/api/attendance-events/clock-out")]
    [InlineData("POST", "/api/attendance-events/create")]
    [InlineData("DELETE", "/api/attendance-events/{event}")]
    [InlineData("GET", "/api/attendance-events?startDate=2000-01-01&endDate=2000-01-02&userId={user}")]
    public async Task Every_attendance_endpoint_needs_credentials_and_hides_other_workspaces(string method, string route)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (userId, token) = await _api.CreateMemberAsync(ws);
        var pair = await _api.PostAsync("/api/attendance-events/create",
            new { date = "2000-01-01", clockInTimestampUtc = "2000-01-01T08:00:00", clockOutTimestampUtc = "2000-01-01T09:00:00", userId }, token);
        var url = route.Replace("{event}", pair.Json.GetProperty("clockIn").GetProperty("id").GetString()).Replace("{user}", userId);
        object? body = method == "POST"
            ? new { userId, date = "2000-01-02", clockInTimestampUtc = "2000-01-02T08:00:00", clockOutTimestampUtc = "2000-01-02T09:00:00" }
            : null;
        var verb = new HttpMethod(method);

        var anonymous = await _api.SendAsync(verb, url, body);
        Assert.Equal(401, anonymous.Code);
        Assert.Equal("application/problem+json", anonymous.Message.Content.Headers.ContentType?.MediaType);
        var other = await _api.CreateWorkspaceAsync();
        Assert.Equal(404, (await _api.SendAsync(verb, url, body, other.OwnerToken)).Code);
        Assert.Equal(2, await CountEventsAsync(ws, userId, "2000-01-01", "2000-01-02"));
    }
}

public sealed class AttendanceApiTestsOnSqlite(ServerFactory server) : AttendanceApiTests<ServerFactory>(server);

public sealed class AttendanceApiTestsOnCosmos(CosmosServerFactory server) : AttendanceApiTests<CosmosServerFactory>(server);

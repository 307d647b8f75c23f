using System.Text.Json;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

/// <summary>Work-time analysis (TrackPilots; docs/API.md, Work-time analysis) through the real Server, with and without rollups.</summary>
public abstract class AnalyticsApiTests<TServer> : IClassFixture<TServer> where TServer : ServerFactory
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TServer _server;
    private readonly ApiClient _api;

    protected AnalyticsApiTests(TServer server)
    {
        _server = server;
        _server.Clock.Set(Now);
        _api = server.Api();
    }

    private Task<ApiResponse> AnalyzeAsync(string token, object body) => _api.PostAsync("/api/v1/dashboard/work-time-analysis", body, token);

    private static object Query(string start, string end, string zone, string[] users, string[]? teams = null) =>
        new { startDate = start, endDate = end, timeZone = zone, userId = users, teamId = teams ?? [] };

    private static JsonElement Summary(ApiResponse response, int row = 0) => response.Data[row].GetProperty("timeSummary");

    private async Task<(TestWorkspace Ws, string User, string Token)> IssueExampleAsync()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (user, token) = await _api.CreateMemberAsync(ws);
        await _api.AddPairAsync(user, token, "2026-02-07T20:00:00Z", "2026-02-07T22:00:00Z");
        await _api.AddPairAsync(user, token, "2026-02-08T03:00:00Z", "2026-02-08T11:00:00Z");
        await _api.AddIdleAsync(user, token, "2026-02-08T04:00:00Z", "2026-02-08T04:30:00Z");
        return (ws, user, token);
    }

    private async Task AssertIssueNumbersAsync(string user, string token)
    {
        var kolkata = await AnalyzeAsync(token, Query("2026-02-08 00:00:00", "2026-02-08 23:59:59", "Asia/Kolkata", [user]));
        Assert.Equal(200, kolkata.Code);
        Assert.Equal(36000, Summary(kolkata).GetProperty("totalWorkedTimeInSeconds").GetInt64());
        Assert.Equal(1800, Summary(kolkata).GetProperty("idleWorkedTimeInSeconds").GetInt64());
        Assert.Equal(34200, Summary(kolkata).GetProperty("activeWorkedTimeInSeconds").GetInt64());
        // Sent whole, with its exact length, rather than chunked.
        Assert.Equal((await kolkata.Message.Content.ReadAsByteArrayAsync()).Length, kolkata.Message.Content.Headers.ContentLength);
        Assert.Equal("application/json; charset=utf-8", kolkata.Message.Content.Headers.ContentType?.ToString());

        var utc = await AnalyzeAsync(token, Query("2026-02-08 00:00:00", "2026-02-08 23:59:59", "UTC", [user]));
        Assert.Equal(28800, Summary(utc).GetProperty("totalWorkedTimeInSeconds").GetInt64());
        Assert.Equal(1800, Summary(utc).GetProperty("idleWorkedTimeInSeconds").GetInt64());
    }

    [Fact]
    public async Task The_issue_example_gives_36000_and_1800_in_Kolkata_and_28800_in_UTC_from_raw_and_from_rollups()
    {
        var (_, user, token) = await IssueExampleAsync();
        await AssertIssueNumbersAsync(user, token);

        var rollup = await _api.RunJobAsync("rollup");
        Assert.Equal(200, rollup.Code);
        Assert.True(rollup.Data.GetProperty("counts").GetProperty("member_days").GetInt64() >= 2);
        await AssertIssueNumbersAsync(user, token);
    }

    [Fact]
    public async Task A_session_spanning_the_whole_spring_forward_day_in_New_York_counts_23_hours()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (user, token) = await _api.CreateMemberAsync(ws, timezone: "America/New_York");
        // 22:00 on the 7th to 06:00 on the 9th, local time: 31 hours that cover the 23-hour day entirely.
        await _api.AddPairAsync(user, token, "2026-03-08T03:00:00Z", "2026-03-09T10:00:00Z", localDate: "2026-03-07");
        foreach (var pass in new[] { "raw", "rollup" })
        {
            if (pass == "rollup") await _api.RunJobAsync("rollup");
            var response = await AnalyzeAsync(token, Query("2026-03-08 00:00:00", "2026-03-08 23:59:59", "America/New_York", [user]));
            Assert.Equal(82800, Summary(response).GetProperty("totalWorkedTimeInSeconds").GetInt64());
        }
    }

    [Fact]
    public async Task The_response_has_the_seed_shape_and_sessions_report_in_out_and_working()
    {
        var (ws, user, token) = await IssueExampleAsync();
        var response = await AnalyzeAsync(token, Query("2026-02-08 00:00:00", "2026-02-08 23:59:59", "Asia/Kolkata", [user]));

        Assert.True(response.Json.GetProperty("success").GetBoolean());
        Assert.Equal(200, response.Json.GetProperty("statusCode").GetInt32());
        Assert.Equal("Fetched work time analysis successfully", response.Json.GetProperty("statusMessage").GetString());
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("error").ValueKind);
        var row = response.Data[0];
        Assert.Equal(["user", "timeSummary", "session"], row.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["userId", "name", "profilePicUrl"], row.GetProperty("user").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(user, row.GetProperty("user").GetProperty("userId").GetString());
        var session = row.GetProperty("session");
        Assert.Equal("2026-02-07T20:00:00.000Z", session.GetProperty("inTime").GetString());
        Assert.Equal("2026-02-08T11:00:00.000Z", session.GetProperty("outTime").GetString());
        Assert.False(session.GetProperty("isWorking").GetBoolean());

        // With no session in the range, the last one before it is shown (the seed answers 02-08 with a 02-05..02-07 session).
        var later = await AnalyzeAsync(token, Query("2026-02-10 00:00:00", "2026-02-10 23:59:59", "UTC", [user]));
        Assert.Equal(0, Summary(later).GetProperty("totalWorkedTimeInSeconds").GetInt64());
        Assert.Equal("2026-02-08T03:00:00.000Z", later.Data[0].GetProperty("session").GetProperty("inTime").GetString());

        // An open session runs to now, has no outTime, and makes the member "working".
        Assert.Equal(201, (await _api.PostAsync("/api/attendance-events/clock-in", new { userId = user }, token)).Code);
        _server.Clock.Advance(TimeSpan.FromMinutes(30));
        try
        {
            var today = await AnalyzeAsync(token, Query("2026-11-22 00:00:00", "2026-11-22 23:59:59", "UTC", [user]));
            Assert.Equal(1800, Summary(today).GetProperty("totalWorkedTimeInSeconds").GetInt64());
            Assert.Equal(JsonValueKind.Null, today.Data[0].GetProperty("session").GetProperty("outTime").ValueKind);
            Assert.True(today.Data[0].GetProperty("session").GetProperty("isWorking").GetBoolean());
            // isWorking describes the range: a range that ended before now is not "working", though the member is.
            var yesterday = await AnalyzeAsync(token, Query("2026-11-21 00:00:00", "2026-11-21 23:59:59", "UTC", [user]));
            Assert.False(yesterday.Data[0].GetProperty("session").GetProperty("isWorking").GetBoolean());
            Assert.Equal("2026-02-08T11:00:00.000Z", yesterday.Data[0].GetProperty("session").GetProperty("outTime").GetString());
            var tomorrow = await AnalyzeAsync(token, Query("2026-11-23 00:00:00", "2026-11-23 23:59:59", "UTC", [user]));
            Assert.False(tomorrow.Data[0].GetProperty("session").GetProperty("isWorking").GetBoolean());
        }
        finally
        {
            _server.Clock.Set(Now);
        }
    }

    [Fact]
    public async Task Every_requested_user_appears_sorted_by_name_and_teams_expand()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var team = (await _api.PostAsync("/api/v2/teams", new { name = "Night shift" }, ws.OwnerToken)).Data.GetProperty("id").GetString()!;
        var (a, _) = await _api.CreateMemberAsync(ws, teamId: team);
        var (b, _) = await _api.CreateMemberAsync(ws);
        await _api.PutAsync($"/api/v2/members/{a}", new { firstname = "Zed", lastname = "Zulu" }, ws.OwnerToken);
        await _api.PutAsync($"/api/v2/members/{b}", new { firstname = "Amy", lastname = "Alpha" }, ws.OwnerToken);

        var response = await AnalyzeAsync(ws.OwnerToken, Query("2026-02-08 00:00:00", "2026-02-08 23:59:59", "UTC", [b], [team]));

        Assert.Equal(["Amy Alpha", "Zed Zulu"], response.Data.EnumerateArray().Select(r => r.GetProperty("user").GetProperty("name").GetString()!).ToArray());
        Assert.All(response.Data.EnumerateArray(), r => Assert.Equal(0, r.GetProperty("timeSummary").GetProperty("totalWorkedTimeInSeconds").GetInt64()));
        Assert.Equal(JsonValueKind.Null, response.Data[0].GetProperty("session").GetProperty("inTime").ValueKind);
    }

    public static TheoryData<string, string> InvalidQueries => new()
    {
        { """{"startDate":"2026-02-08 00:00:00","endDate":"2026-02-08 23:59:59","userId":["{u}"]}""", "timeZone" },
        { """{"startDate":"2026-02-08 00:00:00","endDate":"2026-02-08 23:59:59","timeZone":"Mars/Olympus","userId":["{u}"]}""", "timeZone" },
        { """{"startDate":"08/02/2026","endDate":"2026-02-08 23:59:59","timeZone":"UTC","userId":["{u}"]}""", "startDate" },
        { """{"startDate":"2026-02-08 00:00:00","endDate":"2026-02-07 23:59:58","timeZone":"UTC","userId":["{u}"]}""", "endDate" },
        { """{"startDate":"2025-01-01 00:00:00","endDate":"2026-01-02 00:00:00","timeZone":"UTC","userId":["{u}"]}""", "endDate" },
        { """{"startDate":"2026-02-08 00:00:00","endDate":"2026-02-08 23:59:59","timeZone":"UTC","userId":[],"teamId":[]}""", "userId" },
        { """{"startDate":"2026-02-08 00:00:00","endDate":"2026-02-08 23:59:59","timeZone":"UTC","userId":"{u}"}""", "userId" },
        { """{"startDate":"2026-02-08 00:00:00","endDate":"2026-02-08 23:59:59","timeZone":"UTC","userId":[5]}""", "userId[0]" },
        { """{"startDate":"2026-02-08 00:00:00","endDate":"2026-02-08 23:59:59","timeZone":"UTC","userId":["{u}"],"teamId":{}}""", "teamId" },
        { """not json""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public async Task Invalid_queries_get_400_in_the_trackpilots_shape_naming_the_field(string template, string field)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var response = await AnalyzeAsync(ws.OwnerToken, template.Replace("{u}", ws.OwnerId));
        Assert.Equal(400, response.Code);
        Assert.False(response.Json.GetProperty("success").GetBoolean());
        Assert.Equal(400, response.Json.GetProperty("statusCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("data").ValueKind);
        Assert.Equal(field, response.Json.GetProperty("error").GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("error").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_366_day_range_is_allowed()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var response = await AnalyzeAsync(ws.OwnerToken, Query("2025-01-01 00:00:00", "2026-01-01 23:59:59", "UTC", [ws.OwnerId]));
        Assert.Equal(200, response.Code);
    }

    [Fact]
    public async Task Permissions_regular_users_see_themselves_team_managers_their_team_admins_everyone()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var team = (await _api.PostAsync("/api/v2/teams", new { name = "A" }, ws.OwnerToken)).Data.GetProperty("id").GetString()!;
        var otherTeam = (await _api.PostAsync("/api/v2/teams", new { name = "B" }, ws.OwnerToken)).Data.GetProperty("id").GetString()!;
        var (_, manager) = await _api.CreateMemberAsync(ws, "Team manager", team);
        var (mate, mateToken) = await _api.CreateMemberAsync(ws, teamId: team);
        var (outsider, _) = await _api.CreateMemberAsync(ws, teamId: otherTeam);
        var (executive, executiveToken) = await _api.CreateMemberAsync(ws, "Executive manager");
        const string day = "2026-02-08 00:00:00";
        const string end = "2026-02-08 23:59:59";

        Assert.Equal(200, (await AnalyzeAsync(mateToken, Query(day, end, "UTC", [mate]))).Code);
        Assert.Equal(403, (await AnalyzeAsync(mateToken, Query(day, end, "UTC", [outsider]))).Code);
        Assert.Equal(403, (await AnalyzeAsync(mateToken, Query(day, end, "UTC", [], [team]))).Code);
        Assert.Equal(200, (await AnalyzeAsync(manager, Query(day, end, "UTC", [mate], [team]))).Code);
        Assert.Equal(403, (await AnalyzeAsync(manager, Query(day, end, "UTC", [outsider]))).Code);
        Assert.Equal(403, (await AnalyzeAsync(manager, Query(day, end, "UTC", [], [otherTeam]))).Code);
        Assert.Equal(200, (await AnalyzeAsync(executiveToken, Query(day, end, "UTC", [outsider, mate, executive]))).Code);

        var anonymous = await _api.PostAsync("/api/v1/dashboard/work-time-analysis", Query(day, end, "UTC", [mate]));
        Assert.Equal(401, anonymous.Code);
        Assert.Equal(401, anonymous.Json.GetProperty("statusCode").GetInt32());

        var other = await _api.CreateWorkspaceAsync();
        var cross = await AnalyzeAsync(other.OwnerToken, Query(day, end, "UTC", [mate]));
        Assert.Equal(404, cross.Code);
        Assert.Equal(404, (await AnalyzeAsync(other.OwnerToken, Query(day, end, "UTC", [], [team]))).Code);
    }
}

public sealed class AnalyticsApiTestsOnSqlite(ServerFactory server) : AnalyticsApiTests<ServerFactory>(server);

public sealed class AnalyticsApiTestsOnCosmos(CosmosServerFactory server) : AnalyticsApiTests<CosmosServerFactory>(server);

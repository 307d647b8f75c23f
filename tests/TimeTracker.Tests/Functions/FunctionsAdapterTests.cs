using System.Net.Http.Headers;
using System.Text;
using TimeTracker.Api;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Functions;

/// <summary>
/// Every function class resolves from the Functions app's container, and for requests to every resource (route
/// values, query strings, bodies, error paths, each vendor family) a function answers exactly what the Server answers.
/// Both hosts share one SQLite file and one clock, so even the envelopes' timestamps must match byte for byte.
/// </summary>
public sealed class FunctionsAdapterTests(FunctionsApp app) : IClassFixture<FunctionsApp>
{
    private readonly ApiClient _api = app.Server.Api();

    [Fact]
    public void Every_function_class_resolves_from_the_functions_container_and_every_endpoint_has_a_function()
    {
        foreach (var type in FunctionsApp.Functions.Values.Select(m => m.DeclaringType!).Distinct())
            Assert.NotNull(app.Activate(type));
        Assert.All(RouteTable.Endpoints, e => Assert.True(FunctionsApp.Functions.ContainsKey(e.Name), e.Name));
    }

    [Fact]
    public async Task Functions_answer_every_resource_exactly_as_the_server_does()
    {
        var ws = await _api.CreateWorkspaceAsync(timezone: "Asia/Kolkata");
        var (memberId, memberToken) = await _api.CreateMemberAsync(ws, timezone: "America/New_York");
        var team = (await _api.PostAsync("/api/v2/teams", new { name = "Blue" }, ws.OwnerToken)).Data.GetProperty("id").GetString()!;
        await _api.AddPairAsync(memberId, memberToken, "2026-01-05T14:00:00", "2026-01-05T22:00:00", "2026-01-05");
        var day = new { startDate = "2026-01-05 00:00:00", endDate = "2026-01-05 23:59:59", timeZone = "Asia/Kolkata", userId = new[] { memberId }, teamId = Array.Empty<string>() };

        (string Function, HttpMethod Method, string Url, object? Body, string? Token, Dictionary<string, string>? Route)[] cases =
        [
            ("GetCurrentWorkspace", HttpMethod.Get, "/api/v1/workspaces/current", null, ws.OwnerToken, null),
            ("GetCurrentWorkspace", HttpMethod.Get, "/api/v1/workspaces/current", null, null, null),
            ("UpdateCurrentWorkspace", HttpMethod.Put, "/api/v1/workspaces/current", new { auto_clock_out_after_hours = 0 }, ws.OwnerToken, null),
            ("Login", HttpMethod.Post, "/api/v1/auth/login", new { workspace_id = ws.Id, login = "nobody", password = "wrong" }, null, null),
            ("ListApiKeys", HttpMethod.Get, $"/api/v1/api-keys?member_id={memberId}", null, ws.OwnerToken, null),
            ("DeleteApiKey", HttpMethod.Delete, $"/api/v1/api-keys/{Guid.NewGuid()}", null, ws.OwnerToken, new() { ["keyId"] = Guid.NewGuid().ToString() }),
            ("ListMembers", HttpMethod.Get, $"/api/v2/members?workspace_id={ws.Id}&status=active&per_page=1", null, ws.OwnerToken, null),
            ("ListMembers", HttpMethod.Get, "/api/v2/members?status=bogus", null, ws.OwnerToken, null),
            ("GetMember", HttpMethod.Get, $"/api/v2/members/{memberId}?workspace_id={ws.Id}", null, ws.OwnerToken, new() { ["memberId"] = memberId }),
            ("GetMember", HttpMethod.Get, $"/api/v2/members/{memberId}", null, memberToken, new() { ["memberId"] = memberId }),
            ("UpdateMember", HttpMethod.Put, $"/api/v2/members/{ws.OwnerId}", new { timezone = "Mars/Olympus" }, ws.OwnerToken, new() { ["memberId"] = ws.OwnerId }),
            ("AcceptInvitation", HttpMethod.Post, "/api/v2/invitations/unknown/accept", new { password = "long enough password" }, null, new() { ["token"] = "unknown" }),
            ("ListTeams", HttpMethod.Get, "/api/v2/teams", null, ws.OwnerToken, null),
            ("GetTeam", HttpMethod.Get, $"/api/v2/teams/{team}", null, ws.OwnerToken, new() { ["teamId"] = team }),
            ("ListUsers", HttpMethod.Get, "/api/v2/ext/users?admin=true", null, ws.OwnerToken, null),
            ("GetUser", HttpMethod.Get, $"/api/v2/ext/users/{memberId}", null, ws.OwnerToken, new() { ["id"] = memberId }),
            ("UpdateUser", HttpMethod.Put, $"/api/v2/ext/users/{memberId}", new { username = "renamed" }, ws.OwnerToken, new() { ["id"] = memberId }),
            ("QueryAttendanceEvents", HttpMethod.Get, $"/api/attendance-events?startDate=2026-01-01&endDate=2026-01-31&userId={memberId}", null, ws.OwnerToken, null),
            ("ClockOut", HttpMethod.Post, "/api/attendance-events/clock-out", new { userId = memberId }, memberToken, null),
            ("CreateAttendancePair", HttpMethod.Post, "/api/attendance-events/create",
                new { date = "2026-01-05", clockInTimestampUtc = "2026-01-05T15:00:00", clockOutTimestampUtc = "2026-01-05T16:00:00", userId = memberId }, memberToken, null),
            ("DeleteAttendanceEvent", HttpMethod.Delete, "/api/attendance-events/not-an-id", null, ws.OwnerToken, new() { ["id"] = "not-an-id" }),
            ("IngestActivity", HttpMethod.Post, "/api/v1/activity", new { samples = new[] { new { id = "x", start = "2026-01-05T15:00:00Z", end = "2026-01-05T15:05:00Z", state = "idle" } } }, memberToken, null),
            ("WorkTimeAnalysis", HttpMethod.Post, "/api/v1/dashboard/work-time-analysis", day, ws.OwnerToken, null),
            ("WorkTimeAnalysis", HttpMethod.Post, "/api/v1/dashboard/work-time-analysis", day, memberToken, null),
            ("ActiveUsers", HttpMethod.Get, "/api/v1/engagement-dashboard/users/active-users?start=2026-01-01T00:00:00.000Z&end=2026-01-31T23:59:59.000Z&timeZone=Asia/Kolkata", null, ws.OwnerToken, null),
            ("NewUsers", HttpMethod.Get, "/api/v1/engagement-dashboard/users/new-users?start=2026-01-01T00:00:00.000Z&end=2026-01-31T23:59:59.000Z", null, memberToken, null),
            ("RunJob", HttpMethod.Post, "/api/v1/jobs/nightly-magic/run", null, "admin", new() { ["name"] = "nightly-magic" }),
        ];

        foreach (var (function, method, url, body, token, route) in cases)
        {
            var fromServer = await SendToServerAsync(Request(method, url, body, token));
            var fromFunction = await app.InvokeAsync(function, Request(method, url, body, token), route);
            Assert.True(fromServer.Status == fromFunction.Status, $"{function} {url}: server {fromServer.Status}, function {fromFunction.Status}");
            Assert.True(fromServer.Body == fromFunction.Body, $"{function} {url}:\nserver   {fromServer.Body}\nfunction {fromFunction.Body}");
            Assert.Equal(fromServer.ContentType, fromFunction.ContentType);
        }
        Assert.Contains(cases, c => c.Function == "GetMember");
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body, string? token)
    {
        var message = new HttpRequestMessage(method, url);
        if (body is not null) message.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        if (token == "admin") message.Headers.Add("X-Admin-Key", ServerFactory.AdminKey);
        else if (token is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return message;
    }

    private async Task<FunctionsApp.Answer> SendToServerAsync(HttpRequestMessage message)
    {
        using var response = await _api.Http.SendAsync(message);
        return new FunctionsApp.Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
    }
}

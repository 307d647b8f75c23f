using System.Net.Http.Headers;
using System.Text;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

/// <summary>CSV exports for payroll (Accept: text/csv): the same rows and permissions as the JSON answers.</summary>
public abstract class ExportApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly ApiClient _api = server.Api();

    private async Task<(int Status, string? ContentType, string Body, string? Disposition)> CsvAsync(HttpMethod method, string url, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        if (body is not null) request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await _api.Http.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task Work_time_analysis_exports_one_row_per_member_with_the_json_numbers()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (alice, aliceToken) = await _api.CreateMemberAsync(ws);
        var (bob, _) = await _api.CreateMemberAsync(ws);
        Assert.Equal(200, (await _api.PutAsync($"/api/v2/members/{bob}", new { firstname = "=HYPERLINK(\"x\")" }, ws.OwnerToken)).Code);
        await _api.AddPairAsync(alice, aliceToken, "2026-01-05T08:00:00", "2026-01-05T17:00:00");
        await _api.AddIdleAsync(alice, aliceToken, "2026-01-05T10:00:00Z", "2026-01-05T10:30:00Z");
        var query = new { startDate = "2026-01-05 00:00:00", endDate = "2026-01-05 23:59:59", timeZone = "UTC", userId = new[] { alice, bob } };

        var (status, type, csv, file) = await CsvAsync(HttpMethod.Post, "/api/v1/dashboard/work-time-analysis", ws.OwnerToken, query);

        Assert.Equal((200, "text/csv", "work-time-analysis.csv"), (status, type, file));
        var lines = csv.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("UserId,Name,TotalWorkedSeconds,ActiveWorkedSeconds,IdleWorkedSeconds,InTime,OutTime,IsWorking", lines[0]);
        Assert.Equal(3, lines.Count);
        var aliceLine = lines.Single(l => l.StartsWith($"{alice},"));
        Assert.EndsWith(",32400,30600,1800,2026-01-05T08:00:00Z,2026-01-05T17:00:00Z,false", aliceLine);
        // A name that a spreadsheet would run as a formula is escaped, not written as is.
        var bobLine = lines.Single(l => l.StartsWith($"{bob},"));
        Assert.DoesNotContain(",=HYPERLINK", bobLine);
        Assert.Contains("HYPERLINK", bobLine);
    }

    [Fact]
    public async Task Attendance_exports_one_row_per_pair_and_keeps_the_permissions()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (alice, aliceToken) = await _api.CreateMemberAsync(ws);
        var (bob, bobToken) = await _api.CreateMemberAsync(ws);
        await _api.AddPairAsync(alice, aliceToken, "2026-01-05T08:00:00", "2026-01-05T12:30:00");
        await _api.AddPairAsync(alice, aliceToken, "2026-01-06T08:00:00", "2026-01-06T09:00:00");
        var url = $"/api/attendance-events?startDate=2026-01-01&endDate=2026-01-31&userId={alice}";

        var (status, type, csv, file) = await CsvAsync(HttpMethod.Get, url, ws.OwnerToken);

        Assert.Equal((200, "text/csv", "attendance-2026-01-01-2026-01-31.csv"), (status, type, file));
        var lines = csv.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("UserId,Date,ClockIn,ClockOut,DurationSeconds,", lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.StartsWith($"{alice},2026-01-05,2026-01-05T08:00:00Z,2026-01-05T12:30:00Z,16200,", lines[1]);
        Assert.StartsWith($"{alice},2026-01-06,", lines[2]);

        var (forbidden, problem, body, _) = await CsvAsync(HttpMethod.Get, url, bobToken);
        Assert.Equal((403, "application/problem+json"), (forbidden, problem));
        Assert.Contains("\"status\":403", body);
        _ = bob;
    }
}

public sealed class ExportApiTestsOnSqlite(ServerFactory server) : ExportApiTests<ServerFactory>(server);

public sealed class ExportApiTestsOnCosmos(CosmosServerFactory server) : ExportApiTests<CosmosServerFactory>(server);

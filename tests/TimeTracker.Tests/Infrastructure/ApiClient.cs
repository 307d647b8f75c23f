using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TimeTracker.Tests.Infrastructure;

public sealed record ApiResponse(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Message)
{
    public int Code => (int)Status;
    public JsonElement Data => Json.GetProperty("data");

    /// <summary>The field a WebWork-style error names.</summary>
    public string? ErrorField => Json.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
        ? e.EnumerateObject().Select(p => p.Name).FirstOrDefault()
        : null;

    public override string ToString() => $"{Code} {Json}";
}

/// <summary>A test's view of a workspace: its id, its owner and the owner's token.</summary>
public sealed record TestWorkspace(string Id, string OwnerId, string OwnerToken);

/// <summary>Thin JSON-over-HTTP helper for API tests.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public Task<ApiResponse> GetAsync(string url, string? token = null, IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Get, url, null, token, headers);

    public Task<ApiResponse> PostAsync(string url, object? body, string? token = null, IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Post, url, body, token, headers);

    public Task<ApiResponse> PutAsync(string url, object? body, string? token = null) => SendAsync(HttpMethod.Put, url, body, token);

    public Task<ApiResponse> DeleteAsync(string url, string? token = null, object? body = null) => SendAsync(HttpMethod.Delete, url, body, token);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string url, object? body, string? token = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        var response = await Http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        var json = string.IsNullOrWhiteSpace(content) ? default : JsonDocument.Parse(content).RootElement.Clone();
        return new ApiResponse(response.StatusCode, json, response);
    }

    public async Task<TestWorkspace> CreateWorkspaceAsync(string timezone = "UTC", string? ownerPassword = null)
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var response = await PostAsync("/api/v1/workspaces", new
        {
            name = "Test workspace",
            timezone,
            owner = ownerPassword is null
                ? (object)new { email, firstname = "Olive", lastname = "Owner" }
                : new { email, firstname = "Olive", lastname = "Owner", password = ownerPassword },
        }, headers: new Dictionary<string, string> { ["X-Admin-Key"] = ServerFactory.AdminKey });
        Assert.True(response.Code == 201, response.ToString());
        var data = response.Data;
        return new TestWorkspace(data.GetProperty("workspace").GetProperty("id").GetString()!,
            data.GetProperty("owner").GetProperty("id").GetString()!, data.GetProperty("token").GetString()!);
    }

    public Task<ApiResponse> RunJobAsync(string name) =>
        PostAsync($"/api/v1/jobs/{name}/run", null, headers: new Dictionary<string, string> { ["X-Admin-Key"] = ServerFactory.AdminKey });

    /// <summary>Records a session; <paramref name="localDate"/> defaults to the UTC date, right for UTC members.</summary>
    public async Task AddPairAsync(string userId, string token, string from, string to, string? localDate = null)
    {
        var date = localDate ?? from[..10];
        var response = await PostAsync("/api/attendance-events/create", new { date, clockInTimestampUtc = from, clockOutTimestampUtc = to, userId }, token);
        Assert.True(response.Code == 201, response.ToString());
    }

    public async Task AddIdleAsync(string userId, string token, string from, string to)
    {
        var response = await PostAsync("/api/v1/activity", new { user_id = userId, samples = new[] { new { id = Guid.NewGuid(), start = from, end = to, state = "idle" } } }, token);
        Assert.True(response.Code == 200, response.ToString());
    }

    /// <summary>Creates an active member with the given role and returns its id and a token of its own.</summary>
    public async Task<(string Id, string Token)> CreateMemberAsync(TestWorkspace ws, string role = "Regular User", string? teamId = null, string? timezone = null)
    {
        var username = $"u{Guid.NewGuid():N}"[..20];
        var created = await PostAsync("/api/v2/ext/users", new
        {
            username, firstName = "Test", lastName = username, email = $"{username}@example.com", password = "correct horse",
        }, ws.OwnerToken);
        Assert.True(created.Code == 201, created.ToString());
        var id = created.Data.GetProperty("id").GetString()!;
        var update = new Dictionary<string, object?> { ["role"] = role };
        if (teamId is not null) update["team_id"] = teamId;
        if (timezone is not null) update["timezone"] = timezone;
        var updated = await PutAsync($"/api/v2/members/{id}", update, ws.OwnerToken);
        Assert.True(updated.Code == 200, updated.ToString());
        var key = await PostAsync("/api/v1/api-keys", new { name = "test", member_id = id }, ws.OwnerToken);
        Assert.True(key.Code == 201, key.ToString());
        return (id, key.Data.GetProperty("token").GetString()!);
    }
}

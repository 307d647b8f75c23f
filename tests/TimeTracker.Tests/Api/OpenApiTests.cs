using System.Text.Json;
using TimeTracker.Api;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

/// <summary>
/// The OpenAPI document a client is generated from: valid and complete against the route table, and true — real
/// responses of every family, successes and errors, have a documented status and match its schema.
/// </summary>
public sealed class OpenApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private readonly ApiClient _api = server.Api();

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await _api.GetAsync("/api/openapi.json");
        Assert.Equal(200, response.Code);
        return response.Json;
    }

    [Fact]
    public async Task The_document_lists_every_operation_with_parameters_bodies_statuses_and_security()
    {
        var doc = await DocumentAsync();
        Assert.Equal("3.1.0", doc.GetProperty("openapi").GetString());
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        foreach (var scheme in new[] { "bearer", "authToken", "userId", "timeTrackKey", "timeTrackSecret", "adminKey" })
            Assert.True(schemes.TryGetProperty(scheme, out _), scheme);

        foreach (var endpoint in RouteTable.Endpoints)
        {
            var operation = doc.GetProperty("paths").GetProperty($"/api/{endpoint.Route}").GetProperty(endpoint.Verb.ToLowerInvariant());
            Assert.Equal(endpoint.Name, operation.GetProperty("operationId").GetString());
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains(statuses, s => s.StartsWith('2'));
            var pathParameters = System.Text.RegularExpressions.Regex.Matches(endpoint.Route, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();
            var declared = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToList()
                : [];
            Assert.Equal(pathParameters, declared);
            if (endpoint.Verb is "POST" or "PUT" && endpoint.Name is not ("RestoreMember" or "RunJob"))
                Assert.True(operation.TryGetProperty("requestBody", out _), $"{endpoint.Name} has no request body");
            if (endpoint.Tag != "Docs" && !operation.GetProperty("security").EnumerateArray().Any())
                Assert.True(endpoint.Name is "Login" or "AcceptInvitation", $"{endpoint.Name} is documented as anonymous");
        }
        var operations = doc.GetProperty("paths").EnumerateObject().Sum(p => p.Value.EnumerateObject().Count());
        Assert.Equal(RouteTable.Endpoints.Count, operations);
        Assert.Empty(UnresolvedReferences(doc, doc));
    }

    private static IEnumerable<string> UnresolvedReferences(JsonElement doc, JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => node.EnumerateObject().SelectMany(p => p.Name == "$ref"
            ? (Resolve(doc, p.Value.GetString()!) is null ? [p.Value.GetString()!] : [])
            : UnresolvedReferences(doc, p.Value)),
        JsonValueKind.Array => node.EnumerateArray().SelectMany(e => UnresolvedReferences(doc, e)),
        _ => [],
    };

    private static JsonElement? Resolve(JsonElement doc, string reference) =>
        doc.GetProperty("components").GetProperty("schemas").TryGetProperty(reference.Split('/')[^1], out var schema) ? schema : null;

    [Fact]
    public async Task Real_responses_of_every_family_have_a_documented_status_and_match_its_schema()
    {
        var doc = await DocumentAsync();
        var ws = await _api.CreateWorkspaceAsync(timezone: "Asia/Kolkata");
        var (memberId, memberToken) = await _api.CreateMemberAsync(ws);
        await _api.AddPairAsync(memberId, memberToken, "2026-01-05T14:00:00", "2026-01-05T22:00:00", "2026-01-05");
        var team = (await _api.PostAsync("/api/v2/teams", new { name = "Blue" }, ws.OwnerToken)).Data.GetProperty("id").GetString()!;
        var admin = new Dictionary<string, string> { ["X-Admin-Key"] = ServerFactory.AdminKey };
        var day = new { startDate = "2026-01-05 00:00:00", endDate = "2026-01-05 23:59:59", timeZone = "UTC", userId = new[] { memberId } };

        (string Template, HttpMethod Method, string Url, object? Body, string? Token, Dictionary<string, string>? Headers)[] requests =
        [
            ("v1/workspaces", HttpMethod.Post, "/api/v1/workspaces", new { name = "W", timezone = "UTC", owner = new { email = "w@x.test", firstname = "W", lastname = "X" } }, null, admin),
            ("v1/workspaces", HttpMethod.Post, "/api/v1/workspaces", new { name = "W" }, null, admin),
            ("v1/workspaces/current", HttpMethod.Get, "/api/v1/workspaces/current", null, memberToken, null),
            ("v1/workspaces/current", HttpMethod.Get, "/api/v1/workspaces/current", null, null, null),
            ("v1/auth/login", HttpMethod.Post, "/api/v1/auth/login", new { workspace_id = ws.Id, login = "nobody", password = "x" }, null, null),
            ("v1/api-keys", HttpMethod.Post, "/api/v1/api-keys", new { name = "laptop" }, memberToken, null),
            ("v1/api-keys", HttpMethod.Get, "/api/v1/api-keys", null, ws.OwnerToken, null),
            ("v2/members", HttpMethod.Get, "/api/v2/members?per_page=1", null, ws.OwnerToken, null),
            ("v2/members", HttpMethod.Get, "/api/v2/members", null, memberToken, null),
            ("v2/members", HttpMethod.Post, "/api/v2/members", new { email = "i@x.test", firstname = "I", lastname = "N", role = "Regular User" }, ws.OwnerToken, null),
            ("v2/members/{memberId}", HttpMethod.Get, $"/api/v2/members/{memberId}", null, ws.OwnerToken, null),
            ("v2/members/{memberId}", HttpMethod.Put, $"/api/v2/members/{memberId}", new { title = "Dev" }, ws.OwnerToken, null),
            ("v2/members/{memberId}", HttpMethod.Put, $"/api/v2/members/{ws.OwnerId}", new { role = "Regular User" }, ws.OwnerToken, null),
            ("v2/members/{memberId}", HttpMethod.Get, $"/api/v2/members/{Guid.NewGuid()}", null, ws.OwnerToken, null),
            ("v2/teams", HttpMethod.Get, "/api/v2/teams", null, ws.OwnerToken, null),
            ("v2/teams/{teamId}", HttpMethod.Put, $"/api/v2/teams/{team}", new { name = "Green" }, ws.OwnerToken, null),
            ("v2/ext/users", HttpMethod.Get, "/api/v2/ext/users?admin=false", null, ws.OwnerToken, null),
            ("v2/ext/users/{id}", HttpMethod.Get, $"/api/v2/ext/users/{memberId}", null, ws.OwnerToken, null),
            ("v2/ext/users/{id}", HttpMethod.Put, $"/api/v2/ext/users/{memberId}", new { username = "x" }, ws.OwnerToken, null),
            ("attendance-events/clock-in", HttpMethod.Post, "/api/attendance-events/clock-in", new { userId = memberId }, memberToken, null),
            ("attendance-events/clock-in", HttpMethod.Post, "/api/attendance-events/clock-in", new { userId = memberId }, memberToken, null),
            ("attendance-events/clock-out", HttpMethod.Post, "/api/attendance-events/clock-out", new { userId = memberId }, memberToken, null),
            ("attendance-events/create", HttpMethod.Post, "/api/attendance-events/create",
                new { date = "2026-01-04", clockInTimestampUtc = "2026-01-04T08:00:00", clockOutTimestampUtc = "2026-01-04T09:00:00", userId = memberId }, memberToken, null),
            ("attendance-events", HttpMethod.Get, $"/api/attendance-events?startDate=2026-01-01&endDate=2026-01-31&userId={memberId}", null, memberToken, null),
            ("attendance-events", HttpMethod.Get, "/api/attendance-events?startDate=2026-01-01", null, memberToken, null),
            ("v1/activity", HttpMethod.Post, "/api/v1/activity", new { samples = new[] { new { id = Guid.NewGuid(), start = "2026-01-05T15:00:00Z", end = "2026-01-05T15:10:00Z", state = "idle" } } }, memberToken, null),
            ("v1/activity", HttpMethod.Post, "/api/v1/activity", new { samples = Array.Empty<object>() }, memberToken, null),
            ("v1/dashboard/work-time-analysis", HttpMethod.Post, "/api/v1/dashboard/work-time-analysis", day, ws.OwnerToken, null),
            ("v1/dashboard/work-time-analysis", HttpMethod.Post, "/api/v1/dashboard/work-time-analysis", new { timeZone = "Mars/Olympus" }, ws.OwnerToken, null),
            ("v1/engagement-dashboard/users/active-users", HttpMethod.Get, "/api/v1/engagement-dashboard/users/active-users?start=2026-01-01T00:00:00Z&end=2026-01-31T00:00:00Z", null, ws.OwnerToken, null),
            ("v1/engagement-dashboard/users/active-users", HttpMethod.Get, "/api/v1/engagement-dashboard/users/active-users?start=2026-01-01T00:00:00Z&end=2026-01-31T00:00:00Z", null, memberToken, null),
            ("v1/engagement-dashboard/users/new-users", HttpMethod.Get, "/api/v1/engagement-dashboard/users/new-users?start=x", null, ws.OwnerToken, null),
            ("v1/engagement-dashboard/users/new-users", HttpMethod.Get, "/api/v1/engagement-dashboard/users/new-users?start=x", null, null, null),
            ("v1/jobs/{name}/run", HttpMethod.Post, "/api/v1/jobs/rollup/run", null, null, admin),
        ];

        var statuses = new HashSet<int>();
        foreach (var (template, method, url, body, token, headers) in requests)
        {
            var response = body is null && method == HttpMethod.Get ? await _api.GetAsync(url, token, headers) : await _api.SendAsync(method, url, body, token, headers);
            var operation = doc.GetProperty("paths").GetProperty($"/api/{template}").GetProperty(method.Method.ToLowerInvariant());
            Assert.True(operation.GetProperty("responses").TryGetProperty(response.Code.ToString(), out var documented),
                $"{method} {url}: status {response.Code} is not documented ({response})");
            var mediaType = response.Message.Content.Headers.ContentType?.MediaType;
            var content = documented.GetProperty("content").EnumerateObject().SingleOrDefault(c => c.Name == mediaType);
            Assert.True(content.Name == mediaType, $"{method} {url}: {mediaType} is not documented for {response.Code}");
            var errors = SchemaCheck.Validate(doc, content.Value.GetProperty("schema"), response.Json, "$").ToList();
            Assert.True(errors.Count == 0, $"{method} {url} → {response.Code}:\n{string.Join("\n", errors)}\n{response.Json}");
            statuses.Add(response.Code);
        }
        Assert.Superset(new HashSet<int> { 200, 201, 400, 401, 403, 404, 409 }, statuses);
    }
}

/// <summary>The subset of JSON Schema the document uses: $ref, oneOf, type (or types), enum, properties, required, items, maps.</summary>
internal static class SchemaCheck
{
    public static IEnumerable<string> Validate(JsonElement doc, JsonElement schema, JsonElement value, string path)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            return Validate(doc, doc.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]), value, path);
        if (schema.TryGetProperty("oneOf", out var choices))
            return choices.EnumerateArray().Any(c => !Validate(doc, c, value, path).Any()) ? [] : [$"{path}: matches none of oneOf"];
        var errors = new List<string>();
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => Is(t, value))) return [$"{path}: {value.ValueKind} is not {string.Join("|", types)}"];
        }
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == value.GetString()))
            errors.Add($"{path}: {value} is not one of {values}");
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
                errors.AddRange(required.EnumerateArray().Where(r => !value.TryGetProperty(r.GetString()!, out _)).Select(r => $"{path}.{r}: missing"));
            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in value.EnumerateObject())
                {
                    if (properties.TryGetProperty(property.Name, out var propertySchema))
                        errors.AddRange(Validate(doc, propertySchema, property.Value, $"{path}.{property.Name}"));
                    else errors.Add($"{path}.{property.Name}: not documented");
                }
            }
            if (schema.TryGetProperty("additionalProperties", out var additional))
                foreach (var property in value.EnumerateObject()) errors.AddRange(Validate(doc, additional, property.Value, $"{path}.{property.Name}"));
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
            errors.AddRange(value.EnumerateArray().SelectMany((item, i) => Validate(doc, items, item, $"{path}[{i}]")));
        return errors;
    }

    private static bool Is(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}

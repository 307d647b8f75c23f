using System.Text.Json;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

public abstract class UserApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly ApiClient _api = server.Api();

    private static object SeedCreate(string username = "test6", string email = "test4@test.com") => new
    {
        teamLead = false, password = "123123123", firstName = "Max", admin = true, username, email, language = "de", personalNumber = 1234, lastName = "Smith",
    };

    private static Dictionary<string, string> TimeTrackHeaders(string token)
    {
        var rest = token["ttk_".Length..];
        var split = rest.IndexOf('_');
        return new() { ["X-TimeTrack-Api-Key"] = rest[..split], ["X-TimeTrack-Api-Secret"] = rest[(split + 1)..] };
    }

    [Fact]
    public async Task Create_with_the_seed_example_and_timetrack_key_headers_returns_the_user_object()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var response = await _api.PostAsync("/api/v2/ext/users", SeedCreate(), headers: TimeTrackHeaders(ws.OwnerToken));

        Assert.Equal(201, response.Code);
        Assert.Equal("User created successfully", response.Json.GetProperty("message").GetString());
        var user = response.Data;
        Assert.Equal(["id", "username", "firstName", "lastName", "email", "enabled", "admin", "teamLead", "language", "personalNumber"],
            user.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("test6", user.GetProperty("username").GetString());
        Assert.True(user.GetProperty("admin").GetBoolean());
        Assert.False(user.GetProperty("teamLead").GetBoolean());
        Assert.True(user.GetProperty("enabled").GetBoolean());
        Assert.Equal(1234, user.GetProperty("personalNumber").GetInt32());
        Assert.False(user.TryGetProperty("password", out _));
        var member = (await _api.GetAsync($"/api/v2/members/{user.GetProperty("id").GetString()}", ws.OwnerToken)).Data;
        Assert.Equal("Executive manager", member.GetProperty("current_role").GetString());
        Assert.Equal("active", member.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_created_user_can_sign_in_with_the_password()
    {
        var ws = await _api.CreateWorkspaceAsync();
        await _api.PostAsync("/api/v2/ext/users", SeedCreate(), ws.OwnerToken);
        var login = await _api.PostAsync("/api/v1/auth/login", new { workspace_id = ws.Id, login = "TEST6", password = "123123123" });
        Assert.Equal(200, login.Code);
        Assert.Equal(200, (await _api.GetAsync("/api/v1/workspaces/current", login.Data.GetProperty("token").GetString())).Code);
    }

    [Fact]
    public async Task List_filters_by_exact_case_insensitive_params()
    {
        var ws = await _api.CreateWorkspaceAsync();
        await _api.PostAsync("/api/v2/ext/users", SeedCreate("test", "a@test.com"), ws.OwnerToken);
        await _api.PostAsync("/api/v2/ext/users", SeedCreate("test2", "b@test.com"), ws.OwnerToken);
        await _api.PostAsync("/api/v2/ext/users", new { username = "lead", firstName = "L", lastName = "Ead", email = "c@test.com", password = "12345678", teamLead = true }, ws.OwnerToken);

        async Task<string[]> Usernames(string query) =>
            (await _api.GetAsync($"/api/v2/ext/users?{query}", ws.OwnerToken)).Data.EnumerateArray().Select(u => u.GetProperty("username").GetString() ?? "").ToArray();

        Assert.Equal(["test"], await Usernames("username=TEST"));
        Assert.Equal(["test2"], await Usernames("email=B@TEST.COM"));
        Assert.Equal(["lead"], await Usernames("teamLead=true"));
        Assert.Equal(3, (await Usernames("admin=true")).Length);
        Assert.Equal(2, (await Usernames("personalNumber=1234")).Length);
        Assert.Empty(await Usernames("admin=true&teamLead=true"));
        Assert.Equal(400, (await _api.GetAsync("/api/v2/ext/users?enabled=maybe", ws.OwnerToken)).Code);
    }

    [Fact]
    public async Task Update_with_the_seed_example_changes_the_user_and_rejects_enabled_and_username()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var id = (await _api.PostAsync("/api/v2/ext/users", SeedCreate(), ws.OwnerToken)).Data.GetProperty("id").GetString();

        var response = await _api.PutAsync($"/api/v2/ext/users/{id}",
            new { password = "122122122", admin = true, firstName = "John", langauge = "en", email = "test3_@test.com" }, ws.OwnerToken);

        Assert.Equal(200, response.Code);
        Assert.Equal("John", response.Data.GetProperty("firstName").GetString());
        Assert.Equal("en", response.Data.GetProperty("language").GetString());
        Assert.Equal("test3_@test.com", response.Data.GetProperty("email").GetString());
        Assert.Equal(200, (await _api.PostAsync("/api/v1/auth/login", new { workspace_id = ws.Id, login = "test6", password = "122122122" })).Code);

        foreach (var field in new[] { "enabled", "username" })
        {
            var refused = await _api.PutAsync($"/api/v2/ext/users/{id}", new Dictionary<string, object> { [field] = field == "enabled" ? false : "renamed", ["firstName"] = "Nope" }, ws.OwnerToken);
            Assert.Equal(400, refused.Code);
            Assert.Equal(field, refused.ErrorField);
        }
        Assert.Equal("John", (await _api.GetAsync($"/api/v2/ext/users/{id}", ws.OwnerToken)).Data.GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Delete_disables_the_user()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var id = (await _api.PostAsync("/api/v2/ext/users", SeedCreate(), ws.OwnerToken)).Data.GetProperty("id").GetString();
        var deleted = await _api.DeleteAsync($"/api/v2/ext/users/{id}", ws.OwnerToken);
        Assert.Equal(200, deleted.Code);
        Assert.False((await _api.GetAsync($"/api/v2/ext/users/{id}", ws.OwnerToken)).Data.GetProperty("enabled").GetBoolean());
        Assert.Equal(401, (await _api.PostAsync("/api/v1/auth/login", new { workspace_id = ws.Id, login = "test6", password = "123123123" })).Code);
    }

    public static TheoryData<string, string> InvalidCreates => new()
    {
        { """{"firstName":"A","lastName":"B","email":"a@b.co","password":"12345678"}""", "username" },
        { """{"username":"u","lastName":"B","email":"a@b.co","password":"12345678"}""", "firstName" },
        { """{"username":"u","firstName":"A","email":"a@b.co","password":"12345678"}""", "lastName" },
        { """{"username":"u","firstName":"A","lastName":"B","password":"12345678"}""", "email" },
        { """{"username":"u","firstName":"A","lastName":"B","email":"a@b.co"}""", "password" },
        { """{"username":"u","firstName":"A","lastName":"B","email":"a@b.co","password":"1234567"}""", "password" },
        { """{"username":"u","firstName":"A","lastName":"B","email":"a@b.co","password":"12345678","admin":"yes"}""", "admin" },
        { """{"username":"u","firstName":"A","lastName":"B","email":"a@b.co","password":"12345678","admin":true,"teamLead":true}""", "teamLead" },
        { """{"username":"has space","firstName":"A","lastName":"B","email":"a@b.co","password":"12345678"}""", "username" },
        { """{"username":"u","firstName":"A","lastName":"B","email":"a@b.co","password":12345678}""", "password" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Invalid_creates_get_400_naming_the_field_and_write_nothing(string body, string field)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var response = await _api.PostAsync("/api/v2/ext/users", body, ws.OwnerToken);
        Assert.Equal(400, response.Code);
        Assert.Equal(field, response.ErrorField);
        Assert.Equal(1, (await _api.GetAsync("/api/v2/ext/users", ws.OwnerToken)).Data.GetArrayLength());
    }

    [Fact]
    public async Task Parallel_creates_of_one_username_let_exactly_one_succeed()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var attempts = Enumerable.Range(0, 10).Select(i => _api.PostAsync("/api/v2/ext/users",
            new { username = i % 2 == 0 ? "racer" : "RACER", firstName = "R", lastName = "R", email = $"r{i}@example.com", password = "12345678" }, ws.OwnerToken));
        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(r => r.Code == 201));
        Assert.All(results.Where(r => r.Code != 201), r => { Assert.Equal(409, r.Code); Assert.Equal("username", r.ErrorField); });
    }

    [Theory]
    [InlineData("GET", "/api/v2/ext/users")]
    [InlineData("POST", "/api/v2/ext/users")]
    [InlineData("GET", "/api/v2/ext/users/{id}")]
    [InlineData("PUT", "/api/v2/ext/users/{id}")]
    [InlineData("DELETE", "/api/v2/ext/users/{id}")]
    public async Task Every_user_endpoint_enforces_auth_role_and_workspace(string method, string route)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (target, regular) = await _api.CreateMemberAsync(ws);
        var url = route.Replace("{id}", target);
        object? body = method switch
        {
            "POST" => new { username = "newbie", firstName = "N", lastName = "N", email = "n@example.com", password = "12345678" },
            "PUT" => new { firstName = "N", email = "n@example.com" },
            _ => null,
        };
        var verb = new HttpMethod(method);

        Assert.Equal(401, (await _api.SendAsync(verb, url, body)).Code);
        Assert.Equal(403, (await _api.SendAsync(verb, url, body, regular)).Code);
        var other = await _api.CreateWorkspaceAsync();
        if (route.Contains("{id}")) Assert.Equal(404, (await _api.SendAsync(verb, url, body, other.OwnerToken)).Code);
        Assert.True((await _api.GetAsync($"/api/v2/ext/users/{target}", ws.OwnerToken)).Data.GetProperty("enabled").GetBoolean());
    }
}

public sealed class UserApiTestsOnSqlite(ServerFactory server) : UserApiTests<ServerFactory>(server);

public sealed class UserApiTestsOnCosmos(CosmosServerFactory server) : UserApiTests<CosmosServerFactory>(server);

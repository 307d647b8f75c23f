using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

/// <summary>Workspaces, API keys, password sign-in and the credential spellings of docs/API.md, Conventions.</summary>
public abstract class AccessApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly ApiClient _api = server.Api();
    private static readonly Dictionary<string, string> Admin = new() { ["X-Admin-Key"] = ServerFactory.AdminKey };

    [Fact]
    public async Task Workspace_creation_needs_the_admin_key_and_valid_fields()
    {
        var body = new { name = "Acme", timezone = "Asia/Kolkata", owner = new { email = "boss@acme.test", firstname = "B", lastname = "Oss" } };
        Assert.Equal(401, (await _api.PostAsync("/api/v1/workspaces", body)).Code);
        Assert.Equal(401, (await _api.PostAsync("/api/v1/workspaces", body, headers: new Dictionary<string, string> { ["X-Admin-Key"] = "wrong" })).Code);

        var badZone = await _api.PostAsync("/api/v1/workspaces", new { name = "Acme", timezone = "Asia/Calcutta_", owner = body.owner }, headers: Admin);
        Assert.Equal(400, badZone.Code);
        Assert.Equal("timezone", badZone.ErrorField);
        var badOwner = await _api.PostAsync("/api/v1/workspaces", new { name = "Acme", timezone = "UTC", owner = new { email = "nope", firstname = "B", lastname = "O" } }, headers: Admin);
        Assert.Equal("owner.email", badOwner.ErrorField);

        var created = await _api.PostAsync("/api/v1/workspaces", body, headers: Admin);
        Assert.Equal(201, created.Code);
        var token = created.Data.GetProperty("token").GetString()!;
        var current = await _api.GetAsync("/api/v1/workspaces/current", token);
        Assert.Equal("Asia/Kolkata", current.Data.GetProperty("timezone").GetString());
        Assert.Equal("Owner", created.Data.GetProperty("owner").GetProperty("current_role").GetString());
    }

    [Fact]
    public async Task Workspace_settings_are_for_managers_and_validated()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (_, regular) = await _api.CreateMemberAsync(ws);
        Assert.Equal(403, (await _api.PutAsync("/api/v1/workspaces/current", new { name = "X" }, regular)).Code);
        var bad = await _api.PutAsync("/api/v1/workspaces/current", new { auto_clock_out_after_hours = 0 }, ws.OwnerToken);
        Assert.Equal("auto_clock_out_after_hours", bad.ErrorField);
        var ok = await _api.PutAsync("/api/v1/workspaces/current", new { timezone = "America/New_York", auto_clock_out_after_hours = 12 }, ws.OwnerToken);
        Assert.Equal(200, ok.Code);
        Assert.Equal(12, (await _api.GetAsync("/api/v1/workspaces/current", regular)).Data.GetProperty("auto_clock_out_after_hours").GetInt32());
    }

    [Fact]
    public async Task Keys_are_shown_once_listed_without_secrets_expire_and_revoke()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (memberId, memberToken) = await _api.CreateMemberAsync(ws);
        var created = await _api.PostAsync("/api/v1/api-keys", new { name = "laptop", expires_in_days = 1 }, memberToken);
        Assert.Equal(201, created.Code);
        var token = created.Data.GetProperty("token").GetString()!;
        var keyId = created.Data.GetProperty("id").GetString()!;
        Assert.StartsWith($"ttk_{keyId}_", token);

        var list = await _api.GetAsync("/api/v1/api-keys", memberToken);
        Assert.All(list.Data.EnumerateArray(), k => Assert.Equal(System.Text.Json.JsonValueKind.Null, k.GetProperty("token").ValueKind));
        Assert.All(list.Data.EnumerateArray(), k => Assert.Equal(memberId, k.GetProperty("member_id").GetString()));
        Assert.DoesNotContain("secret", list.Json.ToString());

        server.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        try
        {
            Assert.Equal(401, (await _api.GetAsync("/api/v1/workspaces/current", token)).Code);
        }
        finally
        {
            server.Clock.Advance(-(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1)));
        }
        Assert.Equal(200, (await _api.GetAsync("/api/v1/workspaces/current", token)).Code);
        Assert.Equal(200, (await _api.DeleteAsync($"/api/v1/api-keys/{keyId}", memberToken)).Code);
        Assert.Equal(401, (await _api.GetAsync("/api/v1/workspaces/current", token)).Code);
    }

    [Fact]
    public async Task Other_members_keys_are_for_managers_only_and_other_workspaces_keys_are_invisible()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (memberId, memberToken) = await _api.CreateMemberAsync(ws);
        Assert.Equal(403, (await _api.PostAsync("/api/v1/api-keys", new { name = "x", member_id = ws.OwnerId }, memberToken)).Code);
        Assert.Equal(403, (await _api.GetAsync($"/api/v1/api-keys?member_id={ws.OwnerId}", memberToken)).Code);
        var ownerKeys = await _api.GetAsync($"/api/v1/api-keys?member_id={ws.OwnerId}", ws.OwnerToken);
        var ownerKeyId = ownerKeys.Data[0].GetProperty("id").GetString();
        Assert.Equal(403, (await _api.DeleteAsync($"/api/v1/api-keys/{ownerKeyId}", memberToken)).Code);

        var other = await _api.CreateWorkspaceAsync();
        Assert.Equal(404, (await _api.DeleteAsync($"/api/v1/api-keys/{ownerKeyId}", other.OwnerToken)).Code);
        Assert.Equal(404, (await _api.PostAsync("/api/v1/api-keys", new { name = "x", member_id = memberId }, other.OwnerToken)).Code);
        Assert.Equal(401, (await _api.GetAsync("/api/v1/api-keys")).Code);
        var missingName = await _api.PostAsync("/api/v1/api-keys", new { expires_in_days = 5 }, memberToken);
        Assert.Equal("name", missingName.ErrorField);
        var badDays = await _api.PostAsync("/api/v1/api-keys", new { name = "x", expires_in_days = 0 }, memberToken);
        Assert.Equal("expires_in_days", badDays.ErrorField);
        Assert.Equal(200, (await _api.GetAsync("/api/v1/workspaces/current", ws.OwnerToken)).Code);
    }

    [Fact]
    public async Task Rocket_chat_style_credentials_must_name_the_keys_member()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (memberId, _) = await _api.CreateMemberAsync(ws);
        var ok = await _api.GetAsync("/api/v1/workspaces/current", headers: new Dictionary<string, string> { ["X-Auth-Token"] = ws.OwnerToken, ["X-User-Id"] = ws.OwnerId });
        Assert.Equal(200, ok.Code);
        var tokenOnly = await _api.GetAsync("/api/v1/workspaces/current", headers: new Dictionary<string, string> { ["X-Auth-Token"] = ws.OwnerToken });
        Assert.Equal(200, tokenOnly.Code);
        var impostor = await _api.GetAsync("/api/v1/workspaces/current", headers: new Dictionary<string, string> { ["X-Auth-Token"] = ws.OwnerToken, ["X-User-Id"] = memberId });
        Assert.Equal(401, impostor.Code);
    }

    [Fact]
    public async Task Repeated_sign_in_failures_are_throttled_with_retry_after()
    {
        var ws = await _api.CreateWorkspaceAsync(ownerPassword: "owner password");
        var owner = (await _api.GetAsync($"/api/v2/members/{ws.OwnerId}", ws.OwnerToken)).Data.GetProperty("email").GetString();
        for (var i = 0; i < 5; i++)
            Assert.Equal(401, (await _api.PostAsync("/api/v1/auth/login", new { workspace_id = ws.Id, login = owner, password = "wrong" })).Code);

        var throttled = await _api.PostAsync("/api/v1/auth/login", new { workspace_id = ws.Id, login = owner, password = "owner password" });
        Assert.Equal(429, throttled.Code);
        Assert.True(int.Parse(throttled.Message.Headers.GetValues("Retry-After").Single()) > 0);

        server.Clock.Advance(TimeSpan.FromMinutes(16));
        try
        {
            var login = await _api.PostAsync("/api/v1/auth/login", new { workspace_id = ws.Id, login = owner, password = "owner password" });
            Assert.Equal(200, login.Code);
            Assert.Equal(ws.OwnerId, login.Data.GetProperty("member_id").GetString());
        }
        finally
        {
            server.Clock.Advance(-TimeSpan.FromMinutes(16));
        }
    }

    [Fact]
    public async Task Parallel_guesses_share_the_limit_and_the_right_password_after_them_gets_no_extra_chance()
    {
        var ws = await _api.CreateWorkspaceAsync(ownerPassword: "owner password");
        var owner = (await _api.GetAsync($"/api/v2/members/{ws.OwnerId}", ws.OwnerToken)).Data.GetProperty("email").GetString();
        var guesses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => _api.PostAsync("/api/v1/auth/login",
            new { workspace_id = ws.Id, login = owner, password = $"guess {i}" })));
        // Only five passwords were checked; every other guess was refused before its password was looked at.
        Assert.Equal(5, guesses.Count(g => g.Code == 401));
        Assert.Equal(25, guesses.Count(g => g.Code == 429));
        Assert.All(guesses.Where(g => g.Code == 429), g => Assert.True(g.Message.Headers.Contains("Retry-After")));
        var right = await _api.PostAsync("/api/v1/auth/login", new { workspace_id = ws.Id, login = owner, password = "owner password" });
        Assert.Equal(429, right.Code);
    }

    [Fact]
    public async Task Sign_in_validates_its_fields()
    {
        var missing = await _api.PostAsync("/api/v1/auth/login", new { login = "a", password = "b" });
        Assert.Equal(400, missing.Code);
        Assert.Equal("workspace_id", missing.ErrorField);
        Assert.Equal(400, (await _api.PostAsync("/api/v1/auth/login", "{not json")).Code);
    }

    [Fact]
    public async Task Unknown_routes_get_a_json_404_and_the_openapi_document_is_served()
    {
        var missing = await _api.GetAsync("/api/v9/nothing");
        Assert.Equal(404, missing.Code);
        Assert.False(missing.Json.GetProperty("success").GetBoolean());
        var openApi = await _api.GetAsync("/api/openapi.json");
        Assert.Equal(200, openApi.Code);
        Assert.True(openApi.Json.GetProperty("paths").TryGetProperty("/api/v2/members/{memberId}", out _));
    }
}

public sealed class ServerWithoutAdminKeyTests(ServerWithoutAdminKeyFactory server) : IClassFixture<ServerWithoutAdminKeyFactory>
{
    [Fact]
    public async Task Workspace_creation_is_disabled_and_a_demo_workspace_exists()
    {
        var api = server.Api();
        var response = await api.PostAsync("/api/v1/workspaces",
            new { name = "X", timezone = "UTC", owner = new { email = "a@b.co", firstname = "A", lastname = "B" } },
            headers: new Dictionary<string, string> { ["X-Admin-Key"] = "anything" });
        Assert.Equal(403, response.Code);
        var store = (TimeTracker.Core.Workspaces.IWorkspaceStore)server.Services.GetService(typeof(TimeTracker.Core.Workspaces.IWorkspaceStore))!;
        Assert.Single(await store.ListAsync());
    }
}

public sealed class AccessApiTestsOnSqlite(ServerFactory server) : AccessApiTests<ServerFactory>(server);

public sealed class AccessApiTestsOnCosmos(CosmosServerFactory server) : AccessApiTests<CosmosServerFactory>(server);

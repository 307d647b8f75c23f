using System.Text.Json;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

public abstract class TeamApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly ApiClient _api = server.Api();

    [Fact]
    public async Task Teams_can_be_created_read_renamed_listed_and_deleted_which_unassigns_members()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var created = await _api.PostAsync("/api/v2/teams", new { workspace_id = ws.Id, name = "Development Team" }, ws.OwnerToken);
        Assert.Equal(201, created.Code);
        var id = created.Data.GetProperty("id").GetString()!;
        Assert.Equal(["id", "name"], created.Data.EnumerateObject().Select(p => p.Name).ToArray());
        var (member, _) = await _api.CreateMemberAsync(ws, teamId: id);

        Assert.Equal("Development Team", (await _api.GetAsync($"/api/v2/teams/{id}", ws.OwnerToken)).Data.GetProperty("name").GetString());
        Assert.Equal(200, (await _api.PutAsync($"/api/v2/teams/{id}", new { name = "Platform" }, ws.OwnerToken)).Code);
        Assert.Equal("Platform", (await _api.GetAsync("/api/v2/teams", ws.OwnerToken)).Data[0].GetProperty("name").GetString());
        Assert.Equal("Platform", (await _api.GetAsync($"/api/v2/members/{member}", ws.OwnerToken)).Data.GetProperty("team_name").GetString());

        Assert.Equal(200, (await _api.DeleteAsync($"/api/v2/teams/{id}", ws.OwnerToken)).Code);
        Assert.Equal(404, (await _api.GetAsync($"/api/v2/teams/{id}", ws.OwnerToken)).Code);
        Assert.Equal(JsonValueKind.Null, (await _api.GetAsync($"/api/v2/members/{member}", ws.OwnerToken)).Data.GetProperty("team_id").ValueKind);
    }

    [Fact]
    public async Task Validation_and_unknown_team_references()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var missingName = await _api.PostAsync("/api/v2/teams", new { }, ws.OwnerToken);
        Assert.Equal(400, missingName.Code);
        Assert.Equal("name", missingName.ErrorField);
        var wrongType = await _api.PostAsync("/api/v2/teams", new { name = 5 }, ws.OwnerToken);
        Assert.Equal("name", wrongType.ErrorField);
        Assert.Equal(0, (await _api.GetAsync("/api/v2/teams", ws.OwnerToken)).Data.GetArrayLength());

        var (member, _) = await _api.CreateMemberAsync(ws);
        var badTeam = await _api.PutAsync($"/api/v2/members/{member}", new { team_id = Guid.NewGuid().ToString() }, ws.OwnerToken);
        Assert.Equal(404, badTeam.Code);
        Assert.Equal("team_id", badTeam.ErrorField);
    }

    [Theory]
    [InlineData("GET", "/api/v2/teams")]
    [InlineData("POST", "/api/v2/teams")]
    [InlineData("GET", "/api/v2/teams/{id}")]
    [InlineData("PUT", "/api/v2/teams/{id}")]
    [InlineData("DELETE", "/api/v2/teams/{id}")]
    public async Task Every_team_endpoint_enforces_auth_role_and_workspace(string method, string route)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var team = (await _api.PostAsync("/api/v2/teams", new { name = "T" }, ws.OwnerToken)).Data.GetProperty("id").GetString()!;
        var (_, regular) = await _api.CreateMemberAsync(ws, "Team manager", team);
        var url = route.Replace("{id}", team);
        var body = method is "POST" or "PUT" ? new { name = "Renamed" } : null;
        var verb = new HttpMethod(method);

        Assert.Equal(401, (await _api.SendAsync(verb, url, body)).Code);
        Assert.Equal(403, (await _api.SendAsync(verb, url, body, regular)).Code);
        var other = await _api.CreateWorkspaceAsync();
        if (route.Contains("{id}")) Assert.Equal(404, (await _api.SendAsync(verb, url, body, other.OwnerToken)).Code);
        Assert.Equal("T", (await _api.GetAsync($"/api/v2/teams/{team}", ws.OwnerToken)).Data.GetProperty("name").GetString());
    }
}

public sealed class TeamApiTestsOnSqlite(ServerFactory server) : TeamApiTests<ServerFactory>(server);

public sealed class TeamApiTestsOnCosmos(CosmosServerFactory server) : TeamApiTests<CosmosServerFactory>(server);

using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

/// <summary>
/// The rank rule (docs/ARCHITECTURE.md): acting on another member's account requires outranking them, and only an
/// owner acts on an owner. Every action that touches an account, for every pair of actor and target role, on both
/// stores: allowed cells succeed; refused cells are 403 and leave the target exactly as it was (its key still works).
/// </summary>
public abstract class RankMatrixTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly ApiClient _api = server.Api();

    private static readonly string[] Actors = ["Owner", "Executive manager", "Team manager"];
    private static readonly string[] Targets = ["Owner", "Executive manager", "Regular User"];

    private static int Rank(string role) => role switch { "Owner" => 2, "Executive manager" => 1, _ => 0 };

    private static bool Allowed(string actor, string target) =>
        actor is "Owner" or "Executive manager" && (Rank(actor) > Rank(target) || actor == "Owner");

    /// <summary>Each action on the target's account; restore runs on a target the owner deleted first.</summary>
    private static readonly Dictionary<string, Func<ApiClient, string, string, string, Task<ApiResponse>>> Actions = new()
    {
        ["mint a key"] = (api, token, id, _) => api.PostAsync("/api/v1/api-keys", new { name = "takeover", member_id = id }, token),
        ["revoke a key"] = (api, token, _, targetToken) => api.DeleteAsync($"/api/v1/api-keys/{KeyId(targetToken)}", token),
        ["set the password"] = (api, token, id, _) => api.PutAsync($"/api/v2/ext/users/{id}", new { password = "new password 1" }, token),
        ["set the email"] = (api, token, id, _) => api.PutAsync($"/api/v2/members/{id}", new { email = $"{Guid.NewGuid():N}@evil.test" }, token),
        ["set the username"] = (api, token, id, _) => api.PutAsync($"/api/v2/members/{id}", new { username = $"u{Guid.NewGuid():N}" }, token),
        ["change the role"] = (api, token, id, _) => api.PutAsync($"/api/v2/members/{id}", new { role = "Regular User" }, token),
        ["drop the admin flag"] = (api, token, id, _) => api.PutAsync($"/api/v2/ext/users/{id}", new { admin = false }, token),
        ["block"] = (api, token, id, _) => api.PutAsync($"/api/v2/members/{id}", new { is_blocked = true }, token),
        ["edit the profile"] = (api, token, id, _) => api.PutAsync($"/api/v2/members/{id}", new { title = "Renamed" }, token),
        ["delete as member"] = (api, token, id, _) => api.DeleteAsync($"/api/v2/members/{id}", token),
        ["delete as user"] = (api, token, id, _) => api.DeleteAsync($"/api/v2/ext/users/{id}", token),
        ["restore"] = (api, token, id, _) => api.PostAsync($"/api/v2/members/{id}/restore", null, token),
    };

    public static TheoryData<string, string, string> Cells()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var action in Actions.Keys)
            foreach (var actor in Actors)
                foreach (var target in Targets)
                    data.Add(action, actor, target);
        return data;
    }

    private static string KeyId(string token) => token.Split('_')[1];

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Acting_on_another_members_account_requires_outranking_them(string action, string actor, string target)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (_, actorToken) = actor == "Owner" ? (ws.OwnerId, ws.OwnerToken) : await _api.CreateMemberAsync(ws, actor);
        var (targetId, targetToken) = await _api.CreateMemberAsync(ws, target);
        if (action == "restore") Assert.Equal(200, (await _api.DeleteAsync($"/api/v2/members/{targetId}", ws.OwnerToken)).Code);
        var before = await _api.GetAsync($"/api/v2/members/{targetId}", ws.OwnerToken);

        var response = await Actions[action](_api, actorToken, targetId, targetToken);

        if (Allowed(actor, target))
        {
            Assert.True(response.Code is >= 200 and < 300, $"{actor} → {target}, {action}: {response}");
            return;
        }
        Assert.True(response.Code == 403, $"{actor} → {target}, {action}: {response}");
        var after = await _api.GetAsync($"/api/v2/members/{targetId}", ws.OwnerToken);
        Assert.Equal(Comparable(before), Comparable(after));
        if (action != "restore") Assert.Equal(200, (await _api.GetAsync("/api/v1/workspaces/current", targetToken)).Code);
        Assert.Single((await _api.GetAsync($"/api/v1/api-keys?member_id={targetId}", ws.OwnerToken)).Data.EnumerateArray());
    }

    private static string Comparable(ApiResponse member) => member.Data.ToString();

    [Fact]
    public async Task An_executive_manager_cannot_reach_the_owner_role_by_any_path()
    {
        var ws = await _api.CreateWorkspaceAsync(ownerPassword: "owner password");
        var (execId, execToken) = await _api.CreateMemberAsync(ws, "Executive manager");
        Assert.Equal(403, (await _api.PutAsync($"/api/v2/members/{execId}", new { role = "Owner" }, execToken)).Code);
        var invite = await _api.PostAsync("/api/v2/members", new { email = "x@y.test", firstname = "X", lastname = "Y", role = "Owner" }, execToken);
        Assert.Equal(403, invite.Code);
        var ownerKey = await _api.PostAsync("/api/v1/api-keys", new { name = "x", member_id = ws.OwnerId }, execToken);
        Assert.Equal(403, ownerKey.Code);
        Assert.Equal(403, (await _api.PutAsync($"/api/v2/ext/users/{ws.OwnerId}", new { password = "attacker pass" }, execToken)).Code);
        var owner = (await _api.GetAsync($"/api/v2/members/{ws.OwnerId}", ws.OwnerToken)).Data.GetProperty("email").GetString();
        var signIn = await _api.PostAsync("/api/v1/auth/login", new { workspace_id = ws.Id, login = owner, password = "attacker pass" });
        Assert.Equal(401, signIn.Code);
        Assert.Equal("Executive manager", (await _api.GetAsync($"/api/v2/members/{execId}", ws.OwnerToken)).Data.GetProperty("current_role").GetString());
        // An executive manager may still grant their own rank to someone below it.
        var (regularId, _) = await _api.CreateMemberAsync(ws);
        Assert.Equal(200, (await _api.PutAsync($"/api/v2/members/{regularId}", new { role = "Executive manager" }, execToken)).Code);
    }
}

public sealed class RankMatrixTestsOnSqlite(ServerFactory server) : RankMatrixTests<ServerFactory>(server);

public sealed class RankMatrixTestsOnCosmos(CosmosServerFactory server) : RankMatrixTests<CosmosServerFactory>(server);

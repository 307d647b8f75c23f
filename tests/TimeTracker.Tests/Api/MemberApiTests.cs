using System.Text.Json;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

public abstract class MemberApiTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : ServerFactory
{
    private readonly ApiClient _api = server.Api();

    private static readonly string[] SeedMemberFields =
    [
        "id", "email", "firstname", "lastname", "avatar", "current_role", "timezone", "status", "team_name", "title",
        "birth_date", "hired_at", "preferred_timezone", "settings_max_inactive_minutes", "currency", "rate", "rate_type",
        "rate_status", "tax_country", "tax_state", "is_blocked", "weekly_hours_limit", "screenshots", "created_at",
        "updated_at", "deleted_at",
    ];

    private async Task<int> CountMembersAsync(TestWorkspace ws)
    {
        var list = await _api.GetAsync($"/api/v2/members?workspace_id={ws.Id}&status=active,invited,deleted&per_page=200", ws.OwnerToken);
        return list.Data.GetArrayLength();
    }

    private async Task<string> InviteAsync(TestWorkspace ws, string email, string role = "Regular User")
    {
        var response = await _api.PostAsync("/api/v2/members", new { workspace_id = ws.Id, email, firstname = "John", lastname = "Doe", role }, ws.OwnerToken);
        Assert.True(response.Code == 201, response.ToString());
        return response.Data.GetProperty("user_id").GetString()!;
    }

    [Fact]
    public async Task Invite_with_the_seed_example_returns_the_seed_shape()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var response = await _api.PostAsync("/api/v2/members",
            new { workspace_id = ws.Id, email = "john.doe@example.com", firstname = "John", lastname = "Doe", role = "Regular User" }, ws.OwnerToken);

        Assert.Equal(201, response.Code);
        Assert.True(response.Json.GetProperty("success").GetBoolean());
        Assert.Equal("Member invited successfully", response.Json.GetProperty("message").GetString());
        Assert.True(Guid.TryParse(response.Data.GetProperty("user_id").GetString(), out _));
        Assert.Contains("/api/v2/invitations/", response.Data.GetProperty("invitation_link").GetString());
        var meta = response.Json.GetProperty("meta");
        Assert.Equal("2.0.0", meta.GetProperty("api_version").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", meta.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Get_returns_every_field_of_the_seed_member_object_plus_team_and_username()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var id = await InviteAsync(ws, "get@example.com");

        var response = await _api.GetAsync($"/api/v2/members/{id}?workspace_id={ws.Id}", ws.OwnerToken);

        Assert.Equal(200, response.Code);
        Assert.Equal("Member retrieved successfully", response.Json.GetProperty("message").GetString());
        var names = response.Data.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal([.. SeedMemberFields, "team_id", "username"], names);
        Assert.Equal("invited", response.Data.GetProperty("status").GetString());
        Assert.Equal("Regular User", response.Data.GetProperty("current_role").GetString());
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("deleted_at").ValueKind);
    }

    [Fact]
    public async Task Put_with_the_seed_example_updates_only_the_fields_sent()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var id = await InviteAsync(ws, "put@example.com");
        var seeded = await _api.PutAsync($"/api/v2/members/{id}", new { avatar = "avatar.jpg", title = "Senior Developer, Manager" }, ws.OwnerToken);
        Assert.Equal(200, seeded.Code);

        var response = await _api.PutAsync($"/api/v2/members/{id}", new
        {
            workspace_id = ws.Id, email = "john.doe@example.com", firstname = "John", lastname = "Doe", timezone = "America/New_York",
            role = "Team manager", rate_status = 1, weekly_hours_limit = 40, remove_avatar = 1,
        }, ws.OwnerToken);

        Assert.Equal(200, response.Code);
        Assert.Equal("Member updated successfully", response.Json.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, response.Data.ValueKind);
        var member = (await _api.GetAsync($"/api/v2/members/{id}", ws.OwnerToken)).Data;
        Assert.Equal("john.doe@example.com", member.GetProperty("email").GetString());
        Assert.Equal("America/New_York", member.GetProperty("timezone").GetString());
        Assert.Equal("Team manager", member.GetProperty("current_role").GetString());
        Assert.Equal(40, member.GetProperty("weekly_hours_limit").GetInt32());
        Assert.Equal(JsonValueKind.Null, member.GetProperty("avatar").ValueKind);
        Assert.Equal("Senior Developer, Manager", member.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Delete_soft_deletes_and_revokes_keys_for_good_and_restore_needs_a_new_key()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (id, token) = await _api.CreateMemberAsync(ws);
        Assert.Equal(200, (await _api.GetAsync("/api/v1/workspaces/current", token)).Code);

        var deleted = await _api.DeleteAsync($"/api/v2/members/{id}", ws.OwnerToken, new { workspace_id = ws.Id });
        Assert.Equal(200, deleted.Code);
        Assert.Equal("Member deleted successfully", deleted.Json.GetProperty("message").GetString());
        Assert.Equal(401, (await _api.GetAsync("/api/v1/workspaces/current", token)).Code);
        var member = (await _api.GetAsync($"/api/v2/members/{id}", ws.OwnerToken)).Data;
        Assert.Equal("deleted", member.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, member.GetProperty("deleted_at").ValueKind);
        var defaultList = await _api.GetAsync("/api/v2/members", ws.OwnerToken);
        Assert.DoesNotContain(defaultList.Data.EnumerateArray(), m => m.GetProperty("id").GetString() == id);

        var restored = await _api.PostAsync($"/api/v2/members/{id}/restore", new { workspace_id = ws.Id }, ws.OwnerToken);
        Assert.Equal(200, restored.Code);
        Assert.Equal("Member restored successfully", restored.Json.GetProperty("message").GetString());
        Assert.Equal("active", (await _api.GetAsync($"/api/v2/members/{id}", ws.OwnerToken)).Data.GetProperty("status").GetString());
        // Keys revoked by the deletion stay revoked; a key minted after the restore works.
        Assert.Equal(401, (await _api.GetAsync("/api/v1/workspaces/current", token)).Code);
        var fresh = await _api.PostAsync("/api/v1/api-keys", new { name = "after restore", member_id = id }, ws.OwnerToken);
        Assert.Equal(201, fresh.Code);
        Assert.Equal(200, (await _api.GetAsync("/api/v1/workspaces/current", fresh.Data.GetProperty("token").GetString())).Code);
    }

    [Fact]
    public async Task Restoring_a_deleted_invitee_makes_them_invited_again()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var id = await InviteAsync(ws, "invitee@example.com");
        Assert.Equal(200, (await _api.DeleteAsync($"/api/v2/members/{id}", ws.OwnerToken)).Code);
        Assert.Equal(200, (await _api.PostAsync($"/api/v2/members/{id}/restore", null, ws.OwnerToken)).Code);
        Assert.Equal("invited", (await _api.GetAsync($"/api/v2/members/{id}", ws.OwnerToken)).Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_last_owner_cannot_be_deleted_or_demoted_but_one_of_two_can()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var deleteLast = await _api.DeleteAsync($"/api/v2/members/{ws.OwnerId}", ws.OwnerToken);
        Assert.Equal(409, deleteLast.Code);
        var demoteLast = await _api.PutAsync($"/api/v2/members/{ws.OwnerId}", new { role = "Regular User" }, ws.OwnerToken);
        Assert.Equal(409, demoteLast.Code);
        Assert.Equal("role", demoteLast.ErrorField);

        var (second, _) = await _api.CreateMemberAsync(ws, "Owner");
        Assert.Equal(200, (await _api.DeleteAsync($"/api/v2/members/{second}", ws.OwnerToken)).Code);
        Assert.Equal(409, (await _api.DeleteAsync($"/api/v2/members/{ws.OwnerId}", ws.OwnerToken)).Code);
    }

    [Fact]
    public async Task Only_an_owner_can_grant_the_owner_role()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (_, executive) = await _api.CreateMemberAsync(ws, "Executive manager");
        var (regular, _) = await _api.CreateMemberAsync(ws);
        var response = await _api.PutAsync($"/api/v2/members/{regular}", new { role = "Owner" }, executive);
        Assert.Equal(403, response.Code);
        Assert.Equal("Regular User", (await _api.GetAsync($"/api/v2/members/{regular}", ws.OwnerToken)).Data.GetProperty("current_role").GetString());
    }

    public static TheoryData<string, string> InvalidInvites => new()
    {
        { """{"email":"x@example.com","firstname":"A","lastname":"B"}""", "role" },
        { """{"email":"x@example.com","firstname":"A","lastname":"B","role":"Boss"}""", "role" },
        { """{"email":"not-an-email","firstname":"A","lastname":"B","role":"Regular User"}""", "email" },
        { """{"firstname":"A","lastname":"B","role":"Regular User"}""", "email" },
        { """{"email":"x@example.com","firstname":42,"lastname":"B","role":"Regular User"}""", "firstname" },
        { """{"email":"x@example.com","firstname":"A","lastname":"","role":"Regular User"}""", "lastname" },
        { """{"email":["x@example.com"],"firstname":"A","lastname":"B","role":"Regular User"}""", "email" },
        { """{"email":"x@example.com","firstname":"A","lastname":"B","role":"Regular User","timezone":"Mars/Base"}""", "timezone" },
        { """{"email":"x@example.com","firstname":"A","lastname":"B","role":7}""", "role" },
        { """{"email":"x@example.com", "firstname":""", "body" },
        { """["not","an","object"]""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidInvites))]
    public async Task Invalid_invites_get_400_naming_the_field_and_write_nothing(string body, string field)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var before = await CountMembersAsync(ws);

        var response = await _api.PostAsync("/api/v2/members", body, ws.OwnerToken);

        Assert.Equal(400, response.Code);
        Assert.False(response.Json.GetProperty("success").GetBoolean());
        Assert.Equal(field, response.ErrorField);
        Assert.Contains(field, response.Json.GetProperty("message").GetString());
        Assert.Equal(before, await CountMembersAsync(ws));
    }

    public static TheoryData<string, string> InvalidUpdates => new()
    {
        { """{"timezone":"Nowhere/Land"}""", "timezone" },
        { """{"role":"Boss"}""", "role" },
        { """{"email":"bad"}""", "email" },
        { """{"weekly_hours_limit":"forty"}""", "weekly_hours_limit" },
        { """{"weekly_hours_limit":500}""", "weekly_hours_limit" },
        { """{"rate_status":"yes"}""", "rate_status" },
        { """{"birth_date":"01/01/1990"}""", "birth_date" },
        { """{"is_blocked":"no"}""", "is_blocked" },
        { """{"currency":"dollars"}""", "currency" },
    };

    [Theory]
    [MemberData(nameof(InvalidUpdates))]
    public async Task Invalid_updates_get_400_naming_the_field_and_change_nothing(string body, string field)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var id = await InviteAsync(ws, "update@example.com");
        var before = (await _api.GetAsync($"/api/v2/members/{id}", ws.OwnerToken)).Data.ToString();

        var response = await _api.PutAsync($"/api/v2/members/{id}", body, ws.OwnerToken);

        Assert.Equal(400, response.Code);
        Assert.Equal(field, response.ErrorField);
        Assert.Equal(before, (await _api.GetAsync($"/api/v2/members/{id}", ws.OwnerToken)).Data.ToString());
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_refused_with_413_and_nothing_written()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var before = await CountMembersAsync(ws);
        var huge = JsonSerializer.Serialize(new { email = "big@example.com", firstname = new string('a', 1_100_000), lastname = "B", role = "Regular User" });

        var response = await _api.PostAsync("/api/v2/members", huge, ws.OwnerToken);

        Assert.Equal(413, response.Code);
        Assert.Equal("body", response.ErrorField);
        Assert.Equal(before, await CountMembersAsync(ws));
    }

    [Fact]
    public async Task Emails_are_unique_per_workspace_ignoring_case_but_not_across_workspaces()
    {
        var ws = await _api.CreateWorkspaceAsync();
        await InviteAsync(ws, "Same@Example.com");
        var duplicate = await _api.PostAsync("/api/v2/members", new { email = "same@example.COM", firstname = "A", lastname = "B", role = "Regular User" }, ws.OwnerToken);
        Assert.Equal(409, duplicate.Code);
        Assert.Equal("email", duplicate.ErrorField);

        var other = await _api.CreateWorkspaceAsync();
        await InviteAsync(other, "same@example.com");
    }

    [Fact]
    public async Task Parallel_invites_of_one_email_let_exactly_one_succeed()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var attempts = Enumerable.Range(0, 12).Select(i => _api.PostAsync("/api/v2/members",
            new { email = i % 2 == 0 ? "race@example.com" : "RACE@example.com", firstname = "R", lastname = $"{i}", role = "Regular User" }, ws.OwnerToken));

        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r.Code == 201));
        Assert.Equal(11, results.Count(r => r.Code == 409));
    }

    [Fact]
    public async Task Paging_visits_every_member_exactly_once_while_members_are_added()
    {
        var ws = await _api.CreateWorkspaceAsync();
        for (var i = 0; i < 11; i++) await InviteAsync(ws, $"page{i}@example.com");
        var seen = new List<string>();
        string? token = null;
        var added = 0;
        do
        {
            var url = $"/api/v2/members?workspace_id={ws.Id}&per_page=4" + (token is null ? "" : $"&page_token={token}");
            var page = await _api.GetAsync(url, ws.OwnerToken);
            Assert.Equal(200, page.Code);
            seen.AddRange(page.Data.EnumerateArray().Select(m => m.GetProperty("id").GetString()!));
            var pagination = page.Json.GetProperty("meta").GetProperty("pagination");
            Assert.Equal(4, pagination.GetProperty("per_page").GetInt32());
            token = pagination.GetProperty("next_page_token").GetString();
            Assert.Equal(token is not null, pagination.GetProperty("has_more").GetBoolean());
            if (added < 3) { await InviteAsync(ws, $"late{added}@example.com"); added++; }
        } while (token is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(1 + 11 + 3, seen.Count);
    }

    [Fact]
    public async Task Filters_select_by_status_role_team_and_search()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var team = (await _api.PostAsync("/api/v2/teams", new { name = "Development Team" }, ws.OwnerToken)).Data.GetProperty("id").GetString()!;
        var (manager, _) = await _api.CreateMemberAsync(ws, "Team manager", team);
        var invited = await InviteAsync(ws, "findme.please@example.com");
        var deleted = await InviteAsync(ws, "gone@example.com");
        await _api.DeleteAsync($"/api/v2/members/{deleted}", ws.OwnerToken);

        async Task<string[]> Ids(string query) =>
            (await _api.GetAsync($"/api/v2/members?{query}", ws.OwnerToken)).Data.EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToArray();

        Assert.Equal([manager], await Ids("role=Team%20manager"));
        Assert.Equal([manager], await Ids($"team_id={team}"));
        Assert.Equal([invited], await Ids("status=invited"));
        Assert.Equal([deleted], await Ids("status=deleted"));
        Assert.Equal([invited], await Ids("search=FINDME"));
        Assert.DoesNotContain(deleted, await Ids(""));
        var withTeam = (await _api.GetAsync($"/api/v2/members?team_id={team}", ws.OwnerToken)).Data[0];
        Assert.Equal("Development Team", withTeam.GetProperty("team_name").GetString());
    }

    [Theory]
    [InlineData("per_page=0", "per_page")]
    [InlineData("per_page=201", "per_page")]
    [InlineData("per_page=ten", "per_page")]
    [InlineData("status=archived", "status")]
    [InlineData("role=Boss", "role")]
    [InlineData("page_token=garbage!", "page_token")]
    public async Task Invalid_list_parameters_get_400_naming_them(string query, string field)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var response = await _api.GetAsync($"/api/v2/members?{query}", ws.OwnerToken);
        Assert.Equal(400, response.Code);
        Assert.Equal(field, response.ErrorField);
    }

    [Theory]
    [InlineData("GET", "/api/v2/members")]
    [InlineData("POST", "/api/v2/members")]
    [InlineData("GET", "/api/v2/members/{id}")]
    [InlineData("PUT", "/api/v2/members/{id}")]
    [InlineData("DELETE", "/api/v2/members/{id}")]
    [InlineData("POST", "/api/v2/members/{id}/restore")]
    public async Task Every_member_endpoint_requires_credentials_a_manager_role_and_the_callers_workspace(string method, string route)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var target = await InviteAsync(ws, "target@example.com");
        var url = route.Replace("{id}", target);
        var body = method is "POST" or "PUT" ? new { email = "n@example.com", firstname = "N", lastname = "N", role = "Regular User" } : null;

        Assert.Equal(401, (await _api.SendAsync(new HttpMethod(method), url, body)).Code);
        Assert.Equal(401, (await _api.SendAsync(new HttpMethod(method), url, body, "ttk_not-a-token")).Code);
        var wrongSecret = ws.OwnerToken[..^4] + "AAAA";
        Assert.Equal(401, (await _api.SendAsync(new HttpMethod(method), url, body, wrongSecret)).Code);

        foreach (var role in new[] { "Regular User", "Team manager", "Project manager", "Project viewer" })
        {
            var (_, token) = await _api.CreateMemberAsync(ws, role);
            var forbidden = await _api.SendAsync(new HttpMethod(method), url, body, token);
            Assert.True(forbidden.Code == 403, $"{role}: {forbidden}");
        }

        var other = await _api.CreateWorkspaceAsync();
        var crossWorkspace = await _api.SendAsync(new HttpMethod(method), url, body, other.OwnerToken);
        Assert.True(crossWorkspace.Code == (route.Contains("{id}") ? 404 : 201) || (method == "GET" && !route.Contains("{id}") && crossWorkspace.Code == 200), crossWorkspace.ToString());
        Assert.Equal("invited", (await _api.GetAsync($"/api/v2/members/{target}", ws.OwnerToken)).Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_workspace_id_other_than_the_callers_is_403()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var other = await _api.CreateWorkspaceAsync();
        Assert.Equal(403, (await _api.GetAsync($"/api/v2/members?workspace_id={other.Id}", ws.OwnerToken)).Code);
        var invite = await _api.PostAsync("/api/v2/members", new { workspace_id = other.Id, email = "w@example.com", firstname = "A", lastname = "B", role = "Regular User" }, ws.OwnerToken);
        Assert.Equal(403, invite.Code);
        Assert.Equal(1, await CountMembersAsync(ws));
        Assert.Equal(1, await CountMembersAsync(other));
    }

    [Fact]
    public async Task Invitation_acceptance_activates_the_member_once()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var invite = await _api.PostAsync("/api/v2/members", new { email = "join@example.com", firstname = "J", lastname = "Oin", role = "Regular User" }, ws.OwnerToken);
        var link = new Uri(invite.Data.GetProperty("invitation_link").GetString()!).AbsolutePath;

        var tooShort = await _api.PostAsync(link, new { password = "short" });
        Assert.Equal(400, tooShort.Code);
        Assert.Equal("password", tooShort.ErrorField);

        var accepted = await _api.PostAsync(link, new { password = "long enough password", username = "joiner" });
        Assert.Equal(200, accepted.Code);
        var token = accepted.Data.GetProperty("token").GetString()!;
        Assert.Equal(200, (await _api.GetAsync("/api/v1/workspaces/current", token)).Code);
        var member = (await _api.GetAsync($"/api/v2/members/{invite.Data.GetProperty("user_id").GetString()}", ws.OwnerToken)).Data;
        Assert.Equal("active", member.GetProperty("status").GetString());
        Assert.Equal("joiner", member.GetProperty("username").GetString());

        Assert.Equal(410, (await _api.PostAsync(link, new { password = "another password" })).Code);
        Assert.Equal(404, (await _api.PostAsync("/api/v2/invitations/unknown-token/accept", new { password = "long enough password" })).Code);
    }

    [Fact]
    public async Task Parallel_accepts_of_one_invitation_give_one_token_and_410_gone_to_the_rest()
    {
        var ws = await _api.CreateWorkspaceAsync();
        for (var race = 0; race < 5; race++)
        {
            var invite = await _api.PostAsync("/api/v2/members",
                new { email = $"race{race}@example.com", firstname = "R", lastname = "Ace", role = "Regular User" }, ws.OwnerToken);
            var link = new Uri(invite.Data.GetProperty("invitation_link").GetString()!).AbsolutePath;
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _api.PostAsync(link, new { password = "long enough password" })));
            Assert.Single(answers, a => a.Code == 200);
            Assert.All(answers.Where(a => a.Code != 200), a => Assert.Equal(410, a.Code));
        }
    }

    [Fact]
    public async Task A_known_route_with_another_verb_is_405_with_allow_in_the_familys_shape()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var members = await _api.SendAsync(HttpMethod.Patch, "/api/v2/members", null, ws.OwnerToken);
        Assert.Equal(405, members.Code);
        Assert.Equal("GET, POST", string.Join(", ", members.Message.Content.Headers.Allow));
        Assert.False(members.Json.GetProperty("success").GetBoolean());
        // TimeTrack's doc shows reads with -d, which makes curl send POST.
        var user = await _api.PostAsync($"/api/v2/ext/users/{ws.OwnerId}", "{}", ws.OwnerToken);
        Assert.Equal(405, user.Code);
        Assert.Equal("GET, PUT, DELETE", string.Join(", ", user.Message.Content.Headers.Allow));
        var attendance = await _api.GetAsync("/api/attendance-events/clock-in", ws.OwnerToken);
        Assert.Equal(405, attendance.Code);
        Assert.Equal("application/problem+json", attendance.Message.Content.Headers.ContentType?.MediaType);
        Assert.Equal(405, attendance.Json.GetProperty("status").GetInt32());
        var analysis = await _api.GetAsync("/api/v1/dashboard/work-time-analysis", ws.OwnerToken);
        Assert.Equal(405, analysis.Json.GetProperty("statusCode").GetInt32());
        var engagement = await _api.PostAsync("/api/v1/engagement-dashboard/users/active-users", "{}", ws.OwnerToken);
        Assert.Equal(405, engagement.Code);
        Assert.False(engagement.Json.GetProperty("success").GetBoolean());
        Assert.Equal(404, (await _api.GetAsync("/api/v2/nothing-here", ws.OwnerToken)).Code);
    }
}

public sealed class MemberApiTestsOnSqlite(ServerFactory server) : MemberApiTests<ServerFactory>(server);

public sealed class MemberApiTestsOnCosmos(CosmosServerFactory server) : MemberApiTests<CosmosServerFactory>(server);

using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Unit;

public sealed class AuthTests
{
    [Fact]
    public void Tokens_round_trip_even_when_the_secret_contains_underscores()
    {
        for (var i = 0; i < 200; i++)
        {
            var token = ApiToken.Create();
            Assert.True(ApiToken.TryParse(token.ToString(), out var parsed));
            Assert.Equal(token, parsed);
        }
        Assert.True(ApiToken.TryParse("ttk_0190a5a4-9c55-7c1e-9000-000000000001_a_b_c", out var t));
        Assert.Equal("a_b_c", t.Secret);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ttk_")]
    [InlineData("ttk_not-a-uuid_secret")]
    [InlineData("ttk_0190a5a4-9c55-7c1e-9000-000000000001_")]
    [InlineData("Bearer ttk_0190a5a4-9c55-7c1e-9000-000000000001_x")]
    public void Malformed_tokens_are_rejected(string? value) => Assert.False(ApiToken.TryParse(value, out _));

    [Fact]
    public void Secret_hashes_match_only_their_secret()
    {
        var hash = SecretHashing.Hash("s3cret");
        Assert.True(SecretHashing.Matches("s3cret", hash));
        Assert.False(SecretHashing.Matches("s3cret!", hash));
        Assert.False(SecretHashing.Matches("s3cret", "not-hex"));
    }

    [Fact]
    public void Passwords_are_salted_pbkdf2_and_verify()
    {
        var a = PasswordHashing.Hash("correct horse");
        var b = PasswordHashing.Hash("correct horse");
        Assert.NotEqual(a, b);
        Assert.StartsWith($"pbkdf2-sha256${PasswordHashing.Iterations}$", a);
        Assert.True(PasswordHashing.Verify("correct horse", a));
        Assert.False(PasswordHashing.Verify("battery staple", a));
        Assert.False(PasswordHashing.Verify("anything", null));
        Assert.False(PasswordHashing.Verify("anything", "garbage"));
    }

    [Fact]
    public void Throttle_lets_five_attempts_through_in_a_window_then_locks_for_the_window()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        LoginAttempts? state = null;
        for (var i = 1; i <= LoginThrottle.MaxAttempts; i++)
        {
            var (next, wait) = LoginThrottle.Attempt(state, now.AddSeconds(i));
            Assert.Null(wait);
            Assert.Equal(i, next.Count);
            state = next;
        }
        var (kept, retryAfter) = LoginThrottle.Attempt(state, now.AddSeconds(6));
        Assert.Same(state, kept);
        Assert.Equal(LoginThrottle.Window - TimeSpan.FromSeconds(1), retryAfter);
        var (fresh, none) = LoginThrottle.Attempt(state, now.AddSeconds(5) + LoginThrottle.Window);
        Assert.Null(none);
        Assert.Equal(new LoginAttempts(1, now.AddSeconds(5) + LoginThrottle.Window, null), fresh);
    }

    [Fact]
    public void Attempts_spread_beyond_the_window_do_not_lock()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        LoginAttempts? state = null;
        for (var i = 0; i < 10; i++)
        {
            var (next, wait) = LoginThrottle.Attempt(state, now);
            Assert.Null(wait);
            state = next;
            now += TimeSpan.FromMinutes(4);
        }
        Assert.True(state!.Count < LoginThrottle.MaxAttempts);
    }

    private static Member Target(string id, string? team) => new()
    {
        WorkspaceId = "w", Id = id, Email = $"{id}@x.y", FirstName = "F", LastName = "L", Role = MemberRole.RegularUser,
        Status = MemberStatus.Active, TeamId = team, CreatedAt = default, UpdatedAt = default,
    };

    [Theory]
    [InlineData(MemberRole.Owner, "other", null, true)]
    [InlineData(MemberRole.ExecutiveManager, "other", null, true)]
    [InlineData(MemberRole.TeamManager, "other", "t1", true)]
    [InlineData(MemberRole.TeamManager, "other", "t2", false)]
    [InlineData(MemberRole.TeamManager, "other", null, false)]
    [InlineData(MemberRole.ProjectManager, "other", "t1", false)]
    [InlineData(MemberRole.RegularUser, "other", "t1", false)]
    [InlineData(MemberRole.RegularUser, "me", "t1", true)]
    public void Tracking_permissions_follow_the_role_table(MemberRole role, string targetId, string? targetTeam, bool allowed)
    {
        var caller = new Caller("w", "me", role, "t1", "k");
        Assert.Equal(allowed, caller.CanTrackFor(Target(targetId, targetTeam)));
    }

    [Fact]
    public void Only_owners_and_executive_managers_manage_members_and_see_engagement()
    {
        foreach (var role in Enum.GetValues<MemberRole>())
        {
            var caller = new Caller("w", "me", role, null, "k");
            var admin = role is MemberRole.Owner or MemberRole.ExecutiveManager;
            Assert.Equal(admin, caller.CanManageMembers());
            Assert.Equal(admin, caller.CanViewEngagementDashboard());
        }
    }

    [Theory]
    [InlineData("Regular User", MemberRole.RegularUser)]
    [InlineData("regular user", MemberRole.RegularUser)]
    [InlineData("Executive manager", MemberRole.ExecutiveManager)]
    [InlineData("Project viewer", MemberRole.ProjectViewer)]
    public void Roles_parse_from_webwork_spelling(string text, MemberRole expected)
    {
        Assert.True(MemberRoles.TryParse(text, out var role));
        Assert.Equal(expected, role);
        Assert.Equal(text, role.ToWireName(), ignoreCase: true);
    }

    [Theory]
    [InlineData("Boss")]
    [InlineData("RegularUser")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_roles_do_not_parse(string? text) => Assert.False(MemberRoles.TryParse(text, out _));

    [Theory]
    [InlineData("1", false)]
    [InlineData("deleted", true)]
    [InlineData("Active", true)]
    [InlineData("archived", false)]
    public void Statuses_parse_by_name_only(string text, bool ok) => Assert.Equal(ok, MemberStatuses.TryParse(text, out _));
}

using System.Text.Json;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Api;

/// <summary>
/// docs/API.md, Work time from activity: the workspace setting, sessions derived from samples alone, gaps at the
/// limit, local midnights and DST days, late samples after a rollup — through the real Server, on both stores.
/// </summary>
public abstract class ActivityModeApiTests<TServer> : IClassFixture<TServer> where TServer : ServerFactory
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TServer _server;
    private readonly ApiClient _api;

    protected ActivityModeApiTests(TServer server)
    {
        _server = server;
        _server.Clock.Set(Now);
        _api = server.Api();
    }

    private sealed record Sample(string Start, string End, string State = "active");

    private async Task PostSamplesAsync(string token, params Sample[] samples)
    {
        var response = await _api.PostAsync("/api/v1/activity",
            new { samples = samples.Select(s => new { id = Guid.NewGuid(), start = s.Start, end = s.End,
                state = s.State }) }, token);
        Assert.True(response.Code == 200, response.ToString());
    }

    private Task<ApiResponse> SetSourceAsync(string token, object body) =>
        _api.PutAsync("/api/v1/workspaces/current", body, token);

    private async Task<TestWorkspace> ActivityWorkspaceAsync(int gap = 10)
    {
        var ws = await _api.CreateWorkspaceAsync();
        var set = await SetSourceAsync(ws.OwnerToken, new { work_time_source = "activity",
            activity_session_gap_minutes = gap });
        Assert.True(set.Code == 200, set.ToString());
        return ws;
    }

    private async Task<JsonElement> AnalyzeAsync(string token, string user, string from, string to, string zone = "UTC")
    {
        var response = await _api.PostAsync("/api/v1/dashboard/work-time-analysis",
            new { startDate = from, endDate = to, timeZone = zone, userId = new[] { user },
                teamId = Array.Empty<string>() }, token);
        Assert.True(response.Code == 200, response.ToString());
        return response.Data[0];
    }

    private static (long Total, long Idle, long Active) Totals(JsonElement row)
    {
        var summary = row.GetProperty("timeSummary");
        return (summary.GetProperty("totalWorkedTimeInSeconds").GetInt64(),
            summary.GetProperty("idleWorkedTimeInSeconds").GetInt64(),
            summary.GetProperty("activeWorkedTimeInSeconds").GetInt64());
    }

    private static (string? In, string? Out, bool Working) Session(JsonElement row)
    {
        var session = row.GetProperty("session");
        static string? Text(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null
            : e.GetDateTimeOffset().ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ");
        return (Text(session.GetProperty("inTime")), Text(session.GetProperty("outTime")),
            session.GetProperty("isWorking").GetBoolean());
    }

    [Fact]
    public async Task The_setting_defaults_to_attendance_is_validated_and_only_owners_and_executive_managers_change_it()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var current = await _api.GetAsync("/api/v1/workspaces/current", ws.OwnerToken);
        Assert.Equal("attendance", current.Data.GetProperty("work_time_source").GetString());
        Assert.Equal(10, current.Data.GetProperty("activity_session_gap_minutes").GetInt32());

        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { work_time_source = "tracker" }, "work_time_source"), (new { work_time_source = 1 },
                         "work_time_source"),
                     (new { work_time_source = (string?)null }, "work_time_source"),
                     (new { activity_session_gap_minutes = 0 }, "activity_session_gap_minutes"),
                     (new { activity_session_gap_minutes = 121 }, "activity_session_gap_minutes"),
                     (new { activity_session_gap_minutes = "10" }, "activity_session_gap_minutes"),
                 })
        {
            var rejected = await SetSourceAsync(ws.OwnerToken, body);
            Assert.True(rejected.Code == 400 && rejected.ErrorField == field, rejected.ToString());
        }
        var (_, regular) = await _api.CreateMemberAsync(ws);
        var (_, teamManager) = await _api.CreateMemberAsync(ws, role: "Team manager");
        Assert.Equal(403, (await SetSourceAsync(regular, new { work_time_source = "activity" })).Code);
        Assert.Equal(403, (await SetSourceAsync(teamManager, new { work_time_source = "activity" })).Code);
        Assert.Equal(401, (await SetSourceAsync("ttk_nope_nope", new { work_time_source = "activity" })).Code);
        Assert.Equal("attendance", (await _api.GetAsync("/api/v1/workspaces/current",
            ws.OwnerToken)).Data.GetProperty("work_time_source").GetString());

        var (_, executive) = await _api.CreateMemberAsync(ws, role: "Executive manager");
        var set = await SetSourceAsync(executive, new { work_time_source = "activity",
            activity_session_gap_minutes = 15 });
        Assert.Equal(200, set.Code);
        Assert.Equal(("activity", 15), (set.Data.GetProperty("work_time_source").GetString(),
            set.Data.GetProperty("activity_session_gap_minutes").GetInt32()));
        var other = await _api.CreateWorkspaceAsync();
        Assert.Equal("attendance", (await _api.GetAsync("/api/v1/workspaces/current",
            other.OwnerToken)).Data.GetProperty("work_time_source").GetString());
    }

    [Fact]
    public async Task Switching_the_mode_derives_sessions_from_samples_already_stored_and_switching_back_ignores_them()
    {
        var ws = await _api.CreateWorkspaceAsync();
        var (user, token) = await _api.CreateMemberAsync(ws);
        await PostSamplesAsync(token, new Sample("2026-02-10T09:00:00Z", "2026-02-10T10:00:00Z"),
            new Sample("2026-02-10T10:05:00Z", "2026-02-10T10:35:00Z", "idle"));
        await _api.RunJobAsync("rollup");
        Assert.Equal((0L, 0L, 0L), Totals(await AnalyzeAsync(ws.OwnerToken, user, "2026-02-10 00:00:00",
            "2026-02-10 23:59:59")));

        Assert.Equal(200, (await SetSourceAsync(ws.OwnerToken, new { work_time_source = "activity" })).Code);
        foreach (var pass in new[] { "raw", "rollup" })
        {
            if (pass == "rollup") await _api.RunJobAsync("rollup");
            var row = await AnalyzeAsync(ws.OwnerToken, user, "2026-02-10 00:00:00", "2026-02-10 23:59:59");
            // 09:00–10:35: 95 minutes, of which the 30-minute idle sample and the 5-minute pause are idle.
            Assert.Equal((5700L, 2100L, 3600L), Totals(row));
            Assert.Equal(("2026-02-10T09:00:00Z", "2026-02-10T10:35:00Z", false), Session(row));
        }

        Assert.Equal(200, (await SetSourceAsync(ws.OwnerToken, new { work_time_source = "attendance" })).Code);
        foreach (var pass in new[] { "raw", "rollup" })
        {
            if (pass == "rollup") await _api.RunJobAsync("rollup");
            Assert.Equal((0L, 0L, 0L), Totals(await AnalyzeAsync(ws.OwnerToken, user, "2026-02-10 00:00:00",
                "2026-02-10 23:59:59")));
        }
    }

    [Fact]
    public async Task A_pause_of_exactly_the_gap_joins_and_one_a_second_longer_splits()
    {
        var ws = await ActivityWorkspaceAsync(gap: 10);
        var (user, token) = await _api.CreateMemberAsync(ws);
        await PostSamplesAsync(token,
            new Sample("2026-02-11T09:00:00Z", "2026-02-11T09:20:00Z"),
            new Sample("2026-02-11T09:30:00Z", "2026-02-11T09:50:00Z", "idle"),
            new Sample("2026-02-11T10:00:01Z", "2026-02-11T10:10:01Z"));
        foreach (var pass in new[] { "raw", "rollup" })
        {
            if (pass == "rollup") await _api.RunJobAsync("rollup");
            var row = await AnalyzeAsync(ws.OwnerToken, user, "2026-02-11 00:00:00", "2026-02-11 23:59:59");
            // Sessions 09:00–09:50 (the 10-minute pause inside is idle) and 10:00:01–10:10:01; the 10:00:01 pause is
            // not work.
            Assert.Equal((3600L, 1800L, 1800L), Totals(row));
            Assert.Equal(("2026-02-11T09:00:00Z", "2026-02-11T10:10:01Z", false), Session(row));
            var second = await AnalyzeAsync(ws.OwnerToken, user, "2026-02-11 10:00:00", "2026-02-11 23:59:59");
            Assert.Equal(("2026-02-11T10:00:01Z", "2026-02-11T10:10:01Z", false), Session(second));
        }
    }

    [Fact]
    public async Task Samples_across_midnight_in_Kolkata_count_on_both_local_days()
    {
        var ws = await ActivityWorkspaceAsync();
        var (user, token) = await _api.CreateMemberAsync(ws, timezone: "Asia/Kolkata");
        // 18:00–19:00Z is 23:30 on the 12th to 00:30 on the 13th in Kolkata (+05:30).
        await PostSamplesAsync(token, Enumerable.Range(0, 6).Select(i =>
            new Sample($"2026-02-12T18:{i * 10:00}:00Z", i == 5 ? "2026-02-12T19:00:00Z"
                : $"2026-02-12T18:{i * 10 + 10:00}:00Z")).ToArray());
        foreach (var pass in new[] { "raw", "rollup" })
        {
            if (pass == "rollup") await _api.RunJobAsync("rollup");
            var thirteenth = await AnalyzeAsync(ws.OwnerToken, user, "2026-02-13 00:00:00", "2026-02-13 23:59:59",
                "Asia/Kolkata");
            Assert.Equal((1800L, 0L, 1800L), Totals(thirteenth));
            Assert.Equal(("2026-02-12T18:00:00Z", "2026-02-12T19:00:00Z", false), Session(thirteenth));
            var active = await _api.GetAsync(
                "/api/v1/engagement-dashboard/users/active-users?start=2026-02-12T00:00:00.000Z&end=2026-02-13T23:59:59.000Z&timeZone=Asia/Kolkata", ws.OwnerToken);
            var days = active.Json.GetProperty("month").EnumerateArray().Select(d =>
                (d.GetProperty("day").GetInt32(), d.GetProperty("usersList")[0].GetString())).ToList();
            Assert.Equal([(13, user), (12, user)], days);
        }
    }

    [Fact]
    public async Task Samples_covering_the_spring_forward_day_in_New_York_count_23_hours()
    {
        var ws = await ActivityWorkspaceAsync();
        var (user, token) = await _api.CreateMemberAsync(ws, timezone: "America/New_York");
        // Hourly samples from 23:00 on the 7th (EST) to 01:00 on the 9th (EDT): 25 hours that cover the 23-hour day.
        var start = new DateTimeOffset(2026, 3, 8, 4, 0, 0, TimeSpan.Zero);
        await PostSamplesAsync(token, Enumerable.Range(0, 25).Select(h =>
            new Sample(start.AddHours(h).ToString("yyyy-MM-ddTHH:mm:ssZ"),
                start.AddHours(h + 1).ToString("yyyy-MM-ddTHH:mm:ssZ"), h == 10 ? "idle" : "active")).ToArray());
        foreach (var pass in new[] { "raw", "rollup" })
        {
            if (pass == "rollup") await _api.RunJobAsync("rollup");
            var row = await AnalyzeAsync(ws.OwnerToken, user, "2026-03-08 00:00:00", "2026-03-08 23:59:59",
                "America/New_York");
            Assert.Equal((82800L, 3600L, 79200L), Totals(row));
        }
    }

    [Fact]
    public async Task A_late_sample_after_the_rollup_joins_two_sessions_on_a_rolled_up_day()
    {
        var ws = await ActivityWorkspaceAsync(gap: 10);
        var (user, token) = await _api.CreateMemberAsync(ws);
        await PostSamplesAsync(token, new Sample("2026-02-14T23:00:00Z", "2026-02-14T23:40:00Z"),
            new Sample("2026-02-15T00:20:00Z", "2026-02-15T01:00:00Z"));
        await _api.RunJobAsync("rollup");
        var before = await AnalyzeAsync(ws.OwnerToken, user, "2026-02-15 00:00:00", "2026-02-15 23:59:59");
        Assert.Equal((2400L, 0L, 2400L), Totals(before));
        Assert.Equal(("2026-02-15T00:20:00Z", "2026-02-15T01:00:00Z", false), Session(before));

        // 23:45–00:15 joins both (pauses of 5 minutes): one session from 23:00 on the 14th to 01:00 on the 15th.
        await PostSamplesAsync(token, new Sample("2026-02-14T23:45:00Z", "2026-02-15T00:15:00Z", "idle"));
        foreach (var pass in new[] { "after the late sample", "after the next rollup" })
        {
            if (pass == "after the next rollup") await _api.RunJobAsync("rollup");
            var day = await AnalyzeAsync(ws.OwnerToken, user, "2026-02-15 00:00:00", "2026-02-15 23:59:59");
            // The 15th: 00:00–01:00 worked; idle is 00:00–00:15 (sample) + 00:15–00:20 (pause).
            Assert.Equal((3600L, 1200L, 2400L), Totals(day));
            Assert.Equal(("2026-02-14T23:00:00Z", "2026-02-15T01:00:00Z", false), Session(day));
            var previous = await AnalyzeAsync(ws.OwnerToken, user, "2026-02-14 00:00:00", "2026-02-14 23:59:59");
            Assert.Equal((3600L, 1200L, 2400L), Totals(previous));
            Assert.Equal(("2026-02-14T23:00:00Z", "2026-02-15T01:00:00Z", false), Session(previous));
        }
    }

    [Fact]
    public async Task Purging_old_samples_keeps_the_worked_time_derived_from_them()
    {
        var ws = await ActivityWorkspaceAsync();
        Assert.Equal(200, (await SetSourceAsync(ws.OwnerToken, new { activity_retention_days = 5 })).Code);
        var (user, token) = await _api.CreateMemberAsync(ws);
        await PostSamplesAsync(token, new Sample("2026-11-01T09:00:00Z", "2026-11-01T09:50:00Z"),
            new Sample("2026-11-01T09:50:00Z", "2026-11-01T10:00:00Z", "idle"));
        await _api.RunJobAsync("rollup");
        Assert.Equal(200, (await _api.RunJobAsync("purge-activity")).Code);
        foreach (var useRollups in new[] { true, false })
        {
            // Raw reads still have the derived session (its span and coverage), so the worked time stays.
            if (!useRollups) Assert.Equal(200, (await SetSourceAsync(ws.OwnerToken,
                new { activity_session_gap_minutes = 10 })).Code);
            var row = await AnalyzeAsync(ws.OwnerToken, user, "2026-11-01 00:00:00", "2026-11-01 23:59:59");
            Assert.Equal(3600L, Totals(row).Total);
            Assert.Equal(("2026-11-01T09:00:00Z", "2026-11-01T10:00:00Z", false), Session(row));
        }
    }

    [Fact]
    public async Task A_member_is_working_while_samples_keep_arriving_and_clocked_time_still_counts()
    {
        var ws = await ActivityWorkspaceAsync(gap: 10);
        var (user, token) = await _api.CreateMemberAsync(ws);
        await PostSamplesAsync(token, new Sample("2026-11-22T10:00:00Z", "2026-11-22T10:30:00Z"),
            new Sample("2026-11-22T11:00:00Z", "2026-11-22T11:57:00Z"));
        var working = await AnalyzeAsync(ws.OwnerToken, user, "2026-11-22 00:00:00", "2026-11-22 23:59:59");
        Assert.Equal(("2026-11-22T10:00:00Z", "2026-11-22T11:57:00Z", true), Session(working));
        Assert.Equal((5220L, 0L, 5220L), Totals(working));

        _server.Clock.Set(Now.AddMinutes(8));
        Assert.False(Session(await AnalyzeAsync(ws.OwnerToken, user, "2026-11-22 00:00:00",
            "2026-11-22 23:59:59")).Working);

        // A clocked pair over the 30-minute pause: that time is worked and active, not a gap.
        await _api.AddPairAsync(user, token, "2026-11-22T10:20:00Z", "2026-11-22T11:10:00Z");
        var union = await AnalyzeAsync(ws.OwnerToken, user, "2026-11-22 00:00:00", "2026-11-22 23:59:59");
        Assert.Equal((7020L, 0L, 7020L), Totals(union));
        // Re-sent samples change nothing.
        await PostSamplesAsync(token, new Sample("2026-11-22T10:00:00Z", "2026-11-22T10:30:00Z"));
        Assert.Equal((7020L, 0L, 7020L), Totals(await AnalyzeAsync(ws.OwnerToken, user, "2026-11-22 00:00:00",
            "2026-11-22 23:59:59")));
    }
}

public sealed class ActivityModeApiTestsOnSqlite(ServerFactory server) : ActivityModeApiTests<ServerFactory>(server);

public sealed class ActivityModeApiTestsOnCosmos(CosmosServerFactory server)
    : ActivityModeApiTests<CosmosServerFactory>(server);

using System.Text.Json;
using Microsoft.Playwright;

namespace TimeTracker.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser against the real Server: sign-in, every page with the numbers the API gives,
/// charts drawn, CSV downloads, what a regular user can and cannot reach, and a phone-width screen. Each page leaves
/// a screenshot in TestResults/screenshots.
/// </summary>
public sealed class DashboardBrowserTests(DashboardSite site) : IClassFixture<DashboardSite>
{
    private static string Hours(long seconds) => $"{seconds / 3600}h {seconds % 3600 / 60:00}m";

    private static long Total(JsonElement rows, string userId, string field = "totalWorkedTimeInSeconds") =>
        rows.EnumerateArray().Single(r => r.GetProperty("user").GetProperty("userId").GetString() == userId)
            .GetProperty("timeSummary").GetProperty(field).GetInt64();

    [Fact]
    public async Task A_manager_signs_in_and_the_overview_shows_who_works_and_todays_totals()
    {
        var page = await site.NewPageAsync();
        await site.SignInAsync(page, site.OwnerEmail, DashboardSite.OwnerPassword);

        var today = await site.AnalysisAsync(site.Today, site.Today, site.Workspace.OwnerId, site.Alice.Id, site.Bob.Id);
        var working = today.EnumerateArray().Count(r => r.GetProperty("session").GetProperty("isWorking").GetBoolean());
        Assert.Equal(1, working);
        Assert.Equal(working.ToString(), await page.InnerTextAsync("[data-tile=working] b"));
        Assert.Contains("Alice Archer", await page.InnerTextAsync("main"));
        var bobToday = Total(today, site.Bob.Id);
        Assert.Equal(bobToday, long.Parse(await page.GetAttributeAsync($"#today tr[data-member='{site.Bob.Id}'] [data-total]", "data-total") ?? "-1"));
        Assert.Contains("Night shift", await page.InnerTextAsync("main"));
        Assert.Null(await page.EvaluateAsync<string?>("() => location.href.includes('ttk_') ? location.href : null"));
        await DashboardSite.ScreenshotAsync(page, "overview");
    }

    [Fact]
    public async Task Work_time_shows_the_analysis_as_a_sortable_table_and_a_stacked_chart_and_drills_into_a_member()
    {
        var page = await site.NewPageAsync();
        await site.SignInAsync(page, site.OwnerEmail, DashboardSite.OwnerPassword);
        await page.GotoAsync($"/#/work-time?from={site.Yesterday}&to={site.Yesterday}&tz=UTC");
        await page.WaitForSelectorAsync("#work tbody tr");

        var api = await site.AnalysisAsync(site.Yesterday, site.Yesterday, site.Workspace.OwnerId, site.Alice.Id, site.Bob.Id);
        var members = (await site.Api.GetAsync("/api/v2/members", site.Workspace.OwnerToken)).Data.GetArrayLength();
        Assert.Equal(members, await page.Locator("#work tbody tr").CountAsync());
        Assert.Equal(Total(api, site.Alice.Id).ToString(), await page.GetAttributeAsync($"#work tr[data-member='{site.Alice.Id}'] [data-total]", "data-total"));
        Assert.Equal(8 * 3600, Total(api, site.Alice.Id));
        Assert.True(await page.Locator("svg rect.bar-idle").CountAsync() >= 3);
        Assert.Equal(45 * 60, Total(api, site.Alice.Id, "idleWorkedTimeInSeconds"));
        Assert.Equal(Hours(45 * 60), await page.InnerTextAsync($"#work tr[data-member='{site.Alice.Id}'] td:nth-child(4)"));

        await page.ClickAsync("#work th button[data-key=total]");
        await page.ClickAsync("#work th button[data-key=total]");
        Assert.Contains("Alice", await page.InnerTextAsync("#work tbody tr:first-child"));
        await DashboardSite.ScreenshotAsync(page, "work-time");

        await page.ClickAsync($"#work tr[data-member='{site.Alice.Id}'] a");
        await page.WaitForSelectorAsync("#sessions");
        Assert.Contains("Morning", await page.InnerTextAsync("#drill")); // today's open session
        await DashboardSite.ScreenshotAsync(page, "work-time-member");
    }

    [Fact]
    public async Task Engagement_draws_daily_active_and_new_users_as_lines()
    {
        var page = await site.NewPageAsync();
        await site.SignInAsync(page, site.OwnerEmail, DashboardSite.OwnerPassword);
        await page.GotoAsync("/#/engagement?days=30");
        await page.WaitForSelectorAsync("svg path.line");
        Assert.Equal(2, await page.Locator("svg path.line").CountAsync());
        var api = await site.Api.GetAsync(
            $"/api/v1/engagement-dashboard/users/active-users?start={DateTime.UtcNow.AddDays(-29):yyyy-MM-dd}T00:00:00.000Z&end={site.Today}T23:59:59.000Z",
            site.Workspace.OwnerToken);
        var peak = api.Json.GetProperty("month").EnumerateArray().Max(d => d.GetProperty("users").GetInt32());
        Assert.Equal(peak.ToString(), await page.InnerTextAsync("#peak"));
        await page.ClickAsync("a[href='#/engagement?days=365']");
        await page.WaitForSelectorAsync("a[aria-current='true'][href='#/engagement?days=365']");
        await DashboardSite.ScreenshotAsync(page, "engagement");
    }

    [Fact]
    public async Task Attendance_shows_a_timesheet_with_totals_and_downloads_it_as_csv()
    {
        var page = await site.NewPageAsync();
        await site.SignInAsync(page, site.OwnerEmail, DashboardSite.OwnerPassword);
        await page.GotoAsync($"/#/attendance?member={site.Alice.Id}&from={site.Yesterday}&to={site.Yesterday}");
        await page.WaitForSelectorAsync("#sessions");
        Assert.Equal(Hours(8 * 3600), await page.InnerTextAsync("#sessions-total"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("UserId,Date,ClockIn,ClockOut,DurationSeconds,", csv);
        Assert.Contains($"{site.Alice.Id},{site.Yesterday},{site.Yesterday}T08:00:00Z,{site.Yesterday}T16:00:00Z,28800,", csv);
        Assert.Equal($"attendance-{site.Yesterday}-{site.Yesterday}.csv", download.SuggestedFilename);
        await DashboardSite.ScreenshotAsync(page, "attendance");
    }

    [Fact]
    public async Task Members_can_be_invited_and_the_link_is_shown()
    {
        var page = await site.NewPageAsync();
        await site.SignInAsync(page, site.OwnerEmail, DashboardSite.OwnerPassword);
        await page.GotoAsync("/#/members");
        await page.WaitForSelectorAsync("#members");
        var before = await page.Locator("#members tbody tr").CountAsync();
        Assert.Equal((await site.Api.GetAsync("/api/v2/members?status=active,invited,deleted", site.Workspace.OwnerToken)).Data.GetArrayLength(), before);
        await page.FillAsync("#invite input[name=email]", $"new-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#invite input[name=firstname]", "Nora");
        await page.FillAsync("#invite input[name=lastname]", "New");
        await page.ClickAsync("#invite button[type=submit]");
        await page.WaitForSelectorAsync("#invitation-link");
        Assert.Contains("/api/v2/invitations/", await page.InnerTextAsync("#invitation-link"));
        await page.WaitForSelectorAsync($"#members tbody tr:nth-child({before + 1})");
        await DashboardSite.ScreenshotAsync(page, "members");
    }

    [Fact]
    public async Task A_regular_user_sees_only_their_own_data_and_no_admin_controls()
    {
        var page = await site.NewPageAsync();
        await site.SignInAsync(page, site.Alice.Username, DashboardSite.MemberPassword);
        Assert.False(await page.IsVisibleAsync("nav a[data-page=members]"));
        Assert.False(await page.IsVisibleAsync("nav a[data-page=engagement]"));
        Assert.Equal(1, await page.Locator("#today tbody tr").CountAsync());
        Assert.DoesNotContain("Bob", await page.InnerTextAsync("main"));

        await page.GotoAsync("/#/members");
        await page.WaitForSelectorAsync("main .error");
        Assert.Contains("Only owners and executive managers", await page.InnerTextAsync("main"));
        await page.GotoAsync($"/#/attendance?member={site.Bob.Id}&from={site.Yesterday}&to={site.Yesterday}");
        await page.WaitForSelectorAsync("#timesheet .error");
        Assert.Equal(0, await page.Locator("#filters select[name=member]").CountAsync());
        await page.GotoAsync($"/#/work-time?from={site.Yesterday}&to={site.Yesterday}&tz=UTC");
        await page.WaitForSelectorAsync("#work tbody tr");
        Assert.Equal(1, await page.Locator("#work tbody tr").CountAsync());
        await DashboardSite.ScreenshotAsync(page, "regular-user");

        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("#login");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('tt.token')"));
    }

    [Fact]
    public async Task A_pasted_token_signs_in_and_a_phone_width_screen_needs_no_sideways_scrolling()
    {
        var page = await site.NewPageAsync(390, 844);
        await page.GotoAsync("/");
        await page.FillAsync("#paste input[name=token]", site.Workspace.OwnerToken);
        await page.ClickAsync("#paste button[type=submit]");
        await page.WaitForSelectorAsync("[data-tile=working]");
        Assert.True(await page.IsVisibleAsync("nav a[data-page=members]"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone screen");
        // Keyboard and screen-reader users land on the new content after each navigation; the header is one Shift+Tab back.
        Assert.Equal("MAIN", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("sign-out", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("settings", await page.EvaluateAsync<string>("() => document.activeElement.dataset.page"));
        await DashboardSite.ScreenshotAsync(page, "overview-phone");
    }

    [Fact]
    public async Task An_owner_switches_a_tracker_only_team_to_activity_mode_and_its_work_appears()
    {
        // A workspace of its own: the shared one's numbers must not change under the other tests.
        var workspace = await site.Api.CreateWorkspaceAsync();
        var (member, token) = await site.Api.CreateMemberAsync(workspace);
        var response = await site.Api.PostAsync("/api/v1/activity", new
        {
            samples = new[] { (9, 0, 10, 0, "active"), (10, 5, 10, 35, "idle") }.Select(s => new
            {
                id = Guid.NewGuid(), start = $"{site.Yesterday}T{s.Item1:00}:{s.Item2:00}:00Z", end = $"{site.Yesterday}T{s.Item3:00}:{s.Item4:00}:00Z", state = s.Item5,
            }),
        }, token);
        Assert.Equal(200, response.Code);

        var page = await site.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#paste input[name=token]", workspace.OwnerToken);
        await page.ClickAsync("#paste button[type=submit]");
        await page.WaitForSelectorAsync("[data-tile=working]");
        await page.ClickAsync("nav a[data-page=settings]");
        Assert.True(await page.IsCheckedAsync("#work-source input[value=attendance]"));
        await page.CheckAsync("#work-source input[value=activity]");
        await page.FillAsync("#work-source input[name=gap]", "10");
        await page.ClickAsync("#work-source button[type=submit]");
        await page.WaitForSelectorAsync("#status:has-text('desktop tracker')");
        await DashboardSite.ScreenshotAsync(page, "settings");

        await page.GotoAsync($"/#/work-time?from={site.Yesterday}&to={site.Yesterday}&tz=UTC");
        await page.WaitForSelectorAsync($"#work tr[data-member='{member}']");
        // 09:00-10:35: 95 minutes, of which the idle sample and the 5-minute pause are 35.
        Assert.Equal((95 * 60).ToString(), await page.GetAttributeAsync($"#work tr[data-member='{member}'] [data-total]", "data-total"));
        var current = await site.Api.GetAsync("/api/v1/workspaces/current", workspace.OwnerToken);
        Assert.Equal("activity", current.Data.GetProperty("work_time_source").GetString());
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Dashboard;

/// <summary>
/// The real Server as a process on loopback with seeded data, and a headless Chromium driven by Playwright. The
/// browser is Debian's (<c>/usr/bin/chromium</c>, installed by .ci/run): Playwright's own download cannot run here.
/// </summary>
public sealed class DashboardSite : IAsyncLifetime
{
    public const string OwnerPassword = "owner password";
    public const string MemberPassword = "correct horse";

    private readonly TemporarySqliteFile _database = new("dashboard");
    private ServerProcess? _server;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public ApiClient Api { get; private set; } = null!;
    public TestWorkspace Workspace { get; private set; } = null!;
    public string OwnerEmail { get; private set; } = "";
    public (string Id, string Token, string Username) Alice { get; private set; }
    public (string Id, string Token) Bob { get; private set; }
    public string Today { get; } = DateTime.UtcNow.ToString("yyyy-MM-dd");
    public string Yesterday { get; } = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");

    public string BaseUrl => _server!.BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync(_database.Path, ServerFactory.AdminKey);
        Api = new ApiClient(_server.CreateClient());
        Workspace = await Api.CreateWorkspaceAsync(ownerPassword: OwnerPassword);
        OwnerEmail = (await Api.GetAsync($"/api/v2/members/{Workspace.OwnerId}", Workspace.OwnerToken)).Data.GetProperty("email").GetString()!;
        var team = (await Api.PostAsync("/api/v2/teams", new { name = "Night shift" }, Workspace.OwnerToken)).Data.GetProperty("id").GetString()!;
        var (aliceId, aliceToken) = await Api.CreateMemberAsync(Workspace, teamId: team);
        var username = (await Api.GetAsync($"/api/v2/members/{aliceId}", Workspace.OwnerToken)).Data.GetProperty("username").GetString()!;
        Assert.Equal(200, (await Api.PutAsync($"/api/v2/members/{aliceId}", new { firstname = "Alice", lastname = "Archer" }, Workspace.OwnerToken)).Code);
        Alice = (aliceId, aliceToken, username);
        var (bobId, bobToken) = await Api.CreateMemberAsync(Workspace);
        Assert.Equal(200, (await Api.PutAsync($"/api/v2/members/{bobId}", new { firstname = "Bob", lastname = "Baker" }, Workspace.OwnerToken)).Code);
        Bob = (bobId, bobToken);

        await Api.AddPairAsync(aliceId, aliceToken, $"{Yesterday}T08:00:00", $"{Yesterday}T16:00:00");
        await Api.AddIdleAsync(aliceId, aliceToken, $"{Yesterday}T10:00:00Z", $"{Yesterday}T10:45:00Z");
        await Api.AddPairAsync(bobId, bobToken, $"{Yesterday}T09:00:00", $"{Yesterday}T12:00:00");
        var start = DateTime.UtcNow.AddHours(-2) < DateTime.UtcNow.Date ? DateTime.UtcNow.Date : DateTime.UtcNow.AddHours(-2);
        var end = start.AddMinutes(30);
        if (end < DateTime.UtcNow.AddMinutes(-1))
            await Api.AddPairAsync(bobId, bobToken, $"{start:yyyy-MM-ddTHH:mm:ss}", $"{end:yyyy-MM-ddTHH:mm:ss}");
        Assert.Equal(201, (await Api.PostAsync("/api/attendance-events/clock-in", new { userId = aliceId, comment = "Morning" }, aliceToken)).Code);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    public async Task SignInAsync(IPage page, string login, string password)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#login input[name=workspace]", Workspace.Id);
        await page.FillAsync("#login input[name=login]", login);
        await page.FillAsync("#login input[name=password]", password);
        await page.ClickAsync("#login button[type=submit]");
        await page.WaitForSelectorAsync("[data-tile=working]");
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });

    /// <summary>The API's own answer, to compare the page's numbers with.</summary>
    public async Task<JsonElement> AnalysisAsync(string from, string to, params string[] userIds)
    {
        var response = await Api.PostAsync("/api/v1/dashboard/work-time-analysis",
            new { startDate = $"{from} 00:00:00", endDate = $"{to} 23:59:59", timeZone = "UTC", userId = userIds }, Workspace.OwnerToken);
        Assert.Equal(200, response.Code);
        return response.Data;
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
        _server?.Dispose();
        _database.Dispose();
    }
}

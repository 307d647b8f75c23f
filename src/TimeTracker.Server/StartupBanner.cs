using Microsoft.Extensions.Options;
using TimeTracker.Api;
using TimeTracker.Api.Workspaces;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Server;

/// <summary>
/// What a newcomer sees at start-up. On an empty database without an admin key: a demo workspace, and its owner's
/// credentials as one labeled <c>export</c> line to paste and a curl line that works with it. On later starts: how
/// to get a token again.
/// </summary>
public static class StartupBanner
{
    public const string DemoOwnerEmail = "owner@demo.example";

    public static async Task SeedDemoWorkspaceAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TimeTrackerOptions>>().Value;
        if (!string.IsNullOrEmpty(options.AdminKey)) return;
        if (await app.Services.GetRequiredService<IWorkspaceStore>().AnyAsync())
        {
            Console.WriteLine($"""

                Need a token? dotnet run --project src/TimeTracker.Server -- create-token --login {DemoOwnerEmail}

                """);
            return;
        }

        var created = await app.Services.GetRequiredService<WorkspaceProvisioning>().CreateAsync(
            "Demo workspace", "UTC", new WorkspaceProvisioning.OwnerSpec(DemoOwnerEmail, "Demo", "Owner", null));
        Console.WriteLine($$"""

            Created a demo workspace. Its owner's API token is shown once; paste this line into your shell:

              {{ExportLine(BaseUrl(app), created.Workspace.Id, created.Owner.Id, created.Token)}}

            Then try:
              curl -s -H "Authorization: Bearer $TT_TOKEN" "$TT_URL/api/v2/members?workspace_id=$TT_WORKSPACE"

            Worked time is clocked-in time. A team that only runs the desktop tracker counts its samples instead:
              curl -s -X PUT -H "Authorization: Bearer $TT_TOKEN" -H 'Content-Type: application/json' \
                -d '{"work_time_source": "activity"}' "$TT_URL/api/v1/workspaces/current"

            Lost the token? dotnet run --project src/TimeTracker.Server -- create-token --login {{DemoOwnerEmail}}

            """);
    }

    /// <summary>The variables the README's walkthrough uses.</summary>
    public static string ExportLine(string url, string workspaceId, string memberId, ApiToken token) =>
        $"export TT_URL={url} TT_WORKSPACE={workspaceId} TT_MEMBER={memberId} TT_TOKEN={token}";

    public static string BaseUrl(WebApplication app) =>
        (app.Urls.FirstOrDefault() ?? app.Configuration["urls"]?.Split(';')[0] ?? ServerSetup.DefaultUrl).TrimEnd('/');
}

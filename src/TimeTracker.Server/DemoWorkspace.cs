using Microsoft.Extensions.Options;
using TimeTracker.Api;
using TimeTracker.Api.Workspaces;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Server;

/// <summary>
/// First run on an empty database without an admin key: create a demo workspace and print its owner's token,
/// so a newcomer can call the API straight away.
/// </summary>
public static class DemoWorkspace
{
    public static async Task SeedDemoWorkspaceAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TimeTrackerOptions>>().Value;
        var workspaces = app.Services.GetRequiredService<IWorkspaceStore>();
        if (!string.IsNullOrEmpty(options.AdminKey) || await workspaces.AnyAsync()) return;

        var created = await app.Services.GetRequiredService<WorkspaceProvisioning>().CreateAsync(
            "Demo workspace", "UTC", new WorkspaceProvisioning.OwnerSpec("owner@demo.example", "Demo", "Owner", null));
        var url = (app.Urls.FirstOrDefault() ?? app.Configuration["urls"]?.Split(';')[0] ?? ServerSetup.DefaultUrl).TrimEnd('/');
        Console.WriteLine($"""

            Created a demo workspace '{created.Workspace.Name}' ({created.Workspace.Id}).
            Owner API token (shown once): {created.Token}

            Try it:
              curl -s -H 'Authorization: Bearer {created.Token}' '{url}/api/v2/members?workspace_id={created.Workspace.Id}'

            """);
    }
}

using TimeTracker.Api.ApiKeys;
using TimeTracker.Api.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Server;

/// <summary>
/// <c>dotnet run --project src/TimeTracker.Server -- create-token --login &lt;email|username&gt; [--workspace &lt;id&gt;]</c>:
/// recovery for whoever runs the server — issues a new 30-day key for an existing active member and prints the same
/// <c>export</c> line as the first start. Whoever can run this can read the database file anyway.
/// </summary>
public static class TokenCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var login = CommandLine.Option(args, "--login");
        if (login is null)
        {
            Console.Error.WriteLine("usage: create-token --login <email or username> [--workspace <id>]");
            return 2;
        }
        var workspace = CommandLine.Option(args, "--workspace");
        var members = app.Services.GetRequiredService<IMemberStore>();
        var store = app.Services.GetRequiredService<IWorkspaceStore>();
        IReadOnlyList<Workspace> workspaces = workspace is null ? await store.ListAsync()
            : await store.GetAsync(workspace) is { } named ? [named] : [];
        var found = new List<Member>();
        foreach (var candidate in workspaces)
        {
            if (await members.FindByLoginAsync(candidate.Id, login) is { CanAuthenticate: true } match) found.Add(match);
        }
        if (found.Count != 1)
        {
            Console.Error.WriteLine(found.Count == 0
                ? $"No active member signs in as '{login}'{(workspace is null ? "" : $" in workspace {workspace}")}."
                : $"'{login}' is a member of {found.Count} workspaces; name one with --workspace <id>.");
            return 1;
        }
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (key, token) = ApiKeyEndpoints.Issue(found[0], "Command-line recovery", now, LoginEndpoint.TokenLifetime);
        await app.Services.GetRequiredService<Core.Auth.IApiKeyStore>().CreateAsync(key);
        var member = found[0];
        Console.WriteLine(StartupBanner.ExportLine(StartupBanner.BaseUrl(app), member.WorkspaceId, member.Id, token));
        Console.Error.WriteLine($"Key {key.Id} for {member.Email}, valid until {key.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        return 0;
    }
}

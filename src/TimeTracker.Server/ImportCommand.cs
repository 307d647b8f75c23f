using TimeTracker.Api.Exports;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Members;

namespace TimeTracker.Server;

/// <summary>
/// <c>dotnet run --project src/TimeTracker.Server -- import-attendance --workspace &lt;id&gt; --file &lt;csv&gt;</c>:
/// imports sessions in the attendance CSV export's format through <see cref="IAttendanceImport"/> — all rows or, when
/// any row is bad, none (each bad row is reported). The history is taken as given: no overlap checks.
/// </summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var workspace = CommandLine.Option(args, "--workspace");
        var file = CommandLine.Option(args, "--file");
        if (workspace is null || file is null)
        {
            Console.Error.WriteLine("usage: import-attendance --workspace <id> --file <timesheet.csv>");
            return 2;
        }
        var members = app.Services.GetRequiredService<IMemberStore>();
        var ids = new HashSet<string>();
        string? page = null;
        do
        {
            var everyone = new MemberQuery { Statuses = MemberQuery.AllStatuses };
            var batch = await members.ListAsync(workspace, everyone, 200, page);
            ids.UnionWith(batch.Items.Select(m => m.Id));
            page = batch.Continuation;
        } while (page is not null);
        if (ids.Count == 0)
        {
            Console.Error.WriteLine($"Workspace {workspace} has no members (or does not exist).");
            return 1;
        }
        await using var csv = File.OpenRead(file);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var result = await AttendanceCsvImport.ReadAsync(csv, workspace, ids, now);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors) Console.Error.WriteLine(error);
            Console.Error.WriteLine($"Nothing imported: {result.Errors.Count} bad rows.");
            return 1;
        }
        var import = app.Services.GetRequiredService<IAttendanceImport>();
        foreach (var chunk in result.Sessions.Chunk(500)) await import.ImportAsync(chunk);
        Console.WriteLine($"Imported {result.Sessions.Count} sessions into workspace {workspace}.");
        return 0;
    }
}

using TimeTracker.Api.Jobs;
using TimeTracker.Core.Jobs;

namespace TimeTracker.Server;

/// <summary><c>dotnet run --project src/TimeTracker.Server -- run-job rollup</c>: runs one job against the configured store and exits.</summary>
public static class JobCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var jobs = app.Services.GetServices<IJob>().ToList();
        var job = args.Length > 1 ? jobs.FirstOrDefault(j => j.Name == args[1]) : null;
        if (job is null)
        {
            Console.Error.WriteLine($"usage: run-job <{string.Join("|", jobs.Select(j => j.Name))}>");
            return 2;
        }
        var report = await job.RunAsync();
        Console.WriteLine($"{report.Job}: {JobReportLogging.Describe(report)}");
        foreach (var failure in report.Failures) Console.Error.WriteLine($"workspace {failure.WorkspaceId} failed: {failure.Error}");
        return report.Failures.Count == 0 ? 0 : 1;
    }
}

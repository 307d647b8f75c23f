using Microsoft.Extensions.Logging;
using TimeTracker.Core.Jobs;

namespace TimeTracker.Api.Jobs;

/// <summary>
/// What a timer trigger does, so each Functions timer stays a one-line adapter. A past-due run (the host was down
/// at the scheduled time) simply runs now: every job catches up by itself (rollups from their watermark).
/// </summary>
public static class TimerJobs
{
    public static async Task RunAsync(IEnumerable<IJob> jobs, string name, bool isPastDue, ILogger logger, CancellationToken ct = default)
    {
        var job = jobs.Single(j => j.Name == name);
        if (isPastDue) logger.LogWarning("Job {Job} is running late (past due); it catches up from where it stopped", name);
        logger.LogReport(await job.RunAsync(ct));
    }
}

using Microsoft.Extensions.Logging;
using TimeTracker.Core.Jobs;

namespace TimeTracker.Api.Jobs;

/// <summary>How every host logs a finished job run: its counts, and each workspace it could not process.</summary>
public static class JobReportLogging
{
    public static void LogReport(this ILogger logger, JobReport report)
    {
        foreach (var failure in report.Failures)
            logger.LogError(failure.Error, "Job {Job} failed for workspace {WorkspaceId}; the others were processed",
                report.Job, failure.WorkspaceId);
        logger.LogInformation("Job {Job} finished: {Counts}", report.Job, Describe(report));
    }

    public static string Describe(JobReport report) =>
        string.Join(", ", report.Counts.Select(c => $"{c.Key}={c.Value}"));
}

namespace TimeTracker.Core.Jobs;

/// <summary>A timer-driven job. Both hosts run these: the Server on its NCrontab scheduler, Functions on TimerTriggers.</summary>
public interface IJob
{
    /// <summary>Route and command-line name, e.g. "rollup".</summary>
    string Name { get; }

    /// <summary>Six-field NCrontab expression (with seconds), in UTC; the default of setting <c>Schedules:{Name}</c>.</summary>
    string DefaultSchedule { get; }

    /// <summary>Runs once and reports what it did. Safe to run again or concurrently with itself.</summary>
    Task<JobReport> RunAsync(CancellationToken ct = default);
}

/// <summary>What a job run did, in numbers an operator can check, and the workspaces it could not process.</summary>
public sealed record JobReport(string Job, IReadOnlyDictionary<string, long> Counts, IReadOnlyList<JobFailure> Failures)
{
    /// <summary>The counts plus <c>workspaces_failed</c>.</summary>
    public static JobReport Of(string job, Dictionary<string, long> counts, IReadOnlyList<JobFailure> failures)
    {
        counts["workspaces_failed"] = failures.Count;
        return new JobReport(job, counts, failures);
    }
}

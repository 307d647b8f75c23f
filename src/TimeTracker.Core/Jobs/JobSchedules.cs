namespace TimeTracker.Core.Jobs;

/// <summary>Default schedules (six-field cron, UTC). Functions binds <c>%Schedules:Rollup%</c>-style settings whose defaults these are.</summary>
public static class JobSchedules
{
    public const string Rollup = "0 30 0 * * *";
    public const string AutoClockOut = "0 0 * * * *";
    public const string PurgeActivity = "0 15 1 * * *";

    /// <summary>The setting that overrides a job's schedule: "rollup" → "Schedules:Rollup" (Functions: <c>%Schedules:Rollup%</c>).</summary>
    public static string SettingKey(IJob job) =>
        "Schedules:" + string.Concat(job.Name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}

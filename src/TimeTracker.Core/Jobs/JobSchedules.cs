namespace TimeTracker.Core.Jobs;

/// <summary>Default schedules (six-field cron, UTC). Functions binds <c>%Schedules:Rollup%</c>-style settings whose defaults these are.</summary>
public static class JobSchedules
{
    public const string Rollup = "0 30 0 * * *";
    public const string AutoClockOut = "0 0 * * * *";
    public const string PurgeActivity = "0 15 1 * * *";
}

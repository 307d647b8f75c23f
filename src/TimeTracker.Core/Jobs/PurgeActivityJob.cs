using TimeTracker.Core.Activity;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Idempotency;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Core.Jobs;

/// <summary>
/// Nightly: deletes raw activity older than each workspace's <c>activity_retention_days</c> (unset keeps everything),
/// expired idempotency records, and sign-in attempt records that no longer say anything. Rolled-up days keep their idle totals after the raw samples are gone.
/// </summary>
public sealed class PurgeActivityJob(IWorkspaceStore workspaces, IActivityStore activity, IIdempotencyStore idempotency,
    ILoginThrottleStore throttle, TimeProvider clock) : IJob
{
    public string Name => "purge-activity";
    public string DefaultSchedule => JobSchedules.PurgeActivity;

    public async Task<JobReport> RunAsync(CancellationToken ct = default)
    {
        long purged = 0;
        var now = clock.GetUtcNow();
        var failures = await EachWorkspace.RunAsync(await workspaces.ListAsync(ct), async workspace =>
        {
            if (workspace.ActivityRetentionDays is { } days)
                purged += await activity.PurgeAsync(workspace.Id, now - TimeSpan.FromDays(days), ct);
        }, ct);
        var keys = await idempotency.PurgeAsync(now - IdempotencyRecord.Lifetime, ct);
        var attempts = await throttle.PurgeAsync(now, ct);
        return JobReport.Of(Name, new Dictionary<string, long>
        {
            ["samples_purged"] = purged, ["idempotency_records_purged"] = keys, ["login_attempts_purged"] = attempts,
        }, failures);
    }
}

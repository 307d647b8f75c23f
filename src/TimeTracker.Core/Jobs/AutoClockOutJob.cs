using TimeTracker.Core.Attendance;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Core.Jobs;

/// <summary>
/// Hourly, opt-in per workspace (<c>auto_clock_out_after_hours</c>): closes sessions left open longer than the limit,
/// at clock-in + limit, so a forgotten clock-out counts the limit rather than days. The events are marked
/// <c>autoClockedOut</c>.
/// </summary>
public sealed class AutoClockOutJob(IWorkspaceStore workspaces, IAttendanceStore attendance, TimeProvider clock) : IJob
{
    public const string SystemActor = "system";

    public string Name => "auto-clock-out";
    public string DefaultSchedule => JobSchedules.AutoClockOut;

    public async Task<JobReport> RunAsync(CancellationToken ct = default)
    {
        long closed = 0;
        var now = clock.GetUtcNow();
        var failures = await EachWorkspace.RunAsync(await workspaces.ListAsync(ct), async workspace =>
        {
            if (workspace.AutoClockOutAfterHours is not { } hours) return;
            var limit = TimeSpan.FromHours(hours);
            foreach (var session in await attendance.GetOpenStartedBeforeAsync(workspace.Id, now - limit, ct))
            {
                var clockOut = new AttendanceEvent(Ids.New(), session.Start + limit, now, SystemActor, session.ClockIn.OfficeId, null, "Automatically clocked out");
                if (await attendance.CloseAutomaticallyAsync(workspace.Id, session.Id, clockOut, ct)) closed++;
            }
        }, ct);
        return JobReport.Of(Name, new Dictionary<string, long> { ["sessions_closed"] = closed }, failures);
    }
}

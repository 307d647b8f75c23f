using NCrontab;
using TimeTracker.Api.Jobs;
using TimeTracker.Core.Jobs;

namespace TimeTracker.Server;

/// <summary>
/// Runs every <see cref="IJob"/> on its cron schedule (setting <c>Schedules:{Name}</c>, else the job's default), in UTC.
/// A job never overlaps itself: a run still going when the next is due makes that tick a no-op.
/// </summary>
public sealed class JobScheduler(IEnumerable<IJob> jobs, IConfiguration configuration, TimeProvider clock, ILogger<JobScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => RunOnScheduleAsync(job, stoppingToken)));

    private async Task RunOnScheduleAsync(IJob job, CancellationToken stop)
    {
        var expression = configuration[JobSchedules.SettingKey(job)] ?? job.DefaultSchedule;
        var schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stop.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            try
            {
                await Task.Delay(next - now, clock, stop);
                logger.LogReport(await job.RunAsync(stop));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failed run is retried at the next occurrence; rollups resume from their watermark.
                logger.LogError(e, "Job {Job} failed", job.Name);
            }
        }
    }
}

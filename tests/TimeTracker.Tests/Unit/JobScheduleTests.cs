using Microsoft.Extensions.DependencyInjection;
using NCrontab;
using TimeTracker.Core.Jobs;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Unit;

/// <summary>Our side of the schedules: which jobs exist, their setting keys, and defaults the schedulers accept.</summary>
public sealed class JobScheduleTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public void Every_job_has_a_setting_key_and_a_six_field_default_schedule()
    {
        var jobs = server.Services.GetServices<IJob>().ToList();
        Assert.Equal(["rollup", "auto-clock-out", "purge-activity"], jobs.Select(j => j.Name));
        Assert.Equal(["Schedules:Rollup", "Schedules:AutoClockOut", "Schedules:PurgeActivity"], jobs.Select(JobSchedules.SettingKey));
        Assert.Equal([JobSchedules.Rollup, JobSchedules.AutoClockOut, JobSchedules.PurgeActivity], jobs.Select(j => j.DefaultSchedule));
        // Both hosts read six fields (seconds first): the Server's NCrontab scheduler and Functions' TimerTrigger.
        Assert.All(jobs, j => Assert.Equal(6, j.DefaultSchedule.Split(' ').Length));
        Assert.All(jobs, j => Assert.NotNull(CrontabSchedule.TryParse(j.DefaultSchedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true })));
    }
}

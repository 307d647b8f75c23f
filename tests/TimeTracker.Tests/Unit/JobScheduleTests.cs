using Microsoft.Extensions.DependencyInjection;
using NCrontab;
using TimeTracker.Core.Jobs;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Unit;

public sealed class JobScheduleTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public void Every_job_has_a_six_field_utc_schedule_and_a_setting_key()
    {
        var jobs = server.Services.GetServices<IJob>().ToList();
        Assert.Equal(["rollup", "auto-clock-out", "purge-activity"], jobs.Select(j => j.Name));
        Assert.Equal(["Schedules:Rollup", "Schedules:AutoClockOut", "Schedules:PurgeActivity"], jobs.Select(JobSchedules.SettingKey));
        var rollup = CrontabSchedule.Parse(JobSchedules.Rollup, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        Assert.Equal(new DateTime(2026, 11, 23, 0, 30, 0), rollup.GetNextOccurrence(new DateTime(2026, 11, 22, 0, 30, 0)));
        var hourly = CrontabSchedule.Parse(JobSchedules.AutoClockOut, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        Assert.Equal(new DateTime(2026, 11, 22, 11, 0, 0), hourly.GetNextOccurrence(new DateTime(2026, 11, 22, 10, 0, 0)));
        Assert.NotNull(CrontabSchedule.TryParse(JobSchedules.PurgeActivity, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
    }
}

using Microsoft.Azure.Functions.Worker;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Functions;

/// <summary>Each timer function, invoked as the host would (past due or not), runs its job against the app's store.</summary>
public sealed class FunctionsTimerTests(FunctionsApp app) : IClassFixture<FunctionsApp>
{
    private readonly ApiClient _api = app.Server.Api();

    private Task InvokeTimerAsync(string function, bool pastDue)
    {
        var method = FunctionsApp.Functions[function];
        return (Task)method.Invoke(app.Activate(method.DeclaringType!), [new TimerInfo { IsPastDue = pastDue }])!;
    }

    [Theory]
    [InlineData("RollupTimer", "rollup")]
    [InlineData("AutoClockOutTimer", "auto-clock-out")]
    [InlineData("PurgeActivityTimer", "purge-activity")]
    public async Task Each_timer_runs_its_job_and_logs_what_it_did(string function, string job)
    {
        await InvokeTimerAsync(function, pastDue: true);
        Assert.Contains(app.Logs.Messages, m => m.StartsWith($"Job {job} is running late"));
        Assert.Contains(app.Logs.Messages, m => m.StartsWith($"Job {job} finished: ") && m.Contains("workspaces_failed=0"));
    }

    [Fact]
    public async Task The_auto_clock_out_timer_closes_a_forgotten_session_in_the_store()
    {
        var ws = await _api.CreateWorkspaceAsync();
        Assert.Equal(200, (await _api.PutAsync("/api/v1/workspaces/current", new { auto_clock_out_after_hours = 1 }, ws.OwnerToken)).Code);
        var (memberId, token) = await _api.CreateMemberAsync(ws);
        Assert.Equal(201, (await _api.PostAsync("/api/attendance-events/clock-in", new { userId = memberId }, token)).Code);
        var clockedIn = app.Server.Clock.GetUtcNow();
        app.Server.Clock.Advance(TimeSpan.FromHours(2));
        try
        {
            await InvokeTimerAsync("AutoClockOutTimer", pastDue: false);
        }
        finally
        {
            app.Server.Clock.Advance(-TimeSpan.FromHours(2));
        }
        var date = clockedIn.UtcDateTime.ToString("yyyy-MM-dd");
        var events = await _api.GetAsync($"/api/attendance-events?startDate={date}&endDate={date}&userId={memberId}", token);
        var clockOut = events.Json.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "CLOCK-OUT");
        Assert.True(clockOut.GetProperty("autoClockedOut").GetBoolean());
    }
}

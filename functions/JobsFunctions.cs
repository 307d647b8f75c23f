using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using TimeTracker.Api;
using TimeTracker.Api.Http;
using TimeTracker.Api.Jobs;
using TimeTracker.Core.Jobs;

namespace TimeTracker.Functions;

/// <summary>Jobs: the on-demand HTTP run and the three timers, each handing straight to shared code.</summary>
public sealed class JobsFunctions(IEnumerable<IJob> jobs, ILogger<JobsFunctions> logger, JobServices services)
{
    [Function("RunJob")]
    public Task<IActionResult> RunJob([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RunJob)] HttpRequest req, string name) => JobEndpoints.Run(req, name, services).AsActionResult();

    // Timer triggers run as singletons across instances (a storage lease), and every job is idempotent besides.
    [Function("RollupTimer")]
    public Task RollupTimer([TimerTrigger("%Schedules:Rollup%")] TimerInfo timer) => TimerJobs.RunAsync(jobs, "rollup", timer.IsPastDue, logger);

    [Function("AutoClockOutTimer")]
    public Task AutoClockOutTimer([TimerTrigger("%Schedules:AutoClockOut%")] TimerInfo timer) => TimerJobs.RunAsync(jobs, "auto-clock-out", timer.IsPastDue, logger);

    [Function("PurgeActivityTimer")]
    public Task PurgeActivityTimer([TimerTrigger("%Schedules:PurgeActivity%")] TimerInfo timer) => TimerJobs.RunAsync(jobs, "purge-activity", timer.IsPastDue, logger);
}

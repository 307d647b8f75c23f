using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Activity;
using TimeTracker.Api.Http;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Activity: each function only hands the request to the shared handler.</summary>
public sealed class ActivityFunctions(ActivityServices services)
{
    [Function("IngestActivity")]
    public Task<IActionResult> IngestActivity([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Activity)] HttpRequest req) => ActivityEndpoints.Ingest(req, services).AsActionResult();
}

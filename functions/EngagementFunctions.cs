using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Engagement;
using TimeTracker.Api.Http;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Engagement: each function only hands the request to the shared handler.</summary>
public sealed class EngagementFunctions(EngagementServices services)
{
    [Function("ActiveUsers")]
    public Task<IActionResult> ActiveUsers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ActiveUsers)] HttpRequest req) => EngagementEndpoints.ActiveUsers(req, services).AsActionResult();

    [Function("NewUsers")]
    public Task<IActionResult> NewUsers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.NewUsers)] HttpRequest req) => EngagementEndpoints.NewUsers(req, services).AsActionResult();
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Analytics;
using TimeTracker.Api.Http;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Analytics: each function only hands the request to the shared handler.</summary>
public sealed class AnalyticsFunctions(AnalyticsServices services)
{
    [Function("WorkTimeAnalysis")]
    public Task<IActionResult> WorkTimeAnalysis([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.WorkTimeAnalysis)] HttpRequest req) => WorkTimeAnalysisEndpoint.Analyze(req, services).AsActionResult();
}

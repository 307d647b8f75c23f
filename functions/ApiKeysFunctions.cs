using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.ApiKeys;
using TimeTracker.Api.Auth;
using TimeTracker.Api.Http;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for ApiKeys: each function only hands the request to the shared handler.</summary>
public sealed class ApiKeysFunctions(AccessServices services)
{
    [Function("CreateApiKey")]
    public Task<IActionResult> CreateApiKey([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ApiKeys)] HttpRequest req) => ApiKeyEndpoints.Create(req, services).AsActionResult();

    [Function("ListApiKeys")]
    public Task<IActionResult> ListApiKeys([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ApiKeys)] HttpRequest req) => ApiKeyEndpoints.List(req, services).AsActionResult();

    [Function("DeleteApiKey")]
    public Task<IActionResult> DeleteApiKey([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.ApiKey)] HttpRequest req, string keyId) => ApiKeyEndpoints.Delete(req, keyId, services).AsActionResult();
}

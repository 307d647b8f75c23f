using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Http;
using TimeTracker.Api.OpenApi;

namespace TimeTracker.Functions;

/// <summary>The OpenAPI document, served by the Functions app as by the Server.</summary>
public sealed class DocsFunctions
{
    [Function("GetOpenApiDocument")]
    public Task<IActionResult> GetOpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenApiDocument)] HttpRequest req) => OpenApiDocument.Get(req).AsActionResult();
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Http;
using TimeTracker.Api.Auth;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Auth: each function only hands the request to the shared handler.</summary>
public sealed class AuthFunctions
{
    [Function("Login")]
    public Task<IActionResult> Login([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Login)] HttpRequest req) => LoginEndpoint.Login(req).AsActionResult();
}

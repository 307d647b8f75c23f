using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Auth;
using TimeTracker.Api.Http;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Auth: each function only hands the request to the shared handler.</summary>
public sealed class AuthFunctions(AccessServices services)
{
    [Function("Login")]
    public Task<IActionResult> Login([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Login)] HttpRequest req) => LoginEndpoint.Login(req, services).AsActionResult();
}

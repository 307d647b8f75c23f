using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Http;
using TimeTracker.Api.Members;
using TimeTracker.Api.Users;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Users: each function only hands the request to the shared handler.</summary>
public sealed class UsersFunctions(DirectoryServices services)
{
    [Function("ListUsers")]
    public Task<IActionResult> ListUsers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Users)] HttpRequest req) => UserEndpoints.List(req, services).AsActionResult();

    [Function("CreateUser")]
    public Task<IActionResult> CreateUser([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Users)] HttpRequest req) => UserEndpoints.Create(req, services).AsActionResult();

    [Function("GetUser")]
    public Task<IActionResult> GetUser([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.User)] HttpRequest req, string id) => UserEndpoints.Get(req, id, services).AsActionResult();

    [Function("UpdateUser")]
    public Task<IActionResult> UpdateUser([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.User)] HttpRequest req, string id) => UserEndpoints.Update(req, id, services).AsActionResult();

    [Function("DeleteUser")]
    public Task<IActionResult> DeleteUser([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.User)] HttpRequest req, string id) => UserEndpoints.Delete(req, id, services).AsActionResult();
}

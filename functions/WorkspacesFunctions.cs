using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Http;
using TimeTracker.Api.Workspaces;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Workspaces: each function only hands the request to the shared handler.</summary>
public sealed class WorkspacesFunctions(WorkspaceServices services)
{
    [Function("CreateWorkspace")]
    public Task<IActionResult> CreateWorkspace([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Workspaces)] HttpRequest req) => WorkspaceEndpoints.Create(req, services).AsActionResult();

    [Function("GetCurrentWorkspace")]
    public Task<IActionResult> GetCurrentWorkspace([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.CurrentWorkspace)] HttpRequest req) => WorkspaceEndpoints.GetCurrent(req, services).AsActionResult();

    [Function("UpdateCurrentWorkspace")]
    public Task<IActionResult> UpdateCurrentWorkspace([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.CurrentWorkspace)] HttpRequest req) => WorkspaceEndpoints.UpdateCurrent(req, services).AsActionResult();
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Http;
using TimeTracker.Api.Members;
using TimeTracker.Api.Teams;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Teams: each function only hands the request to the shared handler.</summary>
public sealed class TeamsFunctions(DirectoryServices services)
{
    [Function("ListTeams")]
    public Task<IActionResult> ListTeams([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Teams)] HttpRequest req) => TeamEndpoints.List(req, services).AsActionResult();

    [Function("CreateTeam")]
    public Task<IActionResult> CreateTeam([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Teams)] HttpRequest req) => TeamEndpoints.Create(req, services).AsActionResult();

    [Function("GetTeam")]
    public Task<IActionResult> GetTeam([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Team)] HttpRequest req, string teamId) => TeamEndpoints.Get(req, teamId, services).AsActionResult();

    [Function("UpdateTeam")]
    public Task<IActionResult> UpdateTeam([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Team)] HttpRequest req, string teamId) => TeamEndpoints.Update(req, teamId, services).AsActionResult();

    [Function("DeleteTeam")]
    public Task<IActionResult> DeleteTeam([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.Team)] HttpRequest req, string teamId) => TeamEndpoints.Delete(req, teamId, services).AsActionResult();
}

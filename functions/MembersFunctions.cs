using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TimeTracker.Api;
using TimeTracker.Api.Http;
using TimeTracker.Api.Invitations;
using TimeTracker.Api.Members;

namespace TimeTracker.Functions;

/// <summary>HTTP adapters for Members: each function only hands the request to the shared handler.</summary>
public sealed class MembersFunctions(DirectoryServices services)
{
    [Function("ListMembers")]
    public Task<IActionResult> ListMembers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Members)] HttpRequest req) => MemberEndpoints.List(req, services).AsActionResult();

    [Function("InviteMember")]
    public Task<IActionResult> InviteMember([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Members)] HttpRequest req) => MemberEndpoints.Invite(req, services).AsActionResult();

    [Function("GetMember")]
    public Task<IActionResult> GetMember([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Member)] HttpRequest req, string memberId) => MemberEndpoints.Get(req, memberId, services).AsActionResult();

    [Function("UpdateMember")]
    public Task<IActionResult> UpdateMember([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Member)] HttpRequest req, string memberId) => MemberEndpoints.Update(req, memberId, services).AsActionResult();

    [Function("DeleteMember")]
    public Task<IActionResult> DeleteMember([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.Member)] HttpRequest req, string memberId) => MemberEndpoints.Delete(req, memberId, services).AsActionResult();

    [Function("RestoreMember")]
    public Task<IActionResult> RestoreMember([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RestoreMember)] HttpRequest req, string memberId) => MemberEndpoints.Restore(req, memberId, services).AsActionResult();

    [Function("AcceptInvitation")]
    public Task<IActionResult> AcceptInvitation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.AcceptInvitation)] HttpRequest req, string token) => InvitationEndpoints.Accept(req, token, services).AsActionResult();
}

using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Activity;
using TimeTracker.Api.Analytics;
using TimeTracker.Api.ApiKeys;
using TimeTracker.Api.Attendance;
using TimeTracker.Api.Auth;
using TimeTracker.Api.Engagement;
using TimeTracker.Api.Invitations;
using TimeTracker.Api.Jobs;
using TimeTracker.Api.Members;
using TimeTracker.Api.Teams;
using TimeTracker.Api.Users;
using TimeTracker.Api.Workspaces;

namespace TimeTracker.Api;

/// <summary>One HTTP endpoint: a stable name (the Functions function name), verb, route and handler.</summary>
/// <remarks>
/// Handlers take the <see cref="HttpRequest"/> plus route values as string parameters named as in the template,
/// so minimal APIs and Functions' HttpTrigger both bind them the same way.
/// </remarks>
public sealed record ApiEndpoint(string Name, string Verb, string Route, Delegate Handler, string Tag);

/// <summary>The whole HTTP surface, defined once; every host maps exactly this list.</summary>
public static class RouteTable
{
    public static readonly IReadOnlyList<ApiEndpoint> Endpoints =
    [
        new("CreateWorkspace", "POST", Routes.Workspaces, WorkspaceEndpoints.Create, "Workspaces"),
        new("GetCurrentWorkspace", "GET", Routes.CurrentWorkspace, WorkspaceEndpoints.GetCurrent, "Workspaces"),
        new("UpdateCurrentWorkspace", "PUT", Routes.CurrentWorkspace, WorkspaceEndpoints.UpdateCurrent, "Workspaces"),
        new("Login", "POST", Routes.Login, LoginEndpoint.Login, "Auth"),
        new("CreateApiKey", "POST", Routes.ApiKeys, ApiKeyEndpoints.Create, "ApiKeys"),
        new("ListApiKeys", "GET", Routes.ApiKeys, ApiKeyEndpoints.List, "ApiKeys"),
        new("DeleteApiKey", "DELETE", Routes.ApiKey, ApiKeyEndpoints.Delete, "ApiKeys"),

        new("ListMembers", "GET", Routes.Members, MemberEndpoints.List, "Members"),
        new("InviteMember", "POST", Routes.Members, MemberEndpoints.Invite, "Members"),
        new("GetMember", "GET", Routes.Member, MemberEndpoints.Get, "Members"),
        new("UpdateMember", "PUT", Routes.Member, MemberEndpoints.Update, "Members"),
        new("DeleteMember", "DELETE", Routes.Member, MemberEndpoints.Delete, "Members"),
        new("RestoreMember", "POST", Routes.RestoreMember, MemberEndpoints.Restore, "Members"),
        new("AcceptInvitation", "POST", Routes.AcceptInvitation, InvitationEndpoints.Accept, "Members"),
        new("ListTeams", "GET", Routes.Teams, TeamEndpoints.List, "Teams"),
        new("CreateTeam", "POST", Routes.Teams, TeamEndpoints.Create, "Teams"),
        new("GetTeam", "GET", Routes.Team, TeamEndpoints.Get, "Teams"),
        new("UpdateTeam", "PUT", Routes.Team, TeamEndpoints.Update, "Teams"),
        new("DeleteTeam", "DELETE", Routes.Team, TeamEndpoints.Delete, "Teams"),

        new("ListUsers", "GET", Routes.Users, UserEndpoints.List, "Users"),
        new("CreateUser", "POST", Routes.Users, UserEndpoints.Create, "Users"),
        new("GetUser", "GET", Routes.User, UserEndpoints.Get, "Users"),
        new("UpdateUser", "PUT", Routes.User, UserEndpoints.Update, "Users"),
        new("DeleteUser", "DELETE", Routes.User, UserEndpoints.Delete, "Users"),

        new("ClockIn", "POST", Routes.ClockIn, AttendanceEndpoints.ClockIn, "Attendance"),
        new("ClockOut", "POST", Routes.ClockOut, AttendanceEndpoints.ClockOut, "Attendance"),
        new("CreateAttendancePair", "POST", Routes.CreateAttendance, AttendanceEndpoints.Create, "Attendance"),
        new("DeleteAttendanceEvent", "DELETE", Routes.AttendanceEvent, AttendanceEndpoints.Delete, "Attendance"),
        new("QueryAttendanceEvents", "GET", Routes.AttendanceEvents, AttendanceEndpoints.Query, "Attendance"),
        new("IngestActivity", "POST", Routes.Activity, ActivityEndpoints.Ingest, "Activity"),

        new("WorkTimeAnalysis", "POST", Routes.WorkTimeAnalysis, WorkTimeAnalysisEndpoint.Analyze, "Analytics"),
        new("ActiveUsers", "GET", Routes.ActiveUsers, EngagementEndpoints.ActiveUsers, "Engagement"),
        new("NewUsers", "GET", Routes.NewUsers, EngagementEndpoints.NewUsers, "Engagement"),

        new("RunJob", "POST", Routes.RunJob, JobEndpoints.Run, "Jobs"),
        new("GetOpenApiDocument", "GET", Routes.OpenApiDocument, OpenApi.OpenApiDocument.Get, "Docs"),
    ];
}

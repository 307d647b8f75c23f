namespace TimeTracker.Api;

/// <summary>
/// Route templates relative to the <c>api</c> prefix, shared by the Server (minimal APIs) and the Functions
/// app (<c>[HttpTrigger(Route = Routes.X)]</c>, with host.json's routePrefix "api").
/// </summary>
public static class Routes
{
    public const string Workspaces = "v1/workspaces";
    public const string CurrentWorkspace = "v1/workspaces/current";
    public const string Login = "v1/auth/login";
    public const string ApiKeys = "v1/api-keys";
    public const string ApiKey = "v1/api-keys/{keyId}";

    public const string Members = "v2/members";
    public const string Member = "v2/members/{memberId}";
    public const string RestoreMember = "v2/members/{memberId}/restore";
    public const string AcceptInvitation = "v2/invitations/{token}/accept";
    public const string Teams = "v2/teams";
    public const string Team = "v2/teams/{teamId}";

    public const string Users = "v2/ext/users";
    public const string User = "v2/ext/users/{id}";

    public const string AttendanceEvents = "attendance-events";
    public const string ClockIn = "attendance-events/clock-in";
    public const string ClockOut = "attendance-events/clock-out";
    public const string CreateAttendance = "attendance-events/create";
    public const string AttendanceEvent = "attendance-events/{id}";

    public const string Activity = "v1/activity";

    public const string WorkTimeAnalysis = "v1/dashboard/work-time-analysis";
    public const string ActiveUsers = "v1/engagement-dashboard/users/active-users";
    public const string NewUsers = "v1/engagement-dashboard/users/new-users";

    public const string RunJob = "v1/jobs/{name}/run";

    public const string OpenApiDocument = "openapi.json";
}

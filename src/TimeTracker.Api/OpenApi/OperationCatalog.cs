using System.Text.Json.Nodes;
using static TimeTracker.Api.OpenApi.Schema;

namespace TimeTracker.Api.OpenApi;

/// <summary>Who may call an operation: a member's API token, the operator's admin key, or anyone.</summary>
internal enum Caller { Token, AdminKey, Anonymous }

/// <summary>
/// What the document says about one route-table endpoint: its summary, query parameters, request body, the status and
/// shape of its success, and every error status it really answers (in its family's error shape).
/// </summary>
internal sealed record OperationDoc(
    string Summary,
    int Success,
    JsonObject? Result,
    int[] Errors,
    JsonObject? Body = null,
    (string Name, JsonObject Schema, string Description)[]? Query = null,
    Caller Caller = Caller.Token,
    bool Paged = false,
    bool Csv = false);

/// <summary>The documentation of every endpoint in <see cref="RouteTable"/>, by endpoint name.</summary>
internal static class OperationCatalog
{
    private static readonly (string, JsonObject, string)[] Paging =
    [
        ("per_page", Integer(50), "Page size, 1–200 (default 50)."),
        ("page_token", String(), "The next_page_token of the previous page."),
    ];

    private static readonly (string, JsonObject, string) WorkspaceId = ("workspace_id", Uuid(),
        "Must be the token's workspace when sent (403 otherwise).");

    public static readonly IReadOnlyDictionary<string, OperationDoc> Operations = new Dictionary<string, OperationDoc>
    {
        ["CreateWorkspace"] = new("Create a workspace with its owner and the owner's first API token", 201,
            Ref("WorkspaceCreated"),
            [400, 401, 403, 413], Body: Object(("name", String()), ("timezone", String(example: "Asia/Kolkata")),
                ("owner", Object(("email", String("email")), ("firstname", String()), ("lastname", String()),
                    ("password?", String())))),
            Caller: Caller.AdminKey),
        ["GetCurrentWorkspace"] = new("The token's workspace", 200, Ref("Workspace"), [401, 404]),
        ["UpdateCurrentWorkspace"] = new("Change the workspace's name, zone and job settings", 200, Ref("Workspace"),
            [400, 401, 403, 413],
            Body: Object(("name?", String()), ("timezone?", String()), ("auto_clock_out_after_hours?",
                Nullable(Integer())),
                ("activity_retention_days?", Nullable(Integer())), ("work_time_source?", Enum("attendance",
                    "activity")),
                ("activity_session_gap_minutes?", Nullable(Integer())))),
        ["Login"] = new("Sign in with a username or email and password for a 30-day token", 200, Ref("SignIn"), [400,
            401, 413, 429],
            Body: Object(("workspace_id", Uuid()), ("login", String()), ("password", String())),
                Caller: Caller.Anonymous),
        ["CreateApiKey"] = new("Create an API key (the token is shown once)", 201, Ref("ApiKey"), [400, 401, 403,
            404, 409, 413], Body: Object(("name", String()), ("member_id?", Uuid()), ("expires_in_days?", Integer()))),
        ["ListApiKeys"] = new("List API keys, without secrets", 200, Array(Ref("ApiKey")), [401, 403],
            Query: [("member_id", Uuid(), "Whose keys (default: your own; managers: everyone's).")]),
        ["DeleteApiKey"] = new("Revoke an API key", 200, null, [401, 403, 404]),

        ["ListMembers"] = new("List members (WebWork)", 200, Array(Ref("Member")), [400, 401, 403], Paged: true,
            Query: [WorkspaceId, ("status", String(),
                "active, invited, deleted; comma-separated (default active,invited)."),
                ("role", String(), "A WebWork role."), ("team_id", Uuid(), "Members of this team."),
                ("search", String(), "Substring of name, email or username."), .. Paging]),
        ["InviteMember"] = new("Invite a member (WebWork)", 201, Ref("Invitation"), [400, 401, 403, 404, 409, 413],
            Body: Object(("workspace_id?", Uuid()), ("email", String("email")), ("firstname", String()), ("lastname",
                String()), ("role", String()), ("team_id?", Uuid()), ("timezone?", String())).WithExample(new JsonObject
            {
                ["workspace_id"] = "0f8fad5b-d9cb-469f-a165-70867728950e", ["email"] = "john.doe@example.com",
                    ["firstname"] = "John",
                ["lastname"] = "Doe", ["role"] = "Regular User",
            })),
        ["GetMember"] = new("Get a member (WebWork)", 200, Ref("Member"), [401, 403, 404], Query: [WorkspaceId]),
        ["UpdateMember"] = new("Update the fields sent (WebWork)", 200, null, [400, 401, 403, 404, 409, 413],
            Body: Object(("email?", String("email")), ("firstname?", String()), ("lastname?", String()),
                ("username?", String()),
                ("role?", String()), ("timezone?", String()), ("team_id?", Nullable(Uuid())), ("is_blocked?",
                    Boolean()),
                ("title?", String()), ("birth_date?", String("date")), ("hired_at?", DateTime()),
                    ("weekly_hours_limit?", Integer()),
                ("rate?", Number()), ("rate_status?", Integer()), ("currency?", String()), ("remove_avatar?",
                    Integer()))),
        ["DeleteMember"] = new("Soft-delete a member: history kept, keys revoked for good", 200, null, [401, 403,
            404, 409], Body: Object(("workspace_id?", Uuid()))),
        ["RestoreMember"] = new("Restore a deleted member", 200, null, [401, 403, 404, 409]),
        ["AcceptInvitation"] = new("Accept an invitation: the member becomes active and gets a token", 200,
            Ref("SignIn"),
            [400, 404, 409, 410, 413], Body: Object(("password", String()), ("username?", String())),
                Caller: Caller.Anonymous),
        ["ListTeams"] = new("List teams", 200, Array(Ref("Team")), [401, 403]),
        ["CreateTeam"] = new("Create a team", 201, Ref("Team"), [400, 401, 403, 413], Body: Object(("name", String()))),
        ["GetTeam"] = new("Get a team", 200, Ref("Team"), [401, 403, 404]),
        ["UpdateTeam"] = new("Rename a team", 200, Ref("Team"), [400, 401, 403, 404, 413], Body: Object(("name",
            String()))),
        ["DeleteTeam"] = new("Delete a team; its members lose their team", 200, null, [401, 403, 404]),

        ["ListUsers"] = new("List users with exact-match filters (TimeTrack)", 200, Array(Ref("User")), [400, 401,
            403], Paged: true,
            Query: [("id", Uuid(), "User id."), ("username", String(), "Case-insensitive."), ("firstName", String(),
                "Case-insensitive."),
                ("lastName", String(), "Case-insensitive."), ("email", String(), "Case-insensitive."), ("language",
                    String(), "Case-insensitive."),
                ("personalNumber", String(), "Case-insensitive."), ("enabled", Boolean(), "true or false."),
                    ("admin", Boolean(), "true or false."),
                ("teamLead", Boolean(), "true or false."), .. Paging]),
        ["CreateUser"] = new("Create an active user (TimeTrack)", 201, Ref("User"), [400, 401, 403, 409, 413],
            Body: Object(("username", String()), ("firstName", String()), ("lastName", String()), ("email",
                String("email")),
                ("password", String()), ("admin?", Boolean()), ("teamLead?", Boolean()), ("language?", String()),
                ("personalNumber?", new JsonObject { ["type"] = new JsonArray("integer",
                    "string") })).WithExample(new JsonObject
            {
                ["teamLead"] = false, ["password"] = "123123123", ["firstName"] = "Max", ["admin"] = true,
                    ["username"] = "test6",
                ["email"] = "test4@test.com", ["language"] = "de", ["personalNumber"] = 1234, ["lastName"] = "Smith",
            })),
        ["GetUser"] = new("Get a user (TimeTrack)", 200, Ref("User"), [401, 403, 404]),
        ["UpdateUser"] = new("Update any field but enabled and username (TimeTrack)", 200, Ref("User"), [400, 401,
            403, 404, 409, 413],
            Body: Object(("firstName?", String()), ("lastName?", String()), ("email?", String("email")),
                ("password?", String()),
                ("admin?", Boolean()), ("teamLead?", Boolean()), ("language?", String()), ("personalNumber?",
                    String()))),
        ["DeleteUser"] = new("Soft-delete a user (TimeTrack)", 200, null, [401, 403, 404, 409]),

        ["ClockIn"] = new("Clock in (Idempotency-Key honoured)", 201, Ref("AttendanceEvent"), [400, 401, 403, 404,
            409, 413], Body: Object(("userId", Uuid()), ("comment?", String()), ("officeId?", String()))),
        ["ClockOut"] = new("Clock out of the open session (Idempotency-Key honoured)", 201, Ref("AttendanceEvent"),
            [400, 401, 403, 404, 409, 413],
            Body: Object(("userId", Uuid()), ("comment?", String()), ("officeId?", String()))),
        ["CreateAttendancePair"] = new("Record a clock-in and clock-out pair (Idempotency-Key honoured)", 201,
            Ref("AttendancePair"),
            [400, 401, 403, 404, 409, 413], Body: Object(("date", String("date")), ("clockInTimestampUtc", String()),
                ("clockOutTimestampUtc", String()),
                ("userId", Uuid()), ("officeId?", String()), ("clockInComment?", String()), ("clockOutComment?",
                    String())).WithExample(new JsonObject
            {
                ["date"] = "2025-07-18", ["clockInTimestampUtc"] = "2025-07-18T08:00:00",
                    ["clockOutTimestampUtc"] = "2025-07-18T17:00:00",
                ["userId"] = "USER-ID", ["officeId"] = "OFFICE-ID", ["clockInComment"] = "Started shift",
                    ["clockOutComment"] = "Ended shift",
            })),
        ["DeleteAttendanceEvent"] = new("Delete an attendance event and its pair", 200, Enum("Ok"), [401, 403, 404]),
        ["QueryAttendanceEvents"] = new("Attendance events whose local date is in the range (Accept: text/csv for a timesheet, a row per pair)",
            200, Array(Ref("AttendanceEvent")), [400, 401, 403, 404], Csv: true,
            Query: [("startDate", String("date"), "YYYY-MM-DD (required)."), ("endDate", String("date"),
                "YYYY-MM-DD (required), ≤ 366 days after startDate."),
                ("userId", Uuid(), "One user."), ("userIds", String(), "Comma-separated user ids.")]),
        ["IngestActivity"] = new(
            "Upload a batch of active/idle samples from a desktop tracker, or from a relay for several members", 200,
            Ref("ActivityResult"), [400, 401, 403, 404, 413],
            Body: Object(("user_id?", Uuid()), ("samples", Array(Object(("id", Uuid()), ("start", DateTime()),
                ("end", DateTime()), ("state", Enum("active", "idle")), ("user_id?", Uuid())))))),

        ["WorkTimeAnalysis"] = new("Worked, active and idle time per member over a range (TrackPilots; Accept: text/csv for a row per member)",
            200, Ref("WorkTimeAnalysis"), [400, 401, 403, 404, 413], Csv: true, Body: Object(("startDate",
                String(example: "2026-02-08 00:00:00")), ("endDate", String(example: "2026-02-08 23:59:59")),
                ("timeZone", String(example: "Asia/Kolkata")), ("userId", Array(Uuid())), ("teamId?",
                    Array(Uuid()))).WithExample(new JsonObject
            {
                ["startDate"] = "2026-02-08 00:00:00", ["endDate"] = "2026-02-08 23:59:59",
                    ["timeZone"] = "Asia/Kolkata",
                ["userId"] = new JsonArray("ab7c4f30-1024-471a-a767-739df0dc53fd"), ["teamId"] = new JsonArray(),
            })),
        ["ActiveUsers"] = new("Members active per day, newest first (Rocket.Chat)", 200, Ref("EngagementDays"), [400,
            401, 403], Query: Engagement()),
        ["NewUsers"] = new("Members created per day, newest first (Rocket.Chat)", 200, Ref("EngagementDays"), [400,
            401, 403], Query: Engagement()),

        ["RunJob"] = new("Run a timer job now (rollup, auto-clock-out, purge-activity)", 200, Ref("JobResult"), [401,
            403, 404], Caller: Caller.AdminKey),
        ["GetOpenApiDocument"] = new("This document", 200, new JsonObject { ["type"] = "object" }, [],
            Caller: Caller.Anonymous),
    };

    private static (string, JsonObject, string)[] Engagement() =>
    [
        ("start", DateTime(), "ISO 8601 instant (required), e.g. 2011-10-05T14:48:00.000Z."),
        ("end", DateTime(), "ISO 8601 instant (required)."),
        ("timeZone", String(), "IANA zone of the day boundaries (default UTC)."),
    ];
}

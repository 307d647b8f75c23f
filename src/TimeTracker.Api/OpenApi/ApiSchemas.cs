using System.Text.Json.Nodes;
using TimeTracker.Core.Members;
using static TimeTracker.Api.OpenApi.Schema;

namespace TimeTracker.Api.OpenApi;

/// <summary>
/// The shapes the API reads and writes, per vendor family (docs/API.md), as named component schemas. The tests check
/// real responses against them, so a field renamed in a response record without its schema here fails.
/// </summary>
internal static class ApiSchemas
{
    private static readonly string[] Roles = [.. MemberRoles.WireNames];

    public static JsonObject Components() => new()
    {
        // WebWork envelope (members, users, teams, keys, workspaces, sign-in, activity, jobs)
        ["Meta"] = Object(("api_version", String(example: "2.0.0")), ("timestamp", DateTime()), ("pagination?",
            Ref("Pagination"))),
        ["Pagination"] = Object(("per_page", Integer()), ("next_page_token", NullableString()), ("has_more",
            Boolean())),
        ["WebWorkError"] = Object(("success", Boolean()), ("message", String()), ("errors?", Map(Array(String()))),
            ("meta", Ref("Meta")))
            .Describe("WebWork's error shape; errors names the offending field."),
        ["Member"] = Object(
            ("id", Uuid()), ("email", String("email")), ("firstname", String()), ("lastname", String()), ("avatar",
                NullableString()),
            ("current_role", Enum(Roles)), ("timezone", NullableString()), ("status", Enum("active", "invited",
                "deleted")),
            ("team_name", NullableString()), ("title", NullableString()), ("birth_date", NullableString("date")),
            ("hired_at", NullableString("date-time")), ("preferred_timezone", NullableString()),
            ("settings_max_inactive_minutes", Nullable(Integer())), ("currency", NullableString()), ("rate",
                Nullable(Number())),
            ("rate_type", NullableString()), ("rate_status", Nullable(Integer())), ("tax_country", NullableString()),
            ("tax_state", NullableString()), ("is_blocked", Boolean()), ("weekly_hours_limit", Nullable(Integer())),
            ("screenshots", NullableString()), ("created_at", DateTime()), ("updated_at", DateTime()),
            ("deleted_at", NullableString("date-time")), ("team_id", Nullable(Uuid())), ("username", NullableString())),
        ["Invitation"] = Object(("user_id", Uuid()), ("invitation_link", String("uri"))),
        ["Team"] = Object(("id", Uuid()), ("name", String())),
        ["User"] = Object(
            ("id", Uuid()), ("username", NullableString()), ("firstName", String()), ("lastName", String()),
                ("email", String("email")),
            ("enabled", Boolean()), ("admin", Boolean()), ("teamLead", Boolean()), ("language", NullableString()),
            ("personalNumber", new JsonObject { ["type"] = new JsonArray("integer", "string", "null") })),
        ["ApiKey"] = Object(("id", Uuid()), ("name", String()), ("member_id", Uuid()), ("created_at", DateTime()),
            ("expires_at", NullableString("date-time")), ("token",
                NullableString().Describe("Only in the answer that created the key."))),
        ["Workspace"] = Object(("id", Uuid()), ("name", String()), ("timezone", String()), ("created_at", DateTime()),
            ("auto_clock_out_after_hours", Nullable(Integer())), ("activity_retention_days", Nullable(Integer())),
            ("work_time_source", Enum("attendance", "activity")), ("activity_session_gap_minutes", Integer())),
        ["WorkspaceCreated"] = Object(("workspace", Ref("Workspace")), ("owner", Ref("Member")), ("token", String())),
        ["SignIn"] = Object(("token", String()), ("expires_at", NullableString("date-time")), ("member_id", Uuid())),
        ["ActivityResult"] = Object(("accepted", Integer()), ("duplicates", Integer())),
        ["JobResult"] = Object(("job", String()), ("counts", Map(Integer())),
            ("failures", Array(Object(("workspace_id", String()), ("error", String()))))),

        // Attendance (bare camelCase objects, RFC 9457 errors)
        ["AttendanceEvent"] = Object(
            ("id", Uuid()), ("linkedAttendanceEventId", Nullable(Uuid())), ("userId", Uuid()), ("createByUserId",
                String()),
            ("officeId", NullableString()), ("date", String("date")), ("momentCreated", UtcWithoutZone()),
                ("timestamp", UtcWithoutZone()),
            ("ipAddress", NullableString()), ("type", Enum("CLOCK-IN", "CLOCK-OUT")), ("comment", NullableString()),
                ("autoClockedOut?", Boolean())),
        ["AttendancePair"] = Object(("clockIn", Object(
                ("id", Uuid()), ("userId", Uuid()), ("createByUserId", String()), ("officeId", NullableString()),
                    ("date", String("date")),
                ("momentCreated", UtcWithoutZone()), ("timestamp", UtcWithoutZone()), ("ipAddress", NullableString()),
                ("type", Enum("CLOCK-IN")), ("comment", NullableString()))),
            ("clockOut", Ref("AttendanceEvent"))),
        ["Problem"] = Object(("type", String()), ("title", String()), ("status", Integer()), ("detail", String()),
            ("errors?", Map(Array(String()))))
            .Describe("RFC 9457 problem details."),

        // TrackPilots
        ["WorkTimeRow"] = Object(
            ("user", Object(("userId", Uuid()), ("name", String()), ("profilePicUrl", NullableString()))),
            ("timeSummary", Object(("totalWorkedTimeInSeconds", Integer()), ("activeWorkedTimeInSeconds", Integer()),
                ("idleWorkedTimeInSeconds", Integer()))),
            ("session", Object(("inTime", NullableString("date-time")), ("outTime", NullableString("date-time")),
                ("isWorking", Boolean())))),
        ["WorkTimeAnalysis"] = Object(("success", Boolean()), ("statusCode", Integer()), ("statusMessage", String()),
            ("error", new JsonObject { ["type"] = "null" }), ("data", Array(Ref("WorkTimeRow")))),
        ["TrackPilotsError"] = Object(("success", Boolean()), ("statusCode", Integer()), ("statusMessage", String()),
            ("error", Object(("code", String()), ("message", String()), ("field?", String()))), ("data",
                new JsonObject { ["type"] = "null" })),

        // Rocket.Chat
        ["EngagementDays"] = Object(("month", Array(Object(("usersList", Array(String())), ("users", Integer()),
            ("day", Integer()), ("month", Integer()), ("year", Integer())))), ("success", Boolean())),
        ["RocketChatNotLoggedIn"] = Object(("status", Enum("error")), ("message", String())),
        ["RocketChatFailure"] = Object(("success", Boolean()), ("error", String())),
    };

    /// <summary>The attendance doc writes UTC instants without a zone designator: 2025-07-18T08:00:00.000000.</summary>
    private static JsonObject UtcWithoutZone() =>
        String(example: "2025-07-18T08:00:00.000000").Describe("UTC, microseconds, no zone designator.");
}

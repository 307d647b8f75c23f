namespace TimeTracker.Tests.Api;

/// <summary>
/// One bad request: where it goes, who sends it, its body (raw bytes, so invalid UTF-8 and lone surrogate escapes
/// reach the server as a careless or hostile client would send them), and the status and field the answer must name.
/// Paths and bodies may hold placeholders filled per server: {ws}, {member}, {team}, {invite}.
/// </summary>
public sealed record BadInput(string Name, string Method, string Path, byte[]? Body, string Field, int Status = 400,
    string Sender = "owner");

/// <summary>The project's corpus of bad input over every endpoint (see <see cref="BadInputTests{TServer}"/>).</summary>
public static class BadInputCorpus
{
    private const string InvalidUtf8 = "\u0001INVALID_UTF8";

    // Raw JSON values, sent as they are written here.
    private const string LoneLow = "\"\\udc00abc\"";
    private const string LoneHigh = "\"x\\ud800\"";
    private const string Injection = "\"'; DROP TABLE members;--\"";

    private static readonly string[] TextValues = ["123", "{}", "[]", "true", LoneLow, LoneHigh,
        $"\"{InvalidUtf8}\"", $"\"{new string('x', 5000)}\""];
    private static readonly string[] RequiredTextValues = [.. TextValues, "null", "\"\"", "\"   \""];
    private static readonly string[] IdValues = ["{}", "[]", "true", LoneLow, $"\"{InvalidUtf8}\""];
    private static readonly string[] IntValues = ["\"12\"", "1.5", "1e309", "2147483648", "-99999999999", "true", "[]"];
    private static readonly string[] InstantValues =
        ["\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:30:00Z\"", "\"1999-12-31T23:59:59Z\"",
            "\"2026-02-30T08:00:00Z\"", "\"2026-01-05T25:00:00Z\"",
         "\"yesterday\"", "20260105", LoneLow, "null"];
    private static readonly string[] ZoneValues = ["\"Mars/Olympus\"", Injection, "\"../../etc/passwd\"", "5",
        LoneLow, $"\"{InvalidUtf8}\""];
    private static readonly string[] BoolValues = ["\"yes\"", "2", "[]"];
    private static readonly string[] BodyValues =
        ["{", "{\"name\": ", "[]", "42", "\"text\"", "null", string.Concat(Enumerable.Repeat("{\"a\":",
            40)) + "1" + new string('}', 40)];

    private sealed record Endpoint(string Name, string Method, string Path, Dictionary<string, string> Body,
        string Sender = "owner");

    public static readonly IReadOnlyDictionary<string, BadInput> All = Build().ToDictionary(c => c.Name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys) data.Add(name);
        return data;
    }

    private static IEnumerable<BadInput> Build()
    {
        var owner = "{\"email\": \"new-owner@example.com\", \"firstname\": \"O\", \"lastname\": \"W\"}";
        var sample = new Dictionary<string, string>
        {
            ["id"] = "\"0b6f3a9e-0d7c-4c55-9a55-5d0f0a3c7e11\"", ["start"] = "\"2026-01-05T09:00:00Z\"",
                ["end"] = "\"2026-01-05T09:05:00Z\"", ["state"] = "\"idle\"",
        };
        Endpoint[] endpoints =
        [
            new("workspace", "POST", "/api/v1/workspaces", new() { ["name"] = "\"Acme\"", ["timezone"] = "\"UTC\"",
                ["owner"] = owner }, "admin"),
            new("workspace-settings", "PUT", "/api/v1/workspaces/current", new() { ["name"] = "\"Acme\"",
                ["timezone"] = "\"UTC\"", ["auto_clock_out_after_hours"] = "8", ["activity_retention_days"] = "30",
                ["work_time_source"] = "\"activity\"", ["activity_session_gap_minutes"] = "10" }),
            new("login", "POST", "/api/v1/auth/login", new() { ["workspace_id"] = "\"{ws}\"",
                ["login"] = "\"ada@example.com\"", ["password"] = "\"a password\"" }, "none"),
            new("api-key", "POST", "/api/v1/api-keys", new() { ["name"] = "\"laptop\"",
                ["member_id"] = "\"{member}\"", ["expires_in_days"] = "30" }),
            new("invite", "POST", "/api/v2/members", new() { ["workspace_id"] = "\"{ws}\"",
                ["email"] = "\"x@example.com\"", ["firstname"] = "\"X\"", ["lastname"] = "\"Y\"",
                    ["role"] = "\"Regular User\"", ["timezone"] = "\"UTC\"" }),
            new("member-update", "PUT", "/api/v2/members/{member}", new()
            {
                ["email"] = "\"m@example.com\"", ["firstname"] = "\"M\"", ["username"] = "\"mm\"",
                    ["role"] = "\"Regular User\"", ["timezone"] = "\"UTC\"",
                ["birth_date"] = "\"1990-01-01\"", ["hired_at"] = "\"2024-01-01T00:00:00Z\"",
                    ["weekly_hours_limit"] = "40", ["rate"] = "10", ["currency"] = "\"EUR\"",
                ["is_blocked"] = "false", ["title"] = "\"Dev\"",
            }),
            new("team", "POST", "/api/v2/teams", new() { ["name"] = "\"Blue\"" }),
            new("team-update", "PUT", "/api/v2/teams/{team}", new() { ["name"] = "\"Green\"" }),
            new("user", "POST", "/api/v2/ext/users", new()
            {
                ["username"] = "\"newbie\"", ["firstName"] = "\"N\"", ["lastName"] = "\"B\"",
                    ["email"] = "\"n@example.com\"", ["password"] = "\"123123123\"",
                ["admin"] = "false", ["language"] = "\"de\"",
            }),
            new("user-update", "PUT", "/api/v2/ext/users/{member}", new() { ["firstName"] = "\"N\"",
                ["email"] = "\"u@example.com\"", ["password"] = "\"123123123\"", ["teamLead"] = "false" }),
            new("clock-in", "POST", "/api/attendance-events/clock-in", new() { ["userId"] = "\"{member}\"",
                ["comment"] = "\"hi\"", ["officeId"] = "\"hq\"" }),
            new("clock-out", "POST", "/api/attendance-events/clock-out", new() { ["userId"] = "\"{member}\"",
                ["comment"] = "\"bye\"" }),
            new("pair", "POST", "/api/attendance-events/create", new()
            {
                ["date"] = "\"2026-01-05\"", ["clockInTimestampUtc"] = "\"2026-01-05T08:00:00\"",
                    ["clockOutTimestampUtc"] = "\"2026-01-05T17:00:00\"",
                ["userId"] = "\"{member}\"", ["clockInComment"] = "\"in\"",
            }),
            new("activity", "POST", "/api/v1/activity", new() { ["user_id"] = "\"{member}\"",
                ["samples"] = $"[{Json(sample)}]" }),
            new("analysis", "POST", "/api/v1/dashboard/work-time-analysis", new()
            {
                ["startDate"] = "\"2026-01-05 00:00:00\"", ["endDate"] = "\"2026-01-05 23:59:59\"",
                    ["timeZone"] = "\"Asia/Kolkata\"", ["userId"] = "[\"{member}\"]", ["teamId"] = "[]",
            }),
            new("accept", "POST", "/api/v2/invitations/{invite}/accept",
                new() { ["password"] = "\"long enough password\"", ["username"] = "\"joiner\"" }, "none"),
        ];

        var kinds = new Dictionary<(string Endpoint, string Field), string[]>
        {
            [("workspace", "name")] = RequiredTextValues, [("workspace", "timezone")] = [.. ZoneValues, "null"],
                [("workspace", "owner")] = ["\"o\"", "[]", "null"],
            [("workspace-settings", "name")] = RequiredTextValues, [("workspace-settings", "timezone")] = ZoneValues,
            [("workspace-settings", "auto_clock_out_after_hours")] = [.. IntValues, "0", "49"],
                [("workspace-settings", "activity_retention_days")] = [.. IntValues, "0"],
            [("workspace-settings", "work_time_source")] = ["\"tracker\"", "\"Activity\"", "1", "null", LoneLow,
                $"\"{InvalidUtf8}\""],
            [("workspace-settings", "activity_session_gap_minutes")] = [.. IntValues, "0", "121"],
            [("login", "workspace_id")] = [.. IdValues, "null"], [("login", "login")] = RequiredTextValues,
                [("login", "password")] = ["123", LoneLow, $"\"{InvalidUtf8}\"", "null"],
            [("api-key", "name")] = RequiredTextValues, [("api-key", "member_id")] = IdValues, [("api-key",
                "expires_in_days")] = [.. IntValues, "0", "3651"],
            [("invite", "email")] = [.. RequiredTextValues, "\"not-an-email\""], [("invite",
                "firstname")] = RequiredTextValues, [("invite", "role")] = ["\"Boss\"", "3", LoneLow, "null"],
            [("invite", "timezone")] = ZoneValues, [("invite", "workspace_id")] = IdValues,
            [("member-update", "email")] = ["\"nope\"", LoneLow, "5"], [("member-update", "firstname")] = ["\"\"",
                LoneHigh, "[]"], [("member-update", "username")] = ["\"has space\"", "\"a@b\"", LoneLow],
            [("member-update", "role")] = ["\"Boss\"", "null", "1"], [("member-update", "timezone")] = ZoneValues,
            [("member-update", "birth_date")] = ["\"0001-01-01\"", "\"9999-12-31\"", "\"1990-02-30\"",
                "\"01/02/1990\"", "19900101"],
            [("member-update", "hired_at")] = ["\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"soon\""],
                [("member-update", "weekly_hours_limit")] = [.. IntValues, "169"],
            [("member-update", "rate")] = ["\"ten\"", "1e309", "-1"], [("member-update", "currency")] = ["\"EURO\"",
                "\"E1R\"", LoneLow], [("member-update", "is_blocked")] = BoolValues,
            [("member-update", "title")] = TextValues,
            [("team", "name")] = RequiredTextValues, [("team-update", "name")] = ["null", "\"\"", LoneLow, "{}"],
            [("user", "username")] = [.. RequiredTextValues, "\"a b\""], [("user", "firstName")] = ["null", LoneLow],
                [("user", "email")] = ["\"nope\"", "null"],
            [("user", "password")] = ["\"short\"", "null", LoneLow, "12345678"], [("user", "admin")] = BoolValues,
                [("user", "language")] = ["\"a very long language tag\"", LoneLow],
            [("user-update", "firstName")] = ["\"\"", LoneLow], [("user-update", "email")] = ["\"nope\"", "[]"],
                [("user-update", "password")] = ["\"short\"", LoneHigh],
            [("user-update", "teamLead")] = BoolValues,
            [("clock-in", "userId")] = [.. IdValues, "null", Injection], [("clock-in", "comment")] = TextValues,
                [("clock-in", "officeId")] = TextValues,
            [("clock-out", "userId")] = [Injection, "null", LoneLow], [("clock-out", "comment")] = TextValues,
            [("pair", "date")] = ["\"0001-01-01\"", "\"9999-12-31\"", "\"2026-02-30\"", "\"2026-01-06\"", "null",
                LoneLow],
            [("pair", "clockInTimestampUtc")] = InstantValues,
            [("pair", "clockOutTimestampUtc")] = [.. InstantValues, "\"2026-01-05T07:00:00\"",
                "\"2026-01-08T08:00:00\"", "\"2099-01-05T08:00:00\""],
            [("pair", "userId")] = [Injection, "null", "{}"], [("pair", "clockInComment")] = TextValues,
            [("activity", "samples")] = ["[]", "{}", "null", "\"x\"",
                $"[{string.Join(",", Enumerable.Repeat(Json(sample), 1001))}]", "[1]"],
            [("activity", "user_id")] = [Injection, LoneLow],
            [("analysis", "startDate")] = ["\"0001-01-01 00:00:00\"", "\"9999-12-31 23:59:59\"", "\"2026-01-05\"",
                "\"2026-02-30 00:00:00\"", LoneLow, "null"],
            [("analysis", "endDate")] = ["\"9999-12-31 23:59:59\"", "\"2026-01-04 00:00:00\"",
                "\"2028-01-05 00:00:00\"", "5"],
            [("analysis", "timeZone")] = ZoneValues, [("analysis", "userId")] = ["\"{member}\"", "[5]",
                $"[{LoneLow}]", "[\"not-a-uuid\"]", "[]"],
            [("analysis", "teamId")] = ["\"x\"", "[{}]", $"[{Injection}]"],
            [("accept", "password")] = ["\"short\"", "null", LoneLow, "{}"], [("accept", "username")] = ["\"a b\"",
                LoneLow],
        };

        foreach (var endpoint in endpoints)
        {
            foreach (var raw in BodyValues)
                yield return Case($"{endpoint.Name}: body {Describe(raw)}", endpoint, raw, "body");
            yield return Case($"{endpoint.Name}: body of 6 MiB", endpoint,
                $"{{\"pad\": \"{new string(' ', 6 << 20)}\"}}", "body", 413);
            foreach (var ((name, field), values) in kinds.Where(k => k.Key.Endpoint == endpoint.Name))
            {
                foreach (var value in values)
                {
                    var body = new Dictionary<string, string>(endpoint.Body) { [field] = value };
                    yield return Case($"{endpoint.Name}: {field} = {Describe(value)}", endpoint, Json(body),
                        ExpectedField(name, field, value), ExpectedStatus(name, field, value));
                }
                if (endpoint.Body.ContainsKey(field) && Required(name, field))
                    yield return Case($"{endpoint.Name}: {field} missing", endpoint, Json(endpoint.Body.Where(p =>
                        p.Key != field).ToDictionary()), field);
            }
        }
        foreach (var (field, value) in SampleCases())
        {
            var body = new Dictionary<string, string>(sample) { [field] = value };
            var activity = endpoints.Single(e => e.Name == "activity");
            yield return Case($"activity: samples[0].{field} = {Describe(value)}", activity,
                Json(new Dictionary<string, string> { ["samples"] = $"[{Json(body)}]" }), $"samples[0].{field}");
        }
        foreach (var c in QueryCases()) yield return c;
        foreach (var c in NestedOwnerCases(endpoints[0])) yield return c;
    }

    private static IEnumerable<(string Field, string Value)> SampleCases() =>
    [
        ("id", "\"not-a-uuid\""), ("id", Injection), ("id", LoneLow), ("id", $"\"{InvalidUtf8}\""), ("id", "null"),
            ("id", "42"),
        ("start", "\"2026-01-05T09:00:00\""), ("start", "\"0001-01-01T00:00:00Z\""), ("start",
            "\"9999-12-31T23:59:59Z\""), ("start", LoneLow),
        ("end", "\"2026-01-05T08:59:00Z\""), ("end", "\"2026-01-05T10:00:01Z\""), ("end", "\"2026-01-05T09:00:00Z\""),
        ("state", "\"asleep\""), ("state", "1"), ("state", "null"),
    ];

    private static IEnumerable<BadInput> QueryCases()
    {
        (string Path, string Field, int Status)[] cases =
        [
            ("/api/v2/members?per_page=0", "per_page", 400), ("/api/v2/members?per_page=abc", "per_page", 400),
                ("/api/v2/members?per_page=201", "per_page", 400),
            ("/api/v2/members?status=bogus", "status", 400), ("/api/v2/members?role=Boss", "role", 400),
                ("/api/v2/members?page_token=%25%25%25", "page_token", 400),
            ("/api/v2/members?page_token=zzzz", "page_token", 400),
            ("/api/v2/ext/users?per_page=-1", "per_page", 400), ("/api/v2/ext/users?enabled=maybe", "enabled", 400),
                ("/api/v2/ext/users?admin=2", "admin", 400),
            ("/api/v2/ext/users?page_token=' OR 1=1", "page_token", 400),
            ("/api/attendance-events?startDate=0001-01-01&endDate=2026-01-01", "startDate", 400),
            ("/api/attendance-events?startDate=2026-01-01&endDate=9999-12-31", "endDate", 400),
            ("/api/attendance-events?startDate=2026-02-30&endDate=2026-03-01", "startDate", 400),
            ("/api/attendance-events?endDate=2026-03-01", "startDate", 400),
            ("/api/attendance-events?startDate=2026-03-01&endDate=2026-02-01", "endDate", 400),
            ("/api/attendance-events?startDate=2024-01-01&endDate=2026-01-01", "endDate", 400),
            ("/api/attendance-events?startDate=2026-01-01&endDate=2026-01-31&userId=' OR 1=1 --", "userId", 404),
            ("/api/attendance-events?startDate=2026-01-01&endDate=2026-01-31&userIds=a,b", "userIds", 404),
            ("/api/v1/engagement-dashboard/users/active-users?start=0001-01-01T00:00:00Z&end=2026-01-01T00:00:00Z",
                "start", 400),
            ("/api/v1/engagement-dashboard/users/active-users?start=2026-01-01T00:00:00Z&end=9999-12-31T23:59:59Z",
                "end", 400),
            ("/api/v1/engagement-dashboard/users/active-users?start=yesterday&end=2026-01-01T00:00:00Z", "start", 400),
            ("/api/v1/engagement-dashboard/users/active-users?end=2026-01-01T00:00:00Z", "start", 400),
            ("/api/v1/engagement-dashboard/users/active-users?start=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z",
                "end", 400),
            ("/api/v1/engagement-dashboard/users/active-users?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&timeZone=Mars/Olympus", "timeZone", 400),
            ("/api/v1/engagement-dashboard/users/new-users?start=9999-01-01T00:00:00Z&end=9999-12-31T00:00:00Z",
                "start", 400),
            ("/api/v1/engagement-dashboard/users/new-users?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&timeZone=%00", "timeZone", 400),
        ];
        foreach (var (path, field, status) in cases)
            yield return new BadInput($"GET {path}", "GET", path, null, field, status);
        foreach (var (method, path) in new[] { ("GET", "/api/v2/members/not-a-uuid"), ("PUT",
            "/api/v2/members/'%20OR%201=1"), ("GET", "/api/v2/teams/..%5C..%5Cetc"),
                     ("DELETE", "/api/attendance-events/%3Cscript%3E"), ("DELETE", "/api/v1/api-keys/not-a-key"),
                         ("GET", "/api/v2/ext/users/%F0%9F%98%80") })
            yield return new BadInput($"{method} {path}", method, path, method == "PUT" ? "{}"u8.ToArray() : null,
                "", 404);
    }

    private static IEnumerable<BadInput> NestedOwnerCases(Endpoint workspace)
    {
        foreach (var (field, value) in new[] { ("email", "\"nope\""), ("email", LoneLow), ("firstname", "null"),
            ("lastname", "[]"), ("password", "\"short\""), ("password", LoneHigh) })
        {
            var owner = new Dictionary<string, string> { ["email"] = "\"o@example.com\"", ["firstname"] = "\"O\"",
                ["lastname"] = "\"W\"", [field] = value };
            var body = new Dictionary<string, string>(workspace.Body) { ["owner"] = Json(owner) };
            yield return Case($"workspace: owner.{field} = {Describe(value)}", workspace, Json(body), $"owner.{field}");
        }
    }

    /// <summary>The field an answer names: the mutated one, or the bad item of an array.</summary>
    private static string ExpectedField(string endpoint, string field, string value) => (endpoint, field, value) switch
    {
        ("activity", "samples", "[1]") => "samples[0]",
        ("analysis", "userId" or "teamId", "[5]" or "[{}]" or $"[{LoneLow}]") => $"{field}[0]",
        _ => field,
    };

    private static int ExpectedStatus(string endpoint, string field, string value) => (endpoint, field, value) switch
    {
        (_, "member_id" or "userId" or "user_id", Injection) => 404,
        _ => 400,
    };

    private static bool Required(string endpoint, string field) => (endpoint, field) switch
    {
        ("workspace", "name" or "timezone" or "owner") => true,
        ("login", _) => true,
        ("api-key", "name") => true,
        ("invite", "email" or "firstname" or "role") => true,
        ("team", "name") => true,
        ("user", "username" or "firstName" or "email" or "password") => true,
        ("clock-in" or "clock-out", "userId") => true,
        ("pair", "date" or "clockInTimestampUtc" or "clockOutTimestampUtc" or "userId") => true,
        ("activity", "samples") => true,
        ("analysis", "startDate" or "endDate" or "timeZone") => true,
        ("accept", "password") => true,
        _ => false,
    };

    private static BadInput Case(string name, Endpoint endpoint, string json, string field, int status = 400) =>
        new(name, endpoint.Method, endpoint.Path, Encode(json), field, status, endpoint.Sender);

    private static string Json(Dictionary<string, string> fields) => "{" + string.Join(", ", fields.Select(f =>
        $"\"{f.Key}\": {f.Value}")) + "}";

    /// <summary>UTF-8, except that the invalid-UTF-8 marker becomes bytes no UTF-8 text can hold.</summary>
    private static byte[] Encode(string json)
    {
        var parts = json.Split(InvalidUtf8);
        var bytes = new List<byte>(System.Text.Encoding.UTF8.GetBytes(parts[0]));
        foreach (var part in parts.Skip(1))
        {
            bytes.AddRange([0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80]);
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(part));
        }
        return [.. bytes];
    }

    private static string Describe(string raw) =>
        raw.Contains(InvalidUtf8) ? "invalid UTF-8" : raw.Length > 40 ? $"{raw[..20]}… ({raw.Length} chars)" : raw;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Http;
using static TimeTracker.Api.OpenApi.Schema;

namespace TimeTracker.Api.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document, generated once from <see cref="RouteTable"/> and <see cref="OperationCatalog"/>: every
/// operation with its parameters, request body, each status it answers with that family's body, the security schemes
/// and the vendors' examples. Both hosts serve it through the route table (<c>GET /api/openapi.json</c>).
/// </summary>
public static partial class OpenApiDocument
{
    private static readonly Lazy<byte[]> Utf8 = new(() => JsonSerializer.SerializeToUtf8Bytes(Build()));

    public static Task<IResult> Get(HttpRequest request) =>
        Task.FromResult(Results.Bytes(Utf8.Value, "application/json"));

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex PathParameter();

    public static JsonObject Build()
    {
        var paths = new JsonObject();
        foreach (var endpoint in RouteTable.Endpoints)
        {
            var path = $"/api/{endpoint.Route}";
            if (paths[path] is not JsonObject item) paths[path] = item = new JsonObject();
            item[endpoint.Verb.ToLowerInvariant()] = Operation(endpoint, OperationCatalog.Operations[endpoint.Name]);
        }
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "TimeTracker API",
                ["version"] = "1.0.0",
                ["description"] = "Workforce time tracking, wire-compatible with WebWork Tracker (members), TimeTrack "
                    + "(users), an attendance API, TrackPilots (work-time analysis) and Rocket.Chat's engagement dashboard. "
                    + "Each family answers errors in its own shape; a known route called with another verb answers 405 "
                    + "with Allow, and a write that keeps losing to concurrent writes of the same record answers 503 with "
                    + "Retry-After (nothing was stored; retry). Conventions, limits and deliberate deviations: docs/API.md "
                    + "in the repository.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = ApiSchemas.Components(), ["securitySchemes"] = SecuritySchemes(),
            },
        };
    }

    private static JsonObject Operation(ApiEndpoint endpoint, OperationDoc doc)
    {
        var operation = new JsonObject
        {
            ["operationId"] = endpoint.Name,
            ["summary"] = doc.Summary,
            ["tags"] = new JsonArray(endpoint.Tag),
            ["security"] = Security(doc.Caller),
        };
        var parameters = new JsonArray();
        foreach (Match match in PathParameter().Matches(endpoint.Route))
        {
            var name = match.Groups["name"].Value;
            parameters.Add(new JsonObject
            {
                ["name"] = name, ["in"] = "path", ["required"] = true,
                ["schema"] = name is "token" or "name" ? String() : Uuid(),
            });
        }
        foreach (var (name, schema, description) in doc.Query ?? [])
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name, ["in"] = "query", ["description"] = description, ["schema"] = schema.DeepClone(),
            });
        }
        if (parameters.Count > 0) operation["parameters"] = parameters;
        if (doc.Body is not null)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject { ["schema"] = doc.Body.DeepClone() },
                },
            };
        }
        var responses = new JsonObject { [Status(doc.Success)] = Success(endpoint, doc) };
        foreach (var status in doc.Errors) responses[Status(status)] = Error(endpoint.Tag, status);
        operation["responses"] = responses;
        return operation;
    }

    private static JsonObject Success(ApiEndpoint endpoint, OperationDoc doc)
    {
        var result = (JsonObject?)doc.Result?.DeepClone() ?? new JsonObject { ["type"] = "null" };
        var schema = ErrorFamilies.IsWebWork(endpoint.Tag)
            ? Object(("success", Boolean()), ("message?", String()), ("data", result), ("meta", Ref("Meta")))
            : result;
        var response = Response(doc.Success == 201 ? "Created" : "OK", "application/json", schema);
        if (doc.Csv)
            response["content"]!["text/csv"] = new JsonObject { ["schema"] = String().Describe("A header row, then a row per item.") };
        return response;
    }

    private static JsonObject Error(string tag, int status)
    {
        var description = status switch
        {
            400 => "Bad input; the error names the field. Nothing was written.",
            401 => "Missing, invalid, expired or revoked credentials.",
            403 => "Authenticated, but not allowed (role, rank, or a workspace_id that is not the token's).",
            404 => "Not found; an id of another workspace is not found either.",
            409 => "Conflicts with the current state (duplicate, overlap, last owner, open session).",
            410 => "Already used or expired.",
            413 => "The body is too large.",
            429 => "Too many attempts; retry after the Retry-After header's seconds.",
            _ => "Error.",
        };
        return tag switch
        {
            "Attendance" => Response(description, "application/problem+json", Ref("Problem")),
            "Analytics" => Response(description, "application/json", Ref("TrackPilotsError")),
            "Engagement" => Response(description, "application/json",
                Ref(status == 401 ? "RocketChatNotLoggedIn" : "RocketChatFailure")),
            _ => Response(description, "application/json", Ref("WebWorkError")),
        };
    }

    private static JsonObject Response(string description, string mediaType, JsonObject schema) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = schema } },
    };

    private static string Status(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonArray Security(Caller caller) => caller switch
    {
        Caller.AdminKey => new JsonArray(new JsonObject { ["adminKey"] = new JsonArray() }),
        Caller.Anonymous => new JsonArray(),
        _ => new JsonArray(
            new JsonObject { ["bearer"] = new JsonArray() },
            new JsonObject { ["authToken"] = new JsonArray() },
            new JsonObject { ["authToken"] = new JsonArray(), ["userId"] = new JsonArray() },
            new JsonObject { ["timeTrackKey"] = new JsonArray(), ["timeTrackSecret"] = new JsonArray() }),
    };

    private static JsonObject SecuritySchemes() => new()
    {
        ["bearer"] = new JsonObject
        {
            ["type"] = "http", ["scheme"] = "bearer", ["description"] = "An API token ttk_<keyId>_<secret>.",
        },
        ["authToken"] = Header("X-Auth-Token", "The API token (Rocket.Chat's spelling)."),
        ["userId"] = Header("X-User-Id", "With X-Auth-Token: must be the token's member id."),
        ["timeTrackKey"] = Header("X-TimeTrack-Api-Key", "The token's key id (TimeTrack's spelling)."),
        ["timeTrackSecret"] = Header("X-TimeTrack-Api-Secret", "The token's secret."),
        ["adminKey"] = Header("X-Admin-Key", "The operator's admin key (setting TimeTracker__AdminKey)."),
    };

    private static JsonObject Header(string name, string description) =>
        new() { ["type"] = "apiKey", ["in"] = "header", ["name"] = name, ["description"] = description };
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace TimeTracker.Api.Http;

/// <summary>Rocket.Chat's REST error bodies, byte for byte as its documentation shows them (docs/API.md, Engagement dashboard).</summary>
public static class RocketChat
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record NotLoggedIn(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("message")] string Message);

    private sealed record Failure(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("error")] string Error);

    public static Task<IResult> Handle(HttpRequest request, Func<ApiContext, Task<IResult>> handler) =>
        ErrorBoundary.RunAsync(request, handler, (_, e) => ErrorBoundary.WithRetryAfter(Render(e), e));

    private static IResult Render(ApiException e) => e.Status switch
    {
        StatusCodes.Status401Unauthorized => Results.Json(new NotLoggedIn("error", "You must be logged in to do this."), Json, statusCode: 401),
        StatusCodes.Status403Forbidden => Results.Json(new Failure(false, "User does not have the permissions required for this action [error-unauthorized]"), Json, statusCode: 403),
        StatusCodes.Status400BadRequest when e.Field is not null =>
            Results.Json(new Failure(false, $"Match error: Failed Match.Where validation in field {e.Field}"), Json, statusCode: 400),
        _ => Results.Json(new Failure(false, e.Message), Json, statusCode: e.Status),
    };
}

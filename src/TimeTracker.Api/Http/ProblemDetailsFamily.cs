using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace TimeTracker.Api.Http;

/// <summary>RFC 9457 <c>application/problem+json</c> errors, used by the attendance family (docs/API.md, Attendance).</summary>
public static class ProblemDetailsFamily
{
    public const string ContentType = "application/problem+json";

    public sealed record Problem(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("status")] int Status,
        [property: JsonPropertyName("detail")] string Detail,
        [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, string[]>? Errors);

    public static Task<IResult> Handle(HttpRequest request, Func<ApiContext, Task<IResult>> handler) =>
        ErrorBoundary.RunAsync(request, handler, (_, error) => ErrorBoundary.WithRetryAfter(Render(error), error));

    private static IResult Render(ApiException error) =>
        Results.Json(
            new Problem("about:blank", ReasonPhrases.GetReasonPhrase(error.Status), error.Status, error.Message,
                error.Field is null ? null : new Dictionary<string, string[]> { [error.Field] = [error.Message] }),
            contentType: ContentType, statusCode: error.Status);
}

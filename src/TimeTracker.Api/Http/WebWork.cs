using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace TimeTracker.Api.Http;

/// <summary>
/// WebWork's envelope <c>{success, message?, data, meta}</c> and error shape <c>{success:false, message, errors, meta}</c>,
/// shared by our own v1 endpoints (snake_case) and TimeTrack's users (camelCase data).
/// </summary>
public static class WebWork
{
    public const string ApiVersion = "2.0.0";

    public static readonly JsonSerializerOptions SnakeCase = Options(JsonNamingPolicy.SnakeCaseLower);
    public static readonly JsonSerializerOptions CamelCase = Options(JsonNamingPolicy.CamelCase);

    public sealed record Pagination(
        [property: JsonPropertyName("per_page")] int PerPage,
        [property: JsonPropertyName("next_page_token")] string? NextPageToken,
        [property: JsonPropertyName("has_more")] bool HasMore);

    public sealed record Meta(
        [property: JsonPropertyName("api_version")] string ApiVersion,
        [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
        [property: JsonPropertyName("pagination"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Pagination? Pagination = null);

    public sealed record Envelope(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
        [property: JsonPropertyName("data")] object? Data,
        [property: JsonPropertyName("meta")] Meta Meta);

    public sealed record ErrorEnvelope(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, string[]>? Errors,
        [property: JsonPropertyName("meta")] Meta Meta);

    public static Task<IResult> Handle(HttpRequest request, Func<ApiContext, Task<IResult>> handler) =>
        ErrorBoundary.RunAsync(request, handler, (context, error) => Error(context, error));

    public static IResult Ok(ApiContext context, object? data, string? message = null, int status = StatusCodes.Status200OK,
        Pagination? pagination = null, JsonSerializerOptions? options = null) =>
        Results.Json(new Envelope(true, message, data, new Meta(ApiVersion, context.Now, pagination)), options ?? SnakeCase, statusCode: status);

    private static IResult Error(ApiContext context, ApiException error)
    {
        var errors = error.Field is null ? null : new Dictionary<string, string[]> { [error.Field] = [error.Message] };
        var result = Results.Json(new ErrorEnvelope(false, error.Message, errors, new Meta(ApiVersion, context.Now)), SnakeCase, statusCode: error.Status);
        return ErrorBoundary.WithRetryAfter(result, error);
    }

    private static JsonSerializerOptions Options(JsonNamingPolicy naming) => new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = naming,
        Converters = { new UtcTimestampConverter(UtcTimestampConverter.Seconds) },
    };
}

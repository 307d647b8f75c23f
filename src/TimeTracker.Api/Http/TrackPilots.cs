using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace TimeTracker.Api.Http;

/// <summary>TrackPilots' envelope <c>{success, statusCode, statusMessage, error, data}</c>; errors carry <c>{code, message}</c>.</summary>
public static class TrackPilots
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new UtcTimestampConverter(UtcTimestampConverter.Milliseconds) },
    };

    public sealed record Error(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("field"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field);

    public sealed record Envelope(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("statusCode")] int StatusCode,
        [property: JsonPropertyName("statusMessage")] string StatusMessage,
        [property: JsonPropertyName("error")] Error? Error,
        [property: JsonPropertyName("data")] object? Data);

    public static Task<IResult> Handle(HttpRequest request, Func<ApiContext, Task<IResult>> handler) =>
        ErrorBoundary.RunAsync(request, handler, (_, e) => ErrorBoundary.WithRetryAfter(
            Results.Json(new Envelope(false, e.Status, e.Message, new Error(e.Code, e.Message, e.Field), null), Json, statusCode: e.Status), e));

    public static IResult Ok(object data, string message) =>
        new BufferedJsonResult(new Envelope(true, StatusCodes.Status200OK, message, null, data), Json);
}

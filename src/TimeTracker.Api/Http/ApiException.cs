namespace TimeTracker.Api.Http;

/// <summary>
/// A request that cannot be served, with the status and the field to blame. Each endpoint family renders
/// it in its own error shape; throwing it from anywhere in a handler is how validation short-circuits
/// before anything is written.
/// </summary>
public sealed class ApiException(int status, string message, string? field = null, string? code = null) : Exception(message)
{
    public int Status { get; } = status;
    public string? Field { get; } = field;
    public string Code { get; } = code ?? DefaultCode(status);
    public TimeSpan? RetryAfter { get; init; }

    public static ApiException BadRequest(string field, string message) => new(400, message, field, "validation_error");
    public static ApiException Required(string field) => BadRequest(field, $"The {field} field is required.");
    public static ApiException Unauthorized(string message = "Authentication required: send a valid API token.") => new(401, message);
    public static ApiException Forbidden(string message = "You do not have permission to perform this action.") => new(403, message);
    public static ApiException NotFound(string what) => new(404, $"{what} not found.");
    public static ApiException Conflict(string message, string? field = null) => new(409, message, field);
    public static ApiException TooLarge(long limit) => new(413, $"The request body exceeds {limit} bytes.", "body", "payload_too_large");

    private static string DefaultCode(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        410 => "gone",
        413 => "payload_too_large",
        422 => "unprocessable_entity",
        429 => "too_many_requests",
        _ => "error",
    };
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace TimeTracker.Api.Engagement;

/// <summary>
/// Writes Rocket.Chat's <c>{month: [{usersList, users, day, month, year}], success: true}</c> straight to the response.
/// A year of a large workspace is hundreds of thousands of ids, so each id is encoded once and the body is
/// streamed in chunks rather than built as one string.
/// </summary>
public sealed class DaysJsonResult(IEnumerable<(LocalDate Date, IReadOnlyList<string> Users)> days) : IResult
{
    private const int FlushThreshold = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var encoded = new Dictionary<string, JsonEncodedText>(StringComparer.Ordinal);
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("month");
        foreach (var (date, users) in days)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("usersList");
            foreach (var user in users)
            {
                if (!encoded.TryGetValue(user, out var text)) encoded[user] = text = JsonEncodedText.Encode(user);
                writer.WriteStringValue(text);
            }
            writer.WriteEndArray();
            writer.WriteNumber("users", users.Count);
            writer.WriteNumber("day", date.Day);
            writer.WriteNumber("month", date.Month);
            writer.WriteNumber("year", date.Year);
            writer.WriteEndObject();
            if (writer.BytesPending > FlushThreshold) await writer.FlushAsync(httpContext.RequestAborted);
        }
        writer.WriteEndArray();
        writer.WriteBoolean("success", true);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}

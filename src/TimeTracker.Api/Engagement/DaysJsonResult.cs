using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace TimeTracker.Api.Engagement;

/// <summary>
/// Writes Rocket.Chat's <c>{month: [{usersList, users, day, month, year}], success: true}</c> straight to the response.
/// A year of a large workspace is hundreds of thousands of ids (about 12 MB), so each id is JSON-encoded once, with
/// its quotes, and copied as bytes; the body streams out in chunks rather than being built as one string.
/// </summary>
public sealed class DaysJsonResult(IEnumerable<(LocalDate Date, IReadOnlyList<string> Users)> days) : IResult
{
    private const int FlushThreshold = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var body = httpContext.Response.BodyWriter;
        var encoded = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long unflushed = 0;
        void Write(ReadOnlySpan<byte> bytes)
        {
            body.Write(bytes);
            unflushed += bytes.Length;
        }

        Write("{\"month\":["u8);
        var first = true;
        foreach (var (date, users) in days)
        {
            Write(first ? "{\"usersList\":["u8 : ",{\"usersList\":["u8);
            first = false;
            for (var i = 0; i < users.Count; i++)
            {
                if (i > 0) Write(","u8);
                if (!encoded.TryGetValue(users[i], out var id)) encoded[users[i]] = id = Quoted(users[i]);
                Write(id);
            }
            Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"],\"users\":{users.Count},\"day\":{date.Day},\"month\":{date.Month},\"year\":{date.Year}}}")));
            if (unflushed > FlushThreshold)
            {
                await body.FlushAsync(httpContext.RequestAborted);
                unflushed = 0;
            }
        }
        Write("],\"success\":true}"u8);
        await body.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The id as a JSON string (escaped as System.Text.Json escapes it), quotes included.</summary>
    private static byte[] Quoted(string id)
    {
        var text = JsonEncodedText.Encode(id).EncodedUtf8Bytes;
        var bytes = new byte[text.Length + 2];
        bytes[0] = bytes[^1] = (byte)'"';
        text.CopyTo(bytes.AsSpan(1));
        return bytes;
    }
}

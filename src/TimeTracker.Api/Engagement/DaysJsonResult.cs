using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NodaTime;
using TimeTracker.Core.Analytics;

namespace TimeTracker.Api.Engagement;

/// <summary>
/// Writes Rocket.Chat's <c>{month: [{usersList, users, day, month, year}], success: true}</c> straight to the response.
/// A year of a large workspace is hundreds of thousands of ids (about 12 MB) from a universe of about a thousand: each
/// universe id is JSON-encoded once, with its quotes, and copied by rank; the exact length is known before the first
/// byte, so the body goes out with a Content-Length (no chunk framing) in large copies into the response pipe.
/// </summary>
public sealed class DaysJsonResult(IReadOnlyList<(LocalDate Date, RankedIds Users)> days) : IResult
{
    private const int FlushThreshold = 1 << 20;
    private static readonly byte[] Open = "{\"month\":["u8.ToArray();
    private static readonly byte[] Close = "],\"success\":true}"u8.ToArray();
    private static readonly byte[] FirstHead = "{\"usersList\":["u8.ToArray();
    private static readonly byte[] NextHead = ",{\"usersList\":["u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var encoded = new Dictionary<string[], byte[][]>(ReferenceEqualityComparer.Instance);
        var tails = days.Select(d => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"],\"users\":{d.Users.Count},\"day\":{d.Date.Day},\"month\":{d.Date.Month},\"year\":{d.Date.Year}}}"))).ToList();
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = Length(encoded, tails);

        var body = new Cursor(httpContext.Response.BodyWriter);
        body.Write(Open);
        for (var d = 0; d < days.Count; d++)
        {
            body.Write(d == 0 ? FirstHead : NextHead);
            var ids = encoded[days[d].Users.Universe];
            var first = true;
            foreach (var rank in days[d].Users.Ranks())
            {
                if (!first) body.Write(","u8);
                first = false;
                body.Write(ids[rank]);
            }
            body.Write(tails[d]);
            if (body.Pending < FlushThreshold) continue;
            var flushed = await body.FlushAsync(httpContext.RequestAborted);
            if (flushed.IsCanceled || flushed.IsCompleted) return;
        }
        body.Write(Close);
        await body.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The body's exact length; encodes each universe's ids on the way.</summary>
    private long Length(Dictionary<string[], byte[][]> encoded, List<byte[]> tails)
    {
        long length = Open.Length + Close.Length;
        for (var d = 0; d < days.Count; d++)
        {
            var users = days[d].Users;
            if (!encoded.TryGetValue(users.Universe, out var ids)) encoded[users.Universe] = ids = users.Universe.Select(Quoted).ToArray();
            length += (d == 0 ? FirstHead : NextHead).Length + tails[d].Length + Math.Max(0, users.Count - 1);
            foreach (var rank in users.Ranks()) length += ids[rank].Length;
        }
        return length;
    }

    /// <summary>
    /// Copies into the pipe's current buffer and advances it only when the buffer is full or on flush: hundreds of
    /// thousands of 40-byte writes would otherwise each pay the pipe's bookkeeping.
    /// </summary>
    private sealed class Cursor(PipeWriter pipe)
    {
        private const int BufferSize = 64 * 1024;
        private Memory<byte> _buffer;
        private int _used;

        public long Pending { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            if (_used + bytes.Length > _buffer.Length)
            {
                if (_used > 0) pipe.Advance(_used);
                _buffer = pipe.GetMemory(Math.Max(bytes.Length, BufferSize));
                _used = 0;
            }
            bytes.CopyTo(_buffer.Span[_used..]);
            _used += bytes.Length;
            Pending += bytes.Length;
        }

        public ValueTask<FlushResult> FlushAsync(CancellationToken ct)
        {
            if (_used > 0) pipe.Advance(_used);
            _buffer = default;
            _used = 0;
            Pending = 0;
            return pipe.FlushAsync(ct);
        }
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

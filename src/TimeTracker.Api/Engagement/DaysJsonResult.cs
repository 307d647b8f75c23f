using System.Globalization;
using System.IO.Pipelines;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NodaTime;
using TimeTracker.Core.Analytics;

namespace TimeTracker.Api.Engagement;

/// <summary>
/// Writes Rocket.Chat's <c>{month: [{usersList, users, day, month, year}], success: true}</c> straight to the response,
/// day by day as <paramref name="days"/> yields them, so the first days travel while later ones are still computed.
/// A year of a large workspace is hundreds of thousands of ids (about 12 MB) from a universe of about a thousand: each
/// universe id is JSON-encoded once, with its quotes, and copied by rank in large copies into the response pipe.
/// </summary>
public sealed class DaysJsonResult(IAsyncEnumerable<(LocalDate Date, RankedIds Users)> days) : IResult
{
    private const int FlushThreshold = 256 * 1024;
    private static readonly byte[] Open = "{\"month\":["u8.ToArray();
    private static readonly byte[] Close = "],\"success\":true}"u8.ToArray();
    private static readonly byte[] FirstHead = "{\"usersList\":["u8.ToArray();
    private static readonly byte[] NextHead = ",{\"usersList\":["u8.ToArray();

    /// <summary>
    /// A universe's ids as JSON strings, each with a leading comma, end to end in rank order (<c>Joined</c>; rank
    /// <c>r</c> starts at <c>Starts[r]</c>): a run of consecutive ranks, which most of a day's members form, is then
    /// one copy.
    /// </summary>
    private sealed record EncodedIds(byte[] Joined, int[] Starts);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var ct = httpContext.RequestAborted;
        var encoded = new Dictionary<string[], EncodedIds>(ReferenceEqualityComparer.Instance);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var body = new Cursor(httpContext.Response.BodyWriter);
        body.Write(Open);
        var head = FirstHead;
        await foreach (var (date, users) in days.WithCancellation(ct))
        {
            body.Write(head);
            head = NextHead;
            if (!encoded.TryGetValue(users.Universe, out var ids))
                encoded[users.Universe] = ids = Encode(users.Universe);
            WriteIds(body, ids, users.RankBits);
            body.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"],\"users\":{users.Count},\"day\":{date.Day},\"month\":{date.Month},\"year\":{date.Year}}}")));
            if (body.Pending < FlushThreshold) continue;
            var flushed = await body.FlushAsync(ct);
            if (flushed.IsCanceled || flushed.IsCompleted) return;
        }
        body.Write(Close);
        await body.FlushAsync(ct);
    }

    /// <summary>The ids of the set ranks, comma-separated, one copy per run of consecutive ranks.</summary>
    private static void WriteIds(Cursor body, EncodedIds ids, ReadOnlySpan<ulong> ranks)
    {
        int runStart = -1, runEnd = -1;
        var first = true;
        void Flush()
        {
            if (runStart < 0) return;
            // The day's first id goes without its leading comma.
            var from = ids.Starts[runStart] + (first ? 1 : 0);
            body.Write(ids.Joined.AsSpan(from, ids.Starts[runEnd + 1] - from));
            first = false;
        }
        for (var w = 0; w < ranks.Length; w++)
            for (var word = ranks[w]; word != 0; word &= word - 1)
            {
                var rank = (w << 6) + BitOperations.TrailingZeroCount(word);
                if (rank != runEnd + 1 || runStart < 0)
                {
                    Flush();
                    runStart = rank;
                }
                runEnd = rank;
            }
        Flush();
    }

    private static EncodedIds Encode(string[] universe)
    {
        var ids = universe.Select(Quoted).ToArray();
        var starts = new int[ids.Length + 1];
        for (var r = 0; r < ids.Length; r++) starts[r + 1] = starts[r] + 1 + ids[r].Length;
        var joined = new byte[starts[^1]];
        for (var r = 0; r < ids.Length; r++)
        {
            joined[starts[r]] = (byte)',';
            ids[r].CopyTo(joined, starts[r] + 1);
        }
        return new EncodedIds(joined, starts);
    }

    /// <summary>
    /// Copies into the pipe's current buffer and advances it only when the buffer is full or on flush: hundreds of
    /// thousands of 40-byte writes would otherwise each pay the pipe's bookkeeping.
    /// </summary>
    private sealed class Cursor(PipeWriter pipe)
    {
        private const int BufferSize = 64 * 1024;
        // The pipe's memory as an array segment when it is one (Kestrel's is): indexing an array is cheaper than
        // asking a Memory<byte> for its span on each of hundreds of thousands of writes.
        private ArraySegment<byte> _segment;
        private Memory<byte> _buffer;
        private int _used;

        public long Pending { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            if (_used + bytes.Length > _buffer.Length)
            {
                if (_used > 0) pipe.Advance(_used);
                _buffer = pipe.GetMemory(Math.Max(bytes.Length, BufferSize));
                if (!MemoryMarshal.TryGetArray<byte>(_buffer, out _segment)) _segment = default;
                _used = 0;
            }
            bytes.CopyTo(_segment.Array is { } array ? array.AsSpan(_segment.Offset + _used)
                : _buffer.Span[_used..]);
            _used += bytes.Length;
            Pending += bytes.Length;
        }

        public ValueTask<FlushResult> FlushAsync(CancellationToken ct)
        {
            if (_used > 0) pipe.Advance(_used);
            _buffer = default;
            _segment = default;
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

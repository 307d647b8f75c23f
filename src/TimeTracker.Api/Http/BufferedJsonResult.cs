using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TimeTracker.Api.Http;

/// <summary>
/// JSON serialized into pooled memory first, then sent with a Content-Length in one write. Streaming it as
/// <c>Results.Json</c> does went out chunked in many small flushes: a 1,000-member analysis is 320 KB.
/// </summary>
public sealed class BufferedJsonResult(Action<Utf8JsonWriter> write, JsonSerializerOptions options,
    int statusCode = StatusCodes.Status200OK) : IResult
{
    public BufferedJsonResult(object value, JsonSerializerOptions options, int statusCode = StatusCodes.Status200OK)
        : this(writer => JsonSerializer.Serialize(writer, value, value.GetType(), options), options, statusCode)
    {
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var buffer = new PooledBuffer();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true }))
            write(writer);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.Written.Length;
        await response.BodyWriter.WriteAsync(buffer.Written, httpContext.RequestAborted);
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from the shared pool (large bodies stay off the large-object heap).</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(16 * 1024);
        private int _written;

        public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _written);

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _array.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _array.AsSpan(_written);
        }

        private void Reserve(int sizeHint)
        {
            if (_array.Length - _written >= Math.Max(sizeHint, 1)) return;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _written + sizeHint));
            _array.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
    }
}

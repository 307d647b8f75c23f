using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Time;

namespace TimeTracker.Api.Activity;

/// <summary>
/// Reads the batch trackers send, <c>{"user_id"?, "samples": [{"id", "start", "end", "state", "user_id"?}]}</c>,
/// straight from its UTF-8 bytes: no document, no string per field. It accepts only what the general parser
/// (<see cref="ActivityEndpoints"/>, over <c>RequestBody</c>) accepts, with the same result; anything else — another
/// field, another type, an escaped or padded string, another instant or id shape, any invalid value — makes it give
/// up, and the general parser reads the body and names the problem. A unit test holds the two to the same answers.
/// </summary>
internal static class SampleBatchReader
{
    private const int MaxInstantLength = 40;

    public static bool TryRead(ReadOnlySpan<byte> utf8, string callerId, out List<OwnedSample> samples)
    {
        samples = [];
        try
        {
            return TryReadBatch(utf8, callerId, samples);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadBatch(ReadOnlySpan<byte> utf8, string callerId, List<OwnedSample> samples)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 32 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        string? batchUser = null;
        var parsed = new List<(ActivitySample Sample, string? UserId)>();
        bool seenUser = false, seenSamples = false;
        var users = new UserIds();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("user_id"u8) && !seenUser)
            {
                seenUser = true;
                if (!reader.Read() || !users.TryRead(ref reader, out batchUser)) return false;
            }
            else if (reader.ValueTextEquals("samples"u8) && !seenSamples)
            {
                seenSamples = true;
                if (!TryReadSamples(ref reader, parsed, users)) return false;
            }
            else return false;
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
        if (parsed.Count is 0 or > ActivitySample.MaxBatch) return false;
        for (var i = 0; i < parsed.Count; i++)
            samples.Add(parsed[i].UserId is { } own
                ? new OwnedSample(own, $"samples[{i}].user_id", parsed[i].Sample)
                : new OwnedSample(batchUser ?? callerId, "user_id", parsed[i].Sample));
        return true;
    }

    private static bool TryReadSamples(ref Utf8JsonReader reader, List<(ActivitySample, string?)> parsed,
        UserIds users)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!TryReadSample(ref reader, users, out var sample, out var userId)) return false;
            parsed.Add((sample, userId));
            if (parsed.Count > ActivitySample.MaxBatch) return false;
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadSample(ref Utf8JsonReader reader, UserIds users, out ActivitySample sample,
        out string? userId)
    {
        sample = default!;
        userId = null;
        Guid? id = null;
        DateTimeOffset? start = null, end = null;
        ActivityState? state = null;
        var seenUser = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8) && id is null)
            {
                if (!reader.Read() || !Plain(ref reader) || !Utf8Parser.TryParse(reader.ValueSpan, out Guid value,
                    out var used, 'D') || used != reader.ValueSpan.Length) return false;
                id = value;
            }
            else if (reader.ValueTextEquals("start"u8) && start is null)
            {
                if (!reader.Read() || !TryInstant(ref reader, out var value)) return false;
                start = value;
            }
            else if (reader.ValueTextEquals("end"u8) && end is null)
            {
                if (!reader.Read() || !TryInstant(ref reader, out var value)) return false;
                end = value;
            }
            else if (reader.ValueTextEquals("state"u8) && state is null)
            {
                if (!reader.Read() || !Plain(ref reader)) return false;
                if (reader.ValueTextEquals("active"u8)) state = ActivityState.Active;
                else if (reader.ValueTextEquals("idle"u8)) state = ActivityState.Idle;
                else return false;
            }
            else if (reader.ValueTextEquals("user_id"u8) && !seenUser)
            {
                seenUser = true;
                if (!reader.Read() || !users.TryRead(ref reader, out userId)) return false;
            }
            else return false;
        }
        if (reader.TokenType != JsonTokenType.EndObject || id is null || start is null || end is null
            || state is null) return false;
        if (end <= start || end - start > ActivitySample.MaxLength) return false;
        sample = new ActivitySample(id.Value, start.Value, end.Value, state.Value);
        return true;
    }

    /// <summary>A string token as its raw bytes mean it: not escaped.</summary>
    private static bool Plain(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped;

    private static bool TryInstant(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        var bytes = reader.ValueSpan;
        if (!Plain(ref reader) || bytes.Length > MaxInstantLength) return false;
        Span<char> text = stackalloc char[MaxInstantLength];
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] >= 0x80) return false;
            text[i] = (char)bytes[i];
        }
        return IsoInstant.TryParseCommon(text[..bytes.Length], out value);
    }

    /// <summary>Member ids as strings, one per distinct id in a batch (a tracker's batch repeats its member's).</summary>
    private sealed class UserIds
    {
        private string? _last;

        /// <summary>A non-empty ASCII id without surrounding spaces (what the general parser would not trim).</summary>
        public bool TryRead(ref Utf8JsonReader reader, out string? id)
        {
            id = null;
            var bytes = reader.ValueSpan;
            if (!Plain(ref reader) || bytes.IsEmpty || bytes.Length > 255) return false;
            foreach (var b in bytes)
                if (b >= 0x80 || b <= (byte)' ') return false;
            if (_last is not null && Encoding.ASCII.GetByteCount(_last) == bytes.Length
                && Ascii.Equals(bytes, _last)) id = _last;
            else id = _last = Encoding.ASCII.GetString(bytes);
            return true;
        }
    }
}

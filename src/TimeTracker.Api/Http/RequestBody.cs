using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TimeTracker.Api.Http;

/// <summary>
/// A parsed JSON object body with typed accessors that name the offending field on any mismatch, so every
/// endpoint reports wrong types, missing fields and out-of-range values the same way.
/// </summary>
public sealed class RequestBody
{
    public const long DefaultLimit = 1 << 20;

    private readonly JsonElement _root;
    private readonly string _prefix;

    private RequestBody(JsonElement root, string prefix)
    {
        _root = root;
        _prefix = prefix;
    }

    /// <summary>The raw bytes, for idempotency fingerprints.</summary>
    public ReadOnlyMemory<byte> Raw { get; private init; }

    public static async Task<RequestBody> ReadAsync(HttpRequest request, long limit = DefaultLimit) =>
        FromBytes(await ReadBytesAsync(request, limit));

    /// <summary>The body's bytes, refused past <paramref name="limit"/>; <see cref="FromBytes"/> parses them.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long limit = DefaultLimit)
    {
        if (request.ContentLength > limit) throw ApiException.TooLarge(limit);
        if (request.ContentLength is { } length) return await ReadExactlyAsync(request, (int)length);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit) throw ApiException.TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>A body of a declared length, read into one array (a tracker's 500 samples: no copies).</summary>
    private static async Task<byte[]> ReadExactlyAsync(HttpRequest request, int length)
    {
        var bytes = new byte[length];
        var read = 0;
        while (read < length)
        {
            var got = await request.Body.ReadAsync(bytes.AsMemory(read), request.HttpContext.RequestAborted);
            if (got == 0) break;
            read += got;
        }
        // Kestrel ends a body at its declared length; a shorter one was cut off and fails to parse as it would have.
        return read == length ? bytes : bytes[..read];
    }

    /// <summary>A body as <see cref="ReadAsync"/> reads it: an empty one is an empty object.</summary>
    public static RequestBody FromBytes(byte[] bytes) =>
        Parse(bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty ? "{}"u8.ToArray() : bytes);

    public static RequestBody Parse(byte[] utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("body", $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw ApiException.BadRequest("body", "The request body must be a JSON object.");
        return new RequestBody(document.RootElement, "") { Raw = utf8 };
    }

    public bool Has(string name) => _root.TryGetProperty(name, out _);

    public string FieldName(string name) => _prefix + name;

    public string? String(string name, int maxLength = 255)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) throw Invalid(name, "must be a string");
        var s = Text(v, FieldName(name)).Trim();
        if (s.Length > maxLength) throw Invalid(name, $"must be at most {maxLength} characters");
        return s;
    }

    public string RequiredString(string name, int maxLength = 255)
    {
        var s = String(name, maxLength);
        if (string.IsNullOrEmpty(s)) throw ApiException.Required(FieldName(name));
        return s;
    }

    /// <summary>An identifier sent as a string or, as WebWork's examples do, a number.</summary>
    public string? Id(string name)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => Text(v, FieldName(name)).Trim(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw Invalid(name, "must be a string"),
        };
    }

    public string RequiredId(string name) =>
        Id(name) is { Length: > 0 } id ? id : throw ApiException.Required(FieldName(name));

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i)) throw Invalid(name, "must be an integer");
        if (i < min || i > max) throw Invalid(name, $"must be between {min} and {max}");
        return i;
    }

    public decimal? Decimal(string name, decimal min = decimal.MinValue, decimal max = decimal.MaxValue)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d)) throw Invalid(name, "must be a number");
        if (d < min || d > max) throw Invalid(name, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
        return d;
    }

    /// <summary>A boolean, also accepting 0/1 as WebWork's <c>remove_avatar</c> does.</summary>
    public bool? Bool(string name)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when v.TryGetInt32(out var i) && i is 0 or 1 => i == 1,
            _ => throw Invalid(name, "must be true or false"),
        };
    }

    public IReadOnlyList<string>? StringArray(string name, int maxItems = 1000)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array) throw Invalid(name, "must be an array of strings");
        if (v.GetArrayLength() > maxItems) throw Invalid(name, $"must have at most {maxItems} items");
        var list = new List<string>();
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw ApiException.BadRequest($"{FieldName(name)}[{i}]", $"The {FieldName(name)}[{i}] field must be a string.");
            list.Add(Text(item, $"{FieldName(name)}[{i}]").Trim());
            i++;
        }
        return list;
    }

    /// <summary>A nested object, whose field names are reported as <c>parent.child</c>.</summary>
    public RequestBody? Object(string name)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Object) throw Invalid(name, "must be an object");
        return new RequestBody(v, FieldName(name) + ".");
    }

    /// <summary>The raw elements of an array, for endpoints that validate items themselves.</summary>
    public IReadOnlyList<JsonElement>? Array(string name)
    {
        if (!_root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array) throw Invalid(name, "must be an array");
        return v.EnumerateArray().ToList();
    }

    /// <summary>
    /// A JSON string as .NET text. System.Text.Json refuses invalid UTF-8 and lone surrogate escapes ("\udc00") only
    /// when the string is read, with an InvalidOperationException that used to surface as a 500; here it names the field.
    /// </summary>
    private static string Text(JsonElement value, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw ApiException.BadRequest(field, $"The {field} field must be valid Unicode text (no invalid UTF-8, no unpaired surrogates).");
        }
    }

    public static RequestBody Of(JsonElement element, string prefix) =>
        element.ValueKind == JsonValueKind.Object
            ? new RequestBody(element, prefix)
            : throw ApiException.BadRequest(prefix.TrimEnd('.'), $"The {prefix.TrimEnd('.')} field must be an object.");

    public ApiException Invalid(string name, string rule) =>
        ApiException.BadRequest(FieldName(name), $"The {FieldName(name)} field {rule}.");
}

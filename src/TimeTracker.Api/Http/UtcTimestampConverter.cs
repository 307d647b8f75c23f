using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TimeTracker.Api.Http;

/// <summary>Writes instants in UTC with a trailing Z, in the precision each vendor's examples use.</summary>
public sealed class UtcTimestampConverter(string format) : JsonConverter<DateTimeOffset>
{
    public const string Seconds = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    public const string Milliseconds = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    public const string Microseconds = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
}

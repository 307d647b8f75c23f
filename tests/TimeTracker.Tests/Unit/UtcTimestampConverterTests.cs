using System.Globalization;
using System.Text.Json;
using TimeTracker.Api.Http;

namespace TimeTracker.Tests.Unit;

public sealed class UtcTimestampConverterTests
{
    public static TheoryData<string> Instants => new()
    {
        "2026-02-08T04:00:00+00:00",
        "2026-02-08T09:30:00.1234567+05:30",
        "2026-12-31T23:59:59.9999999-10:00",
        "0001-01-01T00:00:00.0000001+00:00",
        "2026-03-08T07:00:00.000999+00:00",
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void Writes_utc_with_truncated_fractions_like_the_custom_formats(string instant)
    {
        var value = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
        foreach (var (digits, format) in new[] { (0, "yyyy-MM-dd'T'HH:mm:ss'Z'"), (3, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), (6, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'") })
        {
            var options = new JsonSerializerOptions { Converters = { new UtcTimestampConverter(digits) } };
            var expected = JsonSerializer.Serialize(value.UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
            Assert.Equal(expected, JsonSerializer.Serialize(value, options));
            var bare = new JsonSerializerOptions { Converters = { new UtcTimestampConverter(digits, zoneDesignator: false) } };
            Assert.Equal(expected.Replace("Z\"", "\""), JsonSerializer.Serialize(value, bare));
            Assert.Equal(value.UtcTicks / TimeSpan.TicksPerSecond, JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(value, bare), bare).UtcTicks / TimeSpan.TicksPerSecond);
        }
    }
}

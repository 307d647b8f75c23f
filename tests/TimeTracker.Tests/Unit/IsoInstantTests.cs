using System.Globalization;
using TimeTracker.Core.Time;

namespace TimeTracker.Tests.Unit;

/// <summary>The fast reading of the common instant shape must accept exactly what the exact formats accept, as they read it.</summary>
public sealed class IsoInstantTests
{
    private static readonly string[] Formats =
        new[] { "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" }
            .SelectMany(f => new[] { f, f + "'Z'", f + "zzz" }).ToArray();

    private static (bool, DateTimeOffset) Reference(string text) =>
        (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value), value);

    [Fact]
    public void Random_instants_and_near_misses_parse_as_the_exact_formats_parse_them()
    {
        var random = new Random(20261130);
        var pieces = "0123456789-:T.Z+ ";
        for (var i = 0; i < 200_000; i++)
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{random.Next(0, 10000):0000}-{random.Next(0, 14):00}-{random.Next(0, 33):00}T{random.Next(0, 25):00}:{random.Next(0, 61):00}:{random.Next(0, 61):00}");
            text += random.Next(4) switch
            {
                0 => "",
                1 => "." + new string('7', random.Next(0, 9)),
                2 => "." + random.Next(0, 10_000_000).ToString(CultureInfo.InvariantCulture),
                _ => "",
            };
            text += random.Next(5) switch
            {
                0 => "Z",
                1 => string.Create(CultureInfo.InvariantCulture, $"{(random.Next(2) == 0 ? '+' : '-')}{random.Next(0, 16):00}:{random.Next(0, 61):00}"),
                2 => "",
                3 => "+05:30",
                _ => "-03:45",
            };
            if (random.Next(10) == 0)
            {
                var chars = text.ToCharArray();
                chars[random.Next(chars.Length)] = pieces[random.Next(pieces.Length)];
                text = new string(chars);
            }
            var expected = Reference(text);
            var accepted = IsoInstant.TryParseAnyYear(text, offsetRequired: false, out var value);
            Assert.True(expected == (accepted, accepted ? value : default), $"{text}: exact formats {expected}, fast {(accepted, value)}");
        }
    }

    [Theory]
    [InlineData("2026-02-08T04:00:00Z", "2026-02-08T04:00:00.0000000+00:00")]
    [InlineData("2026-02-08T09:30:00.1234567+05:30", "2026-02-08T04:00:00.1234567+00:00")]
    [InlineData("2026-03-08T01:59:59.5-05:00", "2026-03-08T06:59:59.5000000+00:00")]
    [InlineData("0001-01-01T00:00:00+00:30", null)]
    public void Common_shapes_read_as_expected(string text, string? utc)
    {
        var accepted = IsoInstant.TryParseAnyYear(text, offsetRequired: true, out var value);
        Assert.Equal(utc is not null, accepted);
        if (utc is not null) Assert.Equal(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), value);
        Assert.Equal(Reference(text), (accepted, accepted ? value : default));
    }
}

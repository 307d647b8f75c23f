using System.Text;
using TimeTracker.Api.Activity;
using TimeTracker.Api.Http;

namespace TimeTracker.Tests.Unit;

/// <summary>
/// The byte-level batch reader accepts only what the general parser accepts, with the same samples, members and
/// fields; everything else it leaves to the general parser (which names the mistake).
/// </summary>
public sealed class SampleBatchReaderTests
{
    private const string Caller = "01a00000-0000-7000-8000-000000000001";
    private const string Other = "01a00000-0000-7000-8000-000000000002";

    private static string Sample(string id = "\"0c4e1c2a-3b1d-4f6e-9a7b-2f1d3c4b5a69\"",
        string start = "\"2026-11-20T09:00:00Z\"", string end = "\"2026-11-20T09:00:05Z\"",
        string state = "\"idle\"", string? extra = null) =>
        $"{{\"id\":{id},\"start\":{start},\"end\":{end},\"state\":{state}{extra}}}";

    /// <summary>Bodies the reader takes (true) or leaves to the general parser (false), and why.</summary>
    public static TheoryData<string, bool> Bodies => new()
    {
        { $"{{\"samples\":[{Sample()}]}}", true },
        { $"{{\"user_id\":\"{Other}\",\"samples\":[{Sample()},{Sample(state: "\"active\"")}]}}", true },
        { $"{{\"samples\":[{Sample(extra: $",\"user_id\":\"{Other}\"")},{Sample()}]}}", true },
        { $" {{ \"samples\" : [ {Sample(start: "\"2026-11-20T14:30:00.1234567+05:30\"", end: "\"2026-11-20T09:00:01Z\"")} ] }} ", true },
        { $"{{\"samples\":[{Sample(id: "\"0C4E1C2A-3B1D-4F6E-9A7B-2F1D3C4B5A69\"")}]}}", true },
        // Left to the general parser: it accepts these in its own way...
        { $"{{\"samples\":[{Sample(state: "\" idle \"")}]}}", false },
        { $"{{\"samples\":[{Sample(id: "\"0c4e1c2a3b1d4f6e9a7b2f1d3c4b5a69\"")}]}}", false },
        { $"{{\"samples\":[{Sample(start: "\"2026-11-20T09:00Z\"")}]}}", false },
        { $"{{\"samples\":[{Sample(extra: ",\"app\":\"editor\"")}]}}", false },
        { $"{{\"workspace_id\":\"w\",\"samples\":[{Sample()}]}}", false },
        { $"{{\"user_id\":42,\"samples\":[{Sample()}]}}", false },
        { $"{{\"user_id\":null,\"samples\":[{Sample()}]}}", false },
        { $"{{\"samples\":[{Sample(state: "\"\\u0069dle\"")}]}}", false },
        // ...or refuses them, naming the field.
        { $"{{\"samples\":[]}}", false },
        { "{}", false },
        { "", false },
        { $"{{\"samples\":[{Sample()}]}} trailing", false },
        { $"{{\"samples\":[{Sample(state: "\"busy\"")}]}}", false },
        { $"{{\"samples\":[{Sample(end: "\"2026-11-20T08:00:00Z\"")}]}}", false },
        { $"{{\"samples\":[{Sample(end: "\"2026-11-20T10:00:01Z\"")}]}}", false },
        { $"{{\"samples\":[{Sample(start: "\"2026-11-20T09:00:00\"")}]}}", false },
        { $"{{\"samples\":[{Sample(extra: ",\"user_id\":\"\"")}]}}", false },
        { $"{{\"samples\":[{Sample(extra: ",\"id\":\"0c4e1c2a-3b1d-4f6e-9a7b-2f1d3c4b5a69\"")}]}}", false },
        { $"{{\"samples\":[{Sample()}],\"samples\":[{Sample()}]}}", false },
        { $"{{\"samples\":[{Sample()},1]}}", false },
        { $"{{\"samples\":{Sample()}}}", false },
        { $"{{\"samples\":[{Sample(start: "\"9999-12-31T23:59:59Z\"", end: "\"9999-12-31T23:59:59Z\"")}]}}", false },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Agrees_with_the_general_parser_whenever_it_reads_a_body(string json, bool read)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(read, SampleBatchReader.TryRead(bytes, Caller, out var fast));
        if (!read) return;
        var body = RequestBody.FromBytes(bytes);
        var general = ActivityEndpoints.ParseSamples(body, body.Id("user_id") ?? Caller);
        Assert.Equal(general, fast);
    }

    [Fact]
    public void Random_batches_read_alike_or_are_left_to_the_general_parser()
    {
        var random = new Random(20261201);
        // Each field is usually what a tracker sends and sometimes a variant either parser may refuse or read its way.
        string Pick(string usual, params string[] variants) =>
            random.Next(6) == 0 ? variants[random.Next(variants.Length)] : usual;
        string Instant(DateTimeOffset at) => random.Next(3) == 0
            ? $"\"{at.ToOffset(TimeSpan.FromMinutes(330)):yyyy-MM-dd'T'HH:mm:ss.fffzzz}\""
            : $"\"{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\"";
        var read = 0;
        for (var n = 0; n < 2000; n++)
        {
            var samples = Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
            {
                var start = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(86_400));
                var end = start.AddSeconds(random.Next(-5, 4_000));
                return Sample(Pick($"\"{Guid.NewGuid()}\"", "\"not-a-guid\"", "7", $"\"{Guid.NewGuid():B}\""),
                    Pick(Instant(start), "\"2026-11-20T09:00:00\"", "null", "\"2026-13-01T00:00:00Z\""), Instant(end),
                    Pick(random.Next(2) == 0 ? "\"active\"" : "\"idle\"", "\"Idle\"", "\"\"", "true"),
                    Pick("", $",\"user_id\":\"{Other}\"", ",\"user_id\":\" x \"", ",\"user_id\":12"));
            });
            var json = $"{{{(random.Next(3) == 0 ? $"\"user_id\":\"{Other}\"," : "")}\"samples\":[{string.Join(",", samples)}]}}";
            var bytes = Encoding.UTF8.GetBytes(json);
            if (!SampleBatchReader.TryRead(bytes, Caller, out var fast)) continue;
            read++;
            var body = RequestBody.FromBytes(bytes);
            Assert.Equal(ActivityEndpoints.ParseSamples(body, body.Id("user_id") ?? Caller), fast);
        }
        // Enough batches take the fast path for the comparison to mean something.
        Assert.InRange(read, 100, 2000);
    }
}

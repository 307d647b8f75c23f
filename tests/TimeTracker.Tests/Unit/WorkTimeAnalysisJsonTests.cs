using System.Text.Json;
using TimeTracker.Api.Analytics;
using TimeTracker.Api.Http;
using static TimeTracker.Api.Analytics.WorkTimeAnalysisEndpoint;

namespace TimeTracker.Tests.Unit;

/// <summary>The hand-written analysis body is byte for byte what the general serializer writes for the envelope.</summary>
public sealed class WorkTimeAnalysisJsonTests
{
    [Fact]
    public void Writes_exactly_what_the_serializer_writes()
    {
        var random = new Random(7);
        string[] names = ["Ada Lovelace", "Zoë <b>\"Q\"</b> & Co", "名前 テスト", "tab\there", "😀 emoji", ""];
        DateTimeOffset? Instant() => random.Next(3) == 0 ? null
            : new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 40))
                .ToOffset(TimeSpan.FromMinutes(random.Next(2) * 330));
        var rows = Enumerable.Range(0, 200).Select(i => new Row(
            new UserInfo(Guid.NewGuid().ToString(), names[random.Next(names.Length)],
                random.Next(2) == 0 ? null : "https://cdn.example/a?b=1&c=<2>"),
            new TimeSummary(random.NextInt64(0, 3_000_000), random.Next(), -random.Next(5)),
            new SessionInfo(Instant(), Instant(), random.Next(2) == 0))).ToList();

        var expected = JsonSerializer.SerializeToUtf8Bytes(
            new TrackPilots.Envelope(true, 200, "Fetched \"it\"", null, rows), TrackPilots.Json);
        using var written = new MemoryStream();
        using (var writer = new Utf8JsonWriter(written, new JsonWriterOptions { Encoder = TrackPilots.Json.Encoder }))
            WorkTimeAnalysisJson.Write(writer, rows, "Fetched \"it\"");

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(written.ToArray()));
    }
}

using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Durability;

/// <summary>
/// Kills the Server with SIGKILL in the middle of a stream of clock-ins/outs, pairs and activity batches,
/// restarts it on the same file, and checks that every write that got a 2xx survived and no half pair exists.
/// </summary>
public sealed class KillDuringWritesTests
{
    private sealed record Acknowledged(ConcurrentBag<string> Events, ConcurrentBag<Guid> Samples);

    [Fact]
    public async Task Every_acknowledged_write_survives_a_kill_9_and_no_half_pair_exists()
    {
        using var file = new TemporarySqliteFile("kill");
        var database = file.Path;
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        const string adminKey = "kill-test-key";
        var acknowledged = new Acknowledged([], []);
        TestWorkspace workspace;
        var users = new List<(string Id, string Token)>();

        using (var server = await ServerProcess.StartAsync(database, adminKey))
        {
            var api = new ApiClient(server.CreateClient());
            workspace = await CreateWorkspaceAsync(api, adminKey);
            for (var i = 0; i < 4; i++) users.Add(await api.CreateMemberAsync(workspace));

            using var stop = new CancellationTokenSource();
            var workers = users.Select((u, i) => Task.Run(() => WriteUntilStoppedAsync(api, u.Id, u.Token, i, acknowledged, stop.Token))).ToList();
            // Let the stream run long enough for hundreds of acknowledged writes, then crash mid-flight.
            while (acknowledged.Events.Count < 200) await Task.Delay(20);
            server.Kill();
            stop.Cancel();
            await Task.WhenAll(workers);
        }

        Assert.False(acknowledged.Samples.IsEmpty, "no activity batch was acknowledged before the kill");
        using (var restarted = await ServerProcess.StartAsync(database, adminKey))
        {
            var api = new ApiClient(restarted.CreateClient());
            var events = await api.GetAsync($"/api/attendance-events?startDate=2000-01-01&endDate=2000-12-31", workspace.OwnerToken);
            var today = DateTime.UtcNow;
            var recent = await api.GetAsync($"/api/attendance-events?startDate={today.AddDays(-1):yyyy-MM-dd}&endDate={today.AddDays(1):yyyy-MM-dd}", workspace.OwnerToken);
            var all = events.Json.EnumerateArray().Concat(recent.Json.EnumerateArray()).ToList();
            var ids = all.Select(e => e.GetProperty("id").GetString()!).ToHashSet();

            var missing = acknowledged.Events.Where(id => !ids.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Events.Count} acknowledged events were lost");
            foreach (var clockOut in all.Where(e => e.GetProperty("type").GetString() == "CLOCK-OUT"))
                Assert.Contains(clockOut.GetProperty("linkedAttendanceEventId").GetString()!, ids);
        }

        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
        check.CommandText = "SELECT sample_id FROM activity";
        var stored = new HashSet<Guid>();
        using (var reader = check.ExecuteReader())
            while (reader.Read()) stored.Add(new Guid((byte[])reader[0]));
        var lostSamples = acknowledged.Samples.Count(s => !stored.Contains(s));
        Assert.True(lostSamples == 0, $"{lostSamples} of {acknowledged.Samples.Count} acknowledged samples were lost");
        check.CommandText = "SELECT count(*) FROM sessions WHERE (out_id IS NULL) <> (out_at IS NULL)";
        Assert.Equal(0L, check.ExecuteScalar());
        connection.Close();
    }

    private static async Task WriteUntilStoppedAsync(ApiClient api, string userId, string token, int worker, Acknowledged acknowledged, CancellationToken stop)
    {
        var day = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var clockIn = await api.PostAsync("/api/attendance-events/clock-in", new { userId }, token);
                if (clockIn.Code == 201) acknowledged.Events.Add(clockIn.Json.GetProperty("id").GetString()!);
                var samples = Enumerable.Range(0, 50).Select(i => new
                {
                    id = Guid.NewGuid(), start = $"2026-03-01T{i % 24:00}:00:00Z", end = $"2026-03-01T{i % 24:00}:00:30Z", state = i % 3 == 0 ? "idle" : "active",
                }).ToArray();
                var batch = await api.PostAsync("/api/v1/activity", new { samples }, token);
                if (batch.Code == 200) foreach (var s in samples) acknowledged.Samples.Add(s.id);
                var clockOut = await api.PostAsync("/api/attendance-events/clock-out", new { userId }, token);
                if (clockOut.Code == 201) acknowledged.Events.Add(clockOut.Json.GetProperty("id").GetString()!);

                var date = new DateOnly(2000, 1, 1).AddDays(day++ % 360);
                var pair = await api.PostAsync("/api/attendance-events/create", new
                {
                    date = date.ToString("yyyy-MM-dd"), clockInTimestampUtc = $"{date:yyyy-MM-dd}T{worker:00}:00:00", clockOutTimestampUtc = $"{date:yyyy-MM-dd}T{worker:00}:30:00", userId,
                }, token);
                if (pair.Code == 201)
                {
                    acknowledged.Events.Add(pair.Json.GetProperty("clockIn").GetProperty("id").GetString()!);
                    acknowledged.Events.Add(pair.Json.GetProperty("clockOut").GetProperty("id").GetString()!);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return; // the server died mid-request: that write was never acknowledged
            }
        }
    }

    private static async Task<TestWorkspace> CreateWorkspaceAsync(ApiClient api, string adminKey)
    {
        var response = await api.PostAsync("/api/v1/workspaces",
            new { name = "Crash", timezone = "UTC", owner = new { email = "crash@example.com", firstname = "C", lastname = "Rash" } },
            headers: new Dictionary<string, string> { ["X-Admin-Key"] = adminKey });
        Assert.Equal(201, response.Code);
        return new TestWorkspace(response.Data.GetProperty("workspace").GetProperty("id").GetString()!,
            response.Data.GetProperty("owner").GetProperty("id").GetString()!, response.Data.GetProperty("token").GetString()!);
    }
}

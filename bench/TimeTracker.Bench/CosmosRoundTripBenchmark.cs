using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeTracker.Core;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Jobs;
using TimeTracker.Server;
using TimeTracker.Storage.Cosmos;

namespace TimeTracker.Bench;

/// <summary>
/// Cosmos DB round trips and documents read per operation, counted by <see cref="RoundTripCounter"/>, with the Server
/// on the local Cosmos server (tests/cosmos-local; run the test suite once to install it).
/// </summary>
public static class CosmosRoundTripBenchmark
{
    public static async Task RunAsync(bool trace = false)
    {
        var repository = FindRepository();
        using var cosmos = StartLocalCosmos(repository, out var endpoint);
        var builder = ServerSetup.CreateServerBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Configuration["Storage:Provider"] = "Cosmos";
        builder.Configuration["Cosmos:Endpoint"] = endpoint;
        builder.Configuration["Cosmos:Key"] = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
        builder.Configuration["Cosmos:CreateIfNotExists"] = "true";
        builder.Configuration["TimeTracker:AdminKey"] = BenchServer.AdminKey;
        builder.Configuration["Jobs:RunScheduler"] = "false";
        builder.Logging.ClearProviders();
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(clock);
        var counter = new RoundTripCounter();
        builder.Services.AddSingleton(new CosmosHttpObserver(counter));
        builder.AddTimeTrackerServer();
        await using var app = builder.Build();
        app.MapTimeTracker();
        await app.StartAsync();
        counter.Tracing = trace;
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workspaces")
        {
            Content = JsonContent.Create(new { name = "Bench", timezone = "UTC",
                owner = new { email = "bench@example.com", firstname = "B", lastname = "O" } }),
        };
        create.Headers.Add("X-Admin-Key", BenchServer.AdminKey);
        var data = (await (await client.SendAsync(create)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())
            .GetProperty("data");
        var workspaceId = data.GetProperty("workspace").GetProperty("id").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            data.GetProperty("token").GetString());
        var members = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var user = await client.PostAsJsonAsync("/api/v2/ext/users", new { username = $"m{i}", firstName = "M",
                lastName = $"{i}", email = $"m{i}@bench.example", password = "bench password" });
            members.Add((await user.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("data")
                .GetProperty("id").GetString()!);
        }

        var attendance = app.Services.GetRequiredService<IAttendanceImport>();
        var load = Stopwatch.StartNew();
        var first = new DateOnly(2026, 10, 21);
        var sessions = new List<AttendanceSession>();
        foreach (var member in members)
            for (var day = first; day <= new DateOnly(2026, 11, 20); day = day.AddDays(1))
            {
                var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
                sessions.Add(new AttendanceSession(workspaceId, member, day,
                    new AttendanceEvent(Ids.New(), start, start, member, null, null, null),
                        new AttendanceEvent(Ids.New(), start.AddHours(8), start, member, null, null, null)));
            }
        await attendance.ImportAsync(sessions);
        // The nightly run comes later than the imports' settle time, so their dirty marks are cleared by it.
        clock.Now += CosmosRollupStore.SettleTime + TimeSpan.FromMinutes(1);
        await app.Services.GetServices<IJob>().Single(j => j.Name == "rollup").RunAsync();
        Console.WriteLine($"loaded 100 members x 31 days of sessions and rolled them up in {load.Elapsed.TotalSeconds:0.0} s");

        var rows = new List<(string Operation, long Requests, long Documents, double Charge, double Estimate,
            string Target)>();
        // Targets are round trips unless they name documents (issue 13 counts the analysis in documents read).
        async Task Measure(string operation, object target, Func<Task<HttpResponseMessage>> send)
        {
            counter.Reset();
            using var response = await send();
            response.EnsureSuccessStatusCode();
            rows.Add((operation, counter.Requests, counter.Documents, counter.RequestCharge, counter.EstimatedCharge,
                target is 0 ? "" : $"≤ {target}"));
            if (trace) Console.WriteLine($"{operation}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", counter.Trace)}");
        }

        // Members clock themselves in, with their own key (the common case; a manager clocking someone in adds one
        // read).
        var issued = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "tracker", member_id = members[0] });
        using var self = new HttpClient { BaseAddress = client.BaseAddress };
        self.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("data")
                .GetProperty("token").GetString());
        // Warm the SDK's container metadata for the idempotency container (a 409: nobody is clocked in yet).
        using (var warm = new HttpRequestMessage(HttpMethod.Post,
            "/api/attendance-events/clock-out") { Content = JsonContent.Create(new { userId = members[0] }) })
        {
            warm.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            (await self.SendAsync(warm)).Dispose();
        }
        await Measure("clock-in", 3, () => self.PostAsJsonAsync("/api/attendance-events/clock-in",
            new { userId = members[0] }));
        await Measure("clock-out", 3, () => self.PostAsJsonAsync("/api/attendance-events/clock-out",
            new { userId = members[0] }));
        await Measure("clock-in with Idempotency-Key", 0, () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post,
                "/api/attendance-events/clock-in") { Content = JsonContent.Create(new { userId = members[0] }) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return self.SendAsync(request);
        });
        var samples = Enumerable.Range(0, 500).Select(i => new { id = Guid.NewGuid(),
            start = $"2026-11-22T05:{i / 60 % 60:00}:{i % 60:00}Z",
                end = $"2026-11-22T05:{i / 60 % 60:00}:{i % 60:00}.5Z", state = i % 3 == 0 ? "idle"
                    : "active" }).ToArray();
        // A tracker posts its own member's samples with that member's key.
        await Measure("activity batch of 500, one member", 4, () => self.PostAsJsonAsync("/api/v1/activity",
            new { samples }));
        await Measure("  same, posted by a manager for the member", 0, () =>
            client.PostAsJsonAsync("/api/v1/activity", new { user_id = members[1], samples }));
        var trackers = new List<HttpClient>();
        for (var m = 0; m < 50; m++)
        {
            var key = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "tracker",
                member_id = members[m] });
            trackers.Add(new HttpClient { BaseAddress = client.BaseAddress });
            trackers[^1].DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                (await key.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("data")
                    .GetProperty("token").GetString());
        }
        // Steady state: each tracker's key has been seen by the Server before (its first request costs one more).
        foreach (var tracker in trackers) (await tracker.GetAsync("/api/v1/workspaces/current")).Dispose();
        await Measure("500 samples from 50 members (50 batches of 10)", 0, async () =>
        {
            HttpResponseMessage? last = null;
            for (var m = 0; m < 50; m++) last = await trackers[m].PostAsJsonAsync("/api/v1/activity",
                new { samples = samples.Skip(m * 10).Take(10) });
            return last!;
        });
        // A relay (here the owner) posts the same 500 samples, 10 for each of 50 members, as one batch.
        var relayed = samples.Select((s, i) => new { s.id, start = s.start.Replace("T05:", "T04:"),
            end = s.end.Replace("T05:", "T04:"), s.state, user_id = members[i / 10] }).ToArray();
        await Measure("500 samples from 50 members (one batch from a relay)", 60, () =>
            client.PostAsJsonAsync("/api/v1/activity", new { samples = relayed }));
        foreach (var tracker in trackers) tracker.Dispose();
        await Measure("analysis 100 members x 31 days", "~200 documents", () =>
            client.PostAsJsonAsync("/api/v1/dashboard/work-time-analysis",
            new { startDate = "2026-10-21 00:00:00", endDate = "2026-11-20 23:59:59", timeZone = "Asia/Kolkata",
                userId = members, teamId = Array.Empty<string>() }));
        await Measure("active-users 365 days", 40, () =>
            client.GetAsync("/api/v1/engagement-dashboard/users/active-users?start=2025-11-21T00:00:00.000Z&end=2026-11-20T23:59:59.000Z"));
        // Last, since switching modes resets the rollups the rows above read.
        using (var activity = await client.PutAsJsonAsync("/api/v1/workspaces/current", new { work_time_source = "activity" }))
            activity.EnsureSuccessStatusCode();
        var later = samples.Select(s => new { s.id, start = s.start.Replace("T05:", "T06:"), end = s.end.Replace("T05:", "T06:"), s.state }).ToArray();
        await Measure("activity batch of 500, one member, activity mode", 0, () => self.PostAsJsonAsync("/api/v1/activity", new { samples = later }));

        Console.WriteLine();
        Console.WriteLine("## Cosmos DB round trips per request (Server on the local Cosmos server, workspace " + workspaceId[..8] + "…)");
        Console.WriteLine();
        Console.WriteLine("| operation | round trips | documents read | RU charged | RU, documented costs | target |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (operation, requests, documents, charge, estimate, target) in rows)
            Console.WriteLine(
                $"| {operation} | {requests} | {documents} | {charge:0.##} | {estimate:0.#} | {target} |");
        if (rows.All(r => r.Charge == 0 || r.Charge == r.Requests))
            Console.WriteLine("The local server charges nothing real (0 or a flat 1 RU per request); the last RU column applies Cosmos DB's documented " +
                "costs to each round trip (1 RU per KB point-read, 5.5 RU per KB written, 2.3 RU + 1 RU per KB per query page).");
        await app.StopAsync();
    }

    private static Process StartLocalCosmos(string repository, out string endpoint)
    {
        var directory = Path.Combine(repository, "tests", "cosmos-local");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
            throw new InvalidOperationException("Run the test suite once (or `npm ci && node patches.js` in tests/cosmos-local) to install the local Cosmos server.");
        var process = Process.Start(new ProcessStartInfo("node", ["server.js", "0"]) { WorkingDirectory = directory,
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        var ready = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("Local Cosmos server did not start.");
        endpoint = $"http://127.0.0.1:{ready["READY ".Length..]}/";
        return process;
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName,
            "TimeTracker.sln"))) directory = directory.Parent;
        return directory!.FullName;
    }
}

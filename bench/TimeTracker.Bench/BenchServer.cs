using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeTracker.Server;

namespace TimeTracker.Bench;

/// <summary>The real Server (same setup as <c>dotnet run</c>) on a loopback port and a fresh SQLite file.</summary>
public sealed class BenchServer : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key";

    private readonly WebApplication _app;

    private BenchServer(WebApplication app, string databasePath, Uri baseAddress)
    {
        _app = app;
        DatabasePath = databasePath;
        BaseAddress = baseAddress;
    }

    public string DatabasePath { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<BenchServer> StartAsync(string? databasePath = null, TimeProvider? clock = null)
    {
        databasePath ??= Path.Combine(Path.GetTempPath(), "timetracker-bench", $"{Guid.NewGuid():N}.db");
        var builder = ServerSetup.CreateServerBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Configuration["Storage:Sqlite:Path"] = databasePath;
        builder.Configuration["TimeTracker:AdminKey"] = AdminKey;
        builder.Configuration["Jobs:RunScheduler"] = "false";
        builder.Logging.ClearProviders();
        if (clock is not null) builder.Services.AddSingleton(clock);
        builder.AddTimeTrackerServer();
        var app = builder.Build();
        app.MapTimeTracker();
        await app.StartAsync();
        return new BenchServer(app, databasePath, new Uri(app.Urls.First()));
    }

    /// <summary>
    /// Copies the write-ahead log into the database file now and returns how long that took: the Server does it in
    /// the background, so a measurement after a large write would otherwise share the machine with that copy.
    /// </summary>
    public async Task<TimeSpan> CopyLogAsync()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await command.ExecuteNonQueryAsync();
        return started.Elapsed;
    }

    public HttpClient Client() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>Creates a workspace and returns its id and the owner's token.</summary>
    public async Task<(string WorkspaceId, string OwnerId, string Token)> CreateWorkspaceAsync(string timezone = "UTC")
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workspaces")
        {
            Content = JsonContent.Create(new { name = "Bench", timezone, owner = new { email = "bench@example.com", firstname = "Bench", lastname = "Owner" } }),
        };
        request.Headers.Add("X-Admin-Key", AdminKey);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        return (data.GetProperty("workspace").GetProperty("id").GetString()!, data.GetProperty("owner").GetProperty("id").GetString()!,
            data.GetProperty("token").GetString()!);
    }

    /// <summary>Creates active members through the users API and returns their ids.</summary>
    public async Task<List<string>> CreateMembersAsync(string token, int count)
    {
        using var client = Client();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/v2/ext/users",
                new { username = $"member{i}", firstName = "Member", lastName = $"{i:0000}", email = $"member{i}@bench.example", password = "bench password" });
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString()!);
        }
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        // Each run works on its own copy (hundreds of MB for analytics); leave nothing behind.
        DeleteDatabase(DatabasePath);
    }

    /// <summary>Removes a SQLite file and its WAL companions, after closing pooled connections that hold them.</summary>
    public static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
    }
}

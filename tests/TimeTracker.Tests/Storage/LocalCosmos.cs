using System.Diagnostics;
using TimeTracker.Storage.Cosmos;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Storage;

/// <summary>
/// A Cosmos DB endpoint for the storage tests. With COSMOS_ENDPOINT (and COSMOS_KEY) set, that account or emulator;
/// otherwise tests/cosmos-local: @vercel/cosmosdb-server@1.0.1 installed with npm ci, patched by patches.js, started
/// on a free loopback port, and stopped with the fixture.
/// </summary>
public sealed class LocalCosmos : IAsyncLifetime
{
    // The emulator's well-known, public key; the local server accepts any key.
    private const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
    private Process? _server;

    private static string PackageDirectory => Path.Combine(RepositoryRoot.Path, "tests", "cosmos-local");

    // Install and patch once per test run: the collection fixture and the API tests' shared server start together,
    // and two concurrent `npm ci` runs in one directory delete each other's node_modules.
    private static readonly Lazy<Task> Installation = new(async () =>
    {
        if (!File.Exists(Path.Combine(PackageDirectory, "node_modules", "@vercel", "cosmosdb-server", "package.json")))
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], PackageDirectory);
        await RunAsync("node", ["patches.js"], PackageDirectory);
    });

    private static readonly Lazy<Task<LocalCosmos>> SharedInstance = new(async () =>
    {
        var cosmos = new LocalCosmos();
        await cosmos.InitializeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cosmos.DisposeAsync().GetAwaiter().GetResult();
        return cosmos;
    });

    /// <summary>One server for the whole test run, for hosts that cannot take an xunit fixture (WebApplicationFactory).</summary>
    public static Task<LocalCosmos> SharedAsync() => SharedInstance.Value;

    public string Endpoint { get; private set; } = "";
    public string Key { get; private set; } = EmulatorKey;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("COSMOS_ENDPOINT");
        if (!string.IsNullOrEmpty(external))
        {
            Endpoint = external;
            Key = Environment.GetEnvironmentVariable("COSMOS_KEY") ?? EmulatorKey;
            return;
        }
        await Installation.Value;
        _server = Process.Start(new ProcessStartInfo("node", ["server.js", "0"])
        {
            WorkingDirectory = PackageDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start the local Cosmos server.");
        var errors = new System.Text.StringBuilder();
        _server.ErrorDataReceived += (_, line) => { lock (errors) errors.AppendLine(line.Data); };
        _server.BeginErrorReadLine();
        var ready = await _server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready is null || !ready.StartsWith("READY "))
        {
            await Task.Delay(200); // let the error reader collect what node printed before it died
            lock (errors) throw new InvalidOperationException($"Local Cosmos server did not start: {ready} {errors}");
        }
        Endpoint = $"http://127.0.0.1:{ready["READY ".Length..]}/";
        _ = _server.StandardOutput.ReadToEndAsync();
    }

    /// <summary>A database of its own (unique name) with every container created from the shared definition.</summary>
    public async Task<CosmosDatabase> CreateDatabaseAsync(CosmosHttpObserver? observer = null)
    {
        var database = new CosmosDatabase(
            new CosmosOptions { Endpoint = Endpoint, Key = Key, Database = $"test-{Guid.NewGuid():N}" }, observer);
        await database.EnsureCreatedAsync();
        return database;
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false }) _server.Kill(entireProcessTree: true);
        _server?.Dispose();
        return Task.CompletedTask;
    }

    private static async Task RunAsync(string file, string[] arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not run {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await output}{await error}");
    }

}

[CollectionDefinition(Name)]
public sealed class LocalCosmosCollection : ICollectionFixture<LocalCosmos>
{
    public const string Name = "Local Cosmos";
}

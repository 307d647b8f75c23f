using System.Diagnostics;

namespace TimeTracker.Bench;

/// <summary>
/// The Release Server in its own process on loopback, as an operator runs it: its clients then share neither its
/// garbage collector nor its thread pool.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress, TimeSpan startedIn)
    {
        _process = process;
        BaseAddress = baseAddress;
        StartedIn = startedIn;
    }

    public Uri BaseAddress { get; }

    /// <summary>From process start to the first answered request.</summary>
    public TimeSpan StartedIn { get; }

    /// <summary>Starts the Server on <paramref name="database"/>; <paramref name="scheduler"/> off keeps its
    /// timed jobs from running beside a measurement.</summary>
    public static async Task<ServerProcess> StartAsync(string database, bool scheduler = true)
    {
        var server = Path.Combine(RepositoryPath(), "src", "TimeTracker.Server", "bin", "Release", "net10.0",
            "TimeTracker.Server.dll");
        if (!File.Exists(server))
            throw new InvalidOperationException($"Build the Server in Release first ({server} is missing).");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet", [server, "--urls", baseAddress.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            // From its own folder, as a published app runs.
            WorkingDirectory = Path.GetDirectoryName(server)!,
            Environment =
            {
                ["Storage__Sqlite__Path"] = database, ["DOTNET_ENVIRONMENT"] = "Production",
                ["Jobs__RunScheduler"] = scheduler ? "true" : "false",
            },
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1), BaseAddress = baseAddress };
        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                // Any answer of the API counts (here 401: no token), not the cost of one endpoint's work.
                using var response = await http.GetAsync("/api/v1/workspaces/current");
                if ((int)response.StatusCode < 500) return new ServerProcess(process, baseAddress, stopwatch.Elapsed);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(5);
            }
        }
        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new TimeoutException("The Server did not answer within 30 s.");
    }

    public HttpClient Client() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
    {
        BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5),
    };

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TimeTracker.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run the bench from the repository.");
    }
}

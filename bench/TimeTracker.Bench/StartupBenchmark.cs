using System.Diagnostics;

namespace TimeTracker.Bench;

/// <summary>
/// The Server's start, as an operator restarts it: the Release build's own process on an existing database, from
/// process start to the first answered request.
/// </summary>
public static class StartupBenchmark
{
    public static async Task RunAsync(int repetitions)
    {
        var server = Path.Combine(RepositoryPath(), "src", "TimeTracker.Server", "bin", "Release", "net10.0", "TimeTracker.Server.dll");
        if (!File.Exists(server)) throw new InvalidOperationException($"Build the Server in Release first ({server} is missing).");
        var database = Path.Combine(Path.GetTempPath(), "timetracker-bench", $"startup-{Guid.NewGuid():N}.db");
        try
        {
            await StartAndStopAsync(server, database); // creates the database and the demo workspace
            var times = new List<double>();
            for (var i = 0; i < repetitions; i++) times.Add(await StartAndStopAsync(server, database));
            times.Sort();
            Console.WriteLine();
            Console.WriteLine($"## Server start (Release, existing database, median of {repetitions})");
            Console.WriteLine();
            Console.WriteLine("| measure | value | target |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| process start to first answered request (s) | {times[times.Count / 2]:0.00} | ≤ 0.5 |");
        }
        finally
        {
            BenchServer.DeleteDatabase(database);
        }
    }

    private static async Task<double> StartAndStopAsync(string server, string database)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [server, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment = { ["Storage__Sqlite__Path"] = database, ["DOTNET_ENVIRONMENT"] = "Production" },
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (stopwatch.Elapsed < TimeSpan.FromSeconds(30))
            {
                try
                {
                    // Any answer of the API counts (here 401: no token), not the cost of one endpoint's work.
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/api/v1/workspaces/current");
                    if ((int)response.StatusCode < 500) return stopwatch.Elapsed.TotalSeconds;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(5);
                }
            }
            throw new TimeoutException("The Server did not answer within 30 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
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
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TimeTracker.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run the bench from the repository.");
    }
}

namespace TimeTracker.Bench;

/// <summary>
/// The Server's start, as an operator restarts it: the Release build's own process on an existing database, from
/// process start to the first answered request.
/// </summary>
public static class StartupBenchmark
{
    public static async Task RunAsync(int repetitions)
    {
        var database = Path.Combine(Path.GetTempPath(), "timetracker-bench", $"startup-{Guid.NewGuid():N}.db");
        try
        {
            await StartAndStopAsync(database); // creates the database and the demo workspace
            var times = new List<double>();
            for (var i = 0; i < repetitions; i++) times.Add(await StartAndStopAsync(database));
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

    private static async Task<double> StartAndStopAsync(string database)
    {
        await using var server = await ServerProcess.StartAsync(database);
        return server.StartedIn.TotalSeconds;
    }
}

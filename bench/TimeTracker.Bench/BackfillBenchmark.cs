using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Core.Jobs;

namespace TimeTracker.Bench;

/// <summary>
/// The rollup backfill alone, on fresh copies of the cached analytics database (run <c>analytics --reuse-data</c>
/// once to create it): quick to repeat while profiling the job.
/// </summary>
public static class BackfillBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(int members, int repetitions, bool activityMode)
    {
        var rates = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var copy = new AnalyticsDataCache(members, activityMode).TryCopy()
                ?? throw new InvalidOperationException("No cached analytics data: run `analytics --reuse-data` first.");
            await using var server = await BenchServer.StartAsync(copy.DatabasePath, new FixedClock(Now));
            var rollup = server.Services.GetServices<IJob>().Single(j => j.Name == "rollup");
            var (pausedBefore, gen0Before, gen2Before, allocatedBefore) = (GC.GetTotalPauseDuration(),
                GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
            var started = Stopwatch.StartNew();
            var report = await rollup.RunAsync();
            var seconds = started.Elapsed.TotalSeconds;
            var gc = $"GC: {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds:0.00} s paused, " +
                $"{GC.CollectionCount(0) - gen0Before} collections ({GC.CollectionCount(2) - gen2Before} full), " +
                $"{(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1e9:0.0} GB allocated";
            var rate = report.Counts["member_days"] / seconds;
            var logCopy = await server.CopyLogAsync();
            Console.WriteLine($"backfill {i + 1}: {report.Counts["member_days"]:N0} member-days in " +
                $"{seconds:0.00} s = {rate:N0} member-days/s; then the log copied into the file in " +
                $"{logCopy.TotalSeconds:0.00} s; {gc}");
            rates.Add(rate);
        }
        rates.Sort();
        Console.WriteLine($"| rollup backfill rate, median of {repetitions} (member-days/s) | " +
            $"{rates[rates.Count / 2]:N0} | ≥ 100,000 |");
    }
}

using TimeTracker.Bench;

// Usage: dotnet run -c Release --project bench/TimeTracker.Bench --
//   [ingest|analytics|backfill|cosmos|startup|all] [--seconds N]
// [--concurrency N] [--members N] [--repetitions N] [--trace] [--reuse-data] [--activity-mode]
var what = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
var seconds = Option("--seconds", 10);
var concurrency = Option("--concurrency", 8);

if (what is "ingest" or "all") await IngestionBenchmark.RunAsync(TimeSpan.FromSeconds(seconds), concurrency);
if (what is "cosmos") await CosmosRoundTripBenchmark.RunAsync(trace: args.Contains("--trace"));
if (what is "startup" or "all") await StartupBenchmark.RunAsync(Option("--repetitions", 5));
if (what is "backfill")
    await BackfillBenchmark.RunAsync(Option("--members", 1000), Option("--repetitions", 3),
        args.Contains("--activity-mode"));
if (what is "analytics" or "all")
    await AnalyticsBenchmark.RunAsync(Option("--members", 1000), Option("--repetitions", 25),
        args.Contains("--reuse-data"), args.Contains("--activity-mode"));

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
}

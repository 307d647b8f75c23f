using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Walkthrough;

/// <summary>
/// The README's first hour, as a newcomer lives it: start the real Server on an empty database, paste the line it
/// prints, run the README's walkthrough blocks with bash, and see worked, active and idle time in the analysis they
/// end with. Then recover a token with the create-token command.
/// </summary>
public sealed partial class ReadmeWalkthroughTests : IDisposable
{
    private readonly TemporarySqliteFile _database = new("walkthrough");

    [GeneratedRegex(@"^## Walkthrough\n(?<section>.*?)(?=^## |\z)", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex WalkthroughSection();

    [GeneratedRegex(@"^```sh\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ShellBlock();

    private static IReadOnlyList<string> WalkthroughBlocks()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = WalkthroughSection().Match(readme);
        Assert.True(section.Success, "README.md has no '## Walkthrough' section");
        return ShellBlock().Matches(section.Groups["section"].Value).Select(m => m.Groups["code"].Value).ToList();
    }

    [Fact]
    public async Task The_readme_walkthrough_run_with_bash_ends_with_worked_active_and_idle_time()
    {
        using var server = await ServerProcess.StartAsync(_database.Path, adminKey: null);
        var export = await ExportLineAsync(server);
        Assert.Matches(@"^export TT_URL=http://127\.0\.0\.1:\d+ TT_WORKSPACE=[0-9a-f-]{36} TT_MEMBER=[0-9a-f-]{36} TT_TOKEN=ttk_\S+$", export);

        var blocks = WalkthroughBlocks();
        Assert.True(blocks.Count >= 3, $"{blocks.Count} shell blocks in the walkthrough");
        var (exit, output, errors) = await BashAsync(string.Join("\n", ["set -euo pipefail", export, .. blocks]));
        Assert.True(exit == 0, $"exit {exit}\n{errors}\n{output}");

        // Nothing in the walkthrough may fail: no WebWork/TimeTrack error envelope, no problem+json body.
        Assert.DoesNotContain("\"success\":false", output);
        Assert.DoesNotContain("\"type\":\"about:blank\"", output);
        Assert.Contains("\"month\":[{\"usersList\":[", output);
        var analyses = AnalysisSummaries(output);
        Assert.Equal(2, analyses.Count);
        Assert.Equal((9 * 3600L, 30 * 60L, 9 * 3600L - 30 * 60), analyses[0]);
        // Activity mode adds the tracker's 18:00-18:50 session, whose 5-minute pause is idle.
        Assert.Equal((9 * 3600L + 50 * 60, 35 * 60L, 9 * 3600L + 15 * 60), analyses[1]);
    }

    /// <summary>(total, idle, active) of each work-time analysis answer in the output, in order.</summary>
    private static List<(long Total, long Idle, long Active)> AnalysisSummaries(string output)
    {
        const string start = "{\"success\":true,\"statusCode\":200";
        var summaries = new List<(long, long, long)>();
        for (var at = output.IndexOf(start, StringComparison.Ordinal); at >= 0; at = output.IndexOf(start, at + 1,
            StringComparison.Ordinal))
        {
            // curl prints answers back to back: read exactly one JSON value from here.
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(output[at..]));
            var summary = JsonElement.ParseValue(ref reader).GetProperty("data")[0].GetProperty("timeSummary");
            summaries.Add((summary.GetProperty("totalWorkedTimeInSeconds").GetInt64(),
                summary.GetProperty("idleWorkedTimeInSeconds").GetInt64(),
                summary.GetProperty("activeWorkedTimeInSeconds").GetInt64()));
        }
        return summaries;
    }

    [Fact]
    public async Task Create_token_recovers_access_with_the_same_export_line()
    {
        string firstMember;
        using (var first = await ServerProcess.StartAsync(_database.Path, adminKey: null))
            firstMember = Regex.Match(await ExportLineAsync(first), "TT_MEMBER=(\\S+)").Groups[1].Value;

        using var restarted = await ServerProcess.StartAsync(_database.Path, adminKey: null);
        await WaitForAsync(restarted, line => line.Contains("create-token --login owner@demo.example"));
        var (exit, output, errors) = await RunServerAsync("create-token", "--login", "OWNER@demo.example");
        Assert.True(exit == 0, errors);
        var line = output.Trim();
        Assert.Contains($"TT_MEMBER={firstMember}", line);
        var token = Regex.Match(line, "TT_TOKEN=(\\S+)").Groups[1].Value;
        using var client = restarted.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(200, (int)(await client.GetAsync("/api/v1/workspaces/current")).StatusCode);

        var (unknown, _, why) = await RunServerAsync("create-token", "--login", "nobody@example.com");
        Assert.Equal(1, unknown);
        Assert.Contains("No active member", why);
    }

    private static async Task<string> ExportLineAsync(ServerProcess server) =>
        (await WaitForAsync(server, line => line.TrimStart().StartsWith("export TT_URL=",
            StringComparison.Ordinal))).Trim();

    private static async Task<string> WaitForAsync(ServerProcess server, Func<string, bool> match)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            if (server.Output.FirstOrDefault(match) is { } line) return line;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server did not print the expected line:\n{string.Join("\n", server.Output)}");
    }

    private Task<(int Exit, string Output, string Errors)> RunServerAsync(params string[] args) =>
        ServerCommand.RunAsync(_database.Path, adminKey: null, args);

    private static Task<(int Exit, string Output, string Errors)> BashAsync(string script) =>
        ProcessOutput.RunAsync(new ProcessStartInfo("bash", ["-c", script]));

    public void Dispose() => _database.Dispose();
}

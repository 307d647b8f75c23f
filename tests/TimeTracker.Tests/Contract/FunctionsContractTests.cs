using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Api;
using TimeTracker.Core.Jobs;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Contract;

public sealed class FunctionsContractTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private static readonly string Repository = RepositoryRoot.Path;
    private IReadOnlyList<IJob> Jobs => server.Services.GetServices<IJob>().ToList();


    private static List<(string Path, string Source)> Sources() =>
        Directory.GetFiles(Path.Combine(Repository, "functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(Repository, f), File.ReadAllText(f))).ToList();

    [Fact]
    public void Every_endpoint_and_job_has_exactly_one_matching_adapter()
    {
        var problems = FunctionsContract.Check(Sources(), RouteTable.Endpoints, Jobs);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Removing_an_adapter_is_caught()
    {
        var sources = Sources().Select(f => (f.Path, Regex.Replace(f.Source, @"\s*\[Function\(""GetMember""\)\][^\n]*\n[^\n]*\n", "\n"))).ToList();
        var problems = FunctionsContract.Check(sources, RouteTable.Endpoints, Jobs);
        Assert.Contains(problems, p => p.StartsWith("endpoint GetMember") && p.Contains("0 adapters"));
    }

    [Fact]
    public void Editing_an_adapters_route_verb_or_handler_is_caught()
    {
        var edited = Sources().Select(f => (f.Path, f.Source
            .Replace("\"get\", Route = Routes.Member)] HttpRequest req, string memberId) => MemberEndpoints.Get", "\"get\", Route = Routes.Members)] HttpRequest req, string memberId) => MemberEndpoints.Get")
            .Replace("\"post\", Route = Routes.ClockIn)", "\"put\", Route = Routes.ClockIn)")
            .Replace("=> UserEndpoints.Delete(", "=> UserEndpoints.Get(")
            .Replace("%Schedules:Rollup%", "0 0 * * * *"))).ToList();
        var problems = FunctionsContract.Check(edited, RouteTable.Endpoints, Jobs);
        Assert.Contains(problems, p => p.StartsWith("GetMember: adapter route 'v2/members'"));
        Assert.Contains(problems, p => p.StartsWith("ClockIn: adapter verb PUT"));
        Assert.Contains(problems, p => p.StartsWith("DeleteUser: adapter calls UserEndpoints.Get"));
        Assert.Contains(problems, p => p.StartsWith("job rollup: timer schedule"));
    }

    [Fact]
    public void An_adapter_with_logic_or_without_an_endpoint_is_caught()
    {
        var extra = """
            public sealed class Extra
            {
                [Function("Sneaky")]
                public Task<IActionResult> Sneaky([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/sneaky")] HttpRequest req)
                {
                    return Task.FromResult<IActionResult>(null!);
                }
            }
            """;
        var problems = FunctionsContract.Check([.. Sources(), ("functions/Extra.cs", extra)], RouteTable.Endpoints, Jobs);
        Assert.Contains(problems, p => p.Contains("Sneaky has a block body"));
        Assert.Contains(problems, p => p.StartsWith("adapter Sneaky"));
    }

    [Fact]
    public void The_sample_settings_name_every_job_schedule_with_its_default()
    {
        var values = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository, "local.settings.sample.json"))).RootElement.GetProperty("Values");
        foreach (var job in Jobs)
            Assert.Equal(job.DefaultSchedule, values.GetProperty(JobSchedules.SettingKey(job).Replace(":", "__")).GetString());
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository, "host.json"))).RootElement;
        Assert.Equal("api", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }
}

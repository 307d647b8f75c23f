using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Api;
using TimeTracker.Core.Jobs;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Functions;

/// <summary>
/// The functions.metadata that the real Worker.Sdk generator emitted for functions/ (what the Functions host indexes)
/// against the route table and the jobs: one HTTP function per endpoint with the same verb, route and anonymous auth
/// level (our own authentication runs inside), and one timer per job bound to its Schedules setting.
/// </summary>
public sealed class FunctionsMetadataTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private sealed record Function(string Name, string EntryPoint, JsonElement Trigger);

    private static List<Function> Metadata()
    {
        var path = Path.Combine(FunctionsOutput.Directory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: functions/ was not built by the Worker.Sdk");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(f => new Function(
            f.GetProperty("name").GetString()!,
            f.GetProperty("entryPoint").GetString()!,
            f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In").Clone())).ToList();
    }

    [Fact]
    public void Every_endpoint_is_one_anonymous_http_function_with_its_verb_and_route()
    {
        var functions = Metadata().Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger").ToDictionary(f => f.Name);
        Assert.Equal(RouteTable.Endpoints.Select(e => e.Name).Order(), functions.Keys.Order());
        foreach (var endpoint in RouteTable.Endpoints)
        {
            var trigger = functions[endpoint.Name].Trigger;
            Assert.Equal([endpoint.Verb.ToLowerInvariant()], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(endpoint.Route, trigger.GetProperty("route").GetString());
            Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
            Assert.StartsWith("TimeTracker.Functions.", functions[endpoint.Name].EntryPoint);
        }
    }

    [Fact]
    public void Every_job_is_one_timer_whose_schedule_comes_from_its_setting()
    {
        var jobs = server.Services.GetServices<IJob>().ToList();
        var timers = Metadata().Where(f => f.Trigger.GetProperty("type").GetString() == "timerTrigger").ToList();
        Assert.Equal(jobs.Count, timers.Count);
        foreach (var job in jobs)
        {
            var schedule = $"%{JobSchedules.SettingKey(job)}%";
            Assert.Single(timers, t => t.Trigger.GetProperty("schedule").GetString() == schedule);
        }
        Assert.Equal(RouteTable.Endpoints.Count + jobs.Count, Metadata().Count);
    }
}

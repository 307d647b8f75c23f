using System.Text.Json;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Contract;

/// <summary>
/// infra/cosmos-containers.json is the single definition of the Cosmos containers: Bicep loads it and the Cosmos
/// store embeds it. These checks keep it well-formed and keep Bicep reading it rather than a copy.
/// </summary>
public sealed class InfrastructureTests
{
    private static readonly string Repository = RepositoryRoot.Path;


    [Fact]
    public void The_container_definition_is_well_formed()
    {
        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository, "infra", "cosmos-containers.json"))).RootElement;
        Assert.Equal("timetracker", root.GetProperty("database").GetString());
        var containers = root.GetProperty("containers").EnumerateArray().ToList();
        Assert.Equal(["workspaces", "apikeys", "invitations", "attendance", "activity", "rollups", "idempotency"], containers.Select(c => c.GetProperty("name").GetString()!));
        foreach (var container in containers)
        {
            var paths = container.GetProperty("partitionKeyPaths").EnumerateArray().Select(p => p.GetString()!).ToList();
            Assert.InRange(paths.Count, 1, 3);
            Assert.All(paths, p => Assert.Matches("^/[A-Za-z]+$", p));
            Assert.All(container.GetProperty("includedPaths").EnumerateArray(), p => Assert.Matches(@"^/[A-Za-z]+/\?$", p.GetString()));
            if (container.TryGetProperty("defaultTtl", out var ttl)) Assert.True(ttl.GetInt32() == -1 || ttl.GetInt32() > 0);
        }
        Assert.Equal(["/workspaceId", "/userId"], containers.Single(c => c.GetProperty("name").GetString() == "activity")
            .GetProperty("partitionKeyPaths").EnumerateArray().Select(p => p.GetString()!));
    }

    [Fact]
    public void Bicep_reads_the_shared_definition_instead_of_repeating_it()
    {
        var cosmos = File.ReadAllText(Path.Combine(Repository, "infra", "app", "cosmos.bicep"));
        Assert.Contains("loadJsonContent('../cosmos-containers.json')", cosmos);
        Assert.Contains("for c in definition.containers", cosmos);
        Assert.DoesNotContain("'/workspaceId'", cosmos);
        var main = File.ReadAllText(Path.Combine(Repository, "infra", "main.bicep"));
        var web = File.ReadAllText(Path.Combine(Repository, "infra", "app", "web.bicep"));
        Assert.Contains("backendResourceId: functionAppId", web);
        Assert.Contains("functionAppId: api.outputs.id", main);
        foreach (var module in new[] { "identity", "monitoring", "storage", "cosmos", "keyvault", "functions", "web" })
            Assert.True(File.Exists(Path.Combine(Repository, "infra", "app", $"{module}.bicep")) && main.Contains($"'app/{module}.bicep'"), module);
    }
}

using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Reads infra/cosmos-containers.json (embedded), the same file Bicep provisions from, so what CreateIfNotExists
/// creates locally and what Azure gets cannot drift apart.
/// </summary>
public static class ContainerDefinitions
{
    public sealed record Definition(string Name, IReadOnlyList<string> PartitionKeyPaths, IReadOnlyList<string> IncludedPaths, int? DefaultTtl)
    {
        public ContainerProperties ToProperties()
        {
            var properties = PartitionKeyPaths.Count == 1
                ? new ContainerProperties(Name, PartitionKeyPaths[0])
                : new ContainerProperties(Name, PartitionKeyPaths.ToList());
            properties.IndexingPolicy = new IndexingPolicy { IndexingMode = IndexingMode.Consistent, Automatic = true };
            foreach (var path in IncludedPaths) properties.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = path });
            properties.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
            properties.DefaultTimeToLive = DefaultTtl;
            return properties;
        }
    }

    public static (string Database, IReadOnlyList<Definition> Containers) Load()
    {
        using var stream = typeof(ContainerDefinitions).Assembly.GetManifestResourceStream("cosmos-containers.json")
            ?? throw new InvalidOperationException("cosmos-containers.json is not embedded.");
        var root = JsonDocument.Parse(stream).RootElement;
        var containers = root.GetProperty("containers").EnumerateArray().Select(c => new Definition(
            c.GetProperty("name").GetString()!,
            c.GetProperty("partitionKeyPaths").EnumerateArray().Select(p => p.GetString()!).ToList(),
            c.GetProperty("includedPaths").EnumerateArray().Select(p => p.GetString()!).ToList(),
            c.TryGetProperty("defaultTtl", out var ttl) ? ttl.GetInt32() : null)).ToList();
        return (root.GetProperty("database").GetString()!, containers);
    }
}

using TimeTracker.Storage.Cosmos;

namespace TimeTracker.Tests.Storage;

[Collection(LocalCosmosCollection.Name)]
public sealed class CosmosBootstrapTests(LocalCosmos cosmos)
{
    [Fact]
    public async Task CreateIfNotExists_creates_every_container_of_the_shared_definition()
    {
        using var db = await cosmos.CreateDatabaseAsync();
        var (database, definitions) = ContainerDefinitions.Load();
        Assert.Equal("timetracker", database);
        foreach (var definition in definitions)
        {
            var container = typeof(CosmosDatabase).GetProperties()
                .Select(p => p.GetValue(db)).OfType<Microsoft.Azure.Cosmos.Container>()
                .Single(c => c.Id == definition.Name);
            var properties = (await container.ReadContainerAsync()).Resource;
            Assert.Equal(definition.PartitionKeyPaths, properties.PartitionKeyPaths);
            Assert.Equal(definition.DefaultTtl, properties.DefaultTimeToLive);
        }
        Assert.Equal(definitions.Count, typeof(CosmosDatabase).GetProperties().Count(p => p.PropertyType == typeof(Microsoft.Azure.Cosmos.Container)));
    }
}

using Microsoft.AspNetCore.Hosting;
using TimeTracker.Tests.Storage;

namespace TimeTracker.Tests.Infrastructure;

/// <summary>The real Server with <c>Storage:Provider=Cosmos</c> on the local Cosmos endpoint, in a database of its own.</summary>
public sealed class CosmosServerFactory : ServerFactory
{
    protected override void ConfigureStorage(IWebHostBuilder builder)
    {
        var cosmos = LocalCosmos.SharedAsync().GetAwaiter().GetResult();
        builder.UseSetting("Storage:Provider", "Cosmos");
        builder.UseSetting("Cosmos:Endpoint", cosmos.Endpoint);
        builder.UseSetting("Cosmos:Key", cosmos.Key);
        builder.UseSetting("Cosmos:Database", $"api-{Guid.NewGuid():N}");
        builder.UseSetting("Cosmos:CreateIfNotExists", "true");
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Api;
using TimeTracker.Storage.Cosmos;
using TimeTracker.Storage.Sqlite;

namespace TimeTracker.Hosting;

/// <summary>
/// The composition root both hosts share: the API's services plus the store chosen by <c>Storage:Provider</c>.
/// Keeping it in one place is what makes the Server and the Functions app serve the same product.
/// </summary>
public static class TimeTrackerComposition
{
    public static IServiceCollection AddTimeTracker(this IServiceCollection services, IConfiguration configuration, string contentRoot, string defaultProvider)
    {
        services.AddTimeTrackerApi(configuration);
        var provider = configuration["Storage:Provider"] ?? defaultProvider;
        switch (provider.ToLowerInvariant())
        {
            case "sqlite":
                var path = configuration["Storage:Sqlite:Path"] ?? "data/timetracker.db";
                services.AddSqliteStorage(Path.Combine(contentRoot, path));
                break;
            case "cosmos":
                var options = new CosmosOptions();
                configuration.GetSection(CosmosOptions.Section).Bind(options);
                services.AddCosmosStorage(options);
                break;
            default:
                throw new InvalidOperationException($"Storage:Provider '{provider}' is unknown (use Sqlite or Cosmos).");
        }
        return services;
    }
}

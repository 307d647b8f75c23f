using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Idempotency;
using TimeTracker.Core.Invitations;
using TimeTracker.Core.Members;
using TimeTracker.Core.Teams;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Storage.Cosmos;

public static class CosmosStorageRegistration
{
    public static IServiceCollection AddCosmosStorage(this IServiceCollection services, CosmosOptions options)
    {
        services.AddSingleton(sp => new CosmosDatabase(options, sp.GetService<CosmosHttpObserver>()));
        if (options.CreateIfNotExists) services.AddHostedService<CreateContainersAtStart>();
        services.AddSingleton<CosmosApiKeyStore>();
        services.AddSingleton<CosmosMemberStore>();
        services.AddSingleton<CosmosRollupStore>();
        services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<CosmosApiKeyStore>());
        services.AddSingleton<ILoginThrottleStore, CosmosLoginThrottleStore>();
        services.AddSingleton<IMemberStore>(sp => sp.GetRequiredService<CosmosMemberStore>());
        services.AddSingleton<IRollupStore>(sp => sp.GetRequiredService<CosmosRollupStore>());
        services.AddSingleton<IWorkspaceStore, CosmosWorkspaceStore>();
        services.AddSingleton<ITeamStore, CosmosTeamStore>();
        services.AddSingleton<IInvitationStore, CosmosInvitationStore>();
        services.AddSingleton<IIdempotencyStore, CosmosIdempotencyStore>();
        services.AddSingleton<CosmosAttendanceStore>();
        services.AddSingleton<IAttendanceStore>(sp => sp.GetRequiredService<CosmosAttendanceStore>());
        services.AddSingleton<IAttendanceImport>(sp => sp.GetRequiredService<CosmosAttendanceStore>());
        services.AddSingleton<IActivityStore, CosmosActivityStore>();
        return services;
    }

    /// <summary>Local use only (<c>Cosmos:CreateIfNotExists</c>): creates the database and containers before requests are served.</summary>
    private sealed class CreateContainersAtStart(CosmosDatabase db) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => db.EnsureCreatedAsync(cancellationToken);
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

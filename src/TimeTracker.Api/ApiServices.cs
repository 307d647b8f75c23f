using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TimeTracker.Api.Activity;
using TimeTracker.Api.Analytics;
using TimeTracker.Api.Attendance;
using TimeTracker.Api.Auth;
using TimeTracker.Api.Engagement;
using TimeTracker.Api.Jobs;
using TimeTracker.Api.Members;
using TimeTracker.Api.Workspaces;
using TimeTracker.Core.Workspaces;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Jobs;

namespace TimeTracker.Api;

public static class ApiServices
{
    /// <summary>Everything the handlers resolve, except storage (each host picks its store).</summary>
    public static IServiceCollection AddTimeTrackerApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TimeTrackerOptions>(configuration.GetSection(TimeTrackerOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new AdminKey(configuration[$"{TimeTrackerOptions.Section}:AdminKey"]));
        services.AddSingleton<Authenticator>();
        services.AddSingleton<WorkspaceProvisioning>();
        services.AddSingleton<WorkSource>();
        services.AddSingleton<WorkTimeSettings>();
        services.AddSingleton<WorkTimeAnalysis>();
        services.AddSingleton<ActiveUsers>();
        // What each feature's handlers need, as one visible parameter (resolved by both hosts).
        services.AddSingleton<DirectoryServices>();
        services.AddSingleton<AccessServices>();
        services.AddSingleton<WorkspaceServices>();
        services.AddSingleton<AttendanceServices>();
        services.AddSingleton<ActivityServices>();
        services.AddSingleton<AnalyticsServices>();
        services.AddSingleton<EngagementServices>();
        services.AddSingleton<JobServices>();
        services.AddSingleton<IJob, RollupJob>();
        services.AddSingleton<IJob, AutoClockOutJob>();
        services.AddSingleton<IJob, PurgeActivityJob>();
        return services;
    }
}

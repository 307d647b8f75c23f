using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeTracker.Hosting;

namespace TimeTracker.Functions;

/// <summary>
/// The Functions app's services: ASP.NET Core integration, Application Insights for the worker, and the same API and
/// store services as the Server (only the default store differs: Cosmos in Azure). Program.cs and the tests both call
/// this, so the tests resolve the functions from the container the deployed app builds.
/// </summary>
public static class FunctionsSetup
{
    private const string ApplicationInsightsLoggerProvider =
        "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    public static FunctionsApplicationBuilder AddTimeTrackerFunctions(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        // Without APPLICATIONINSIGHTS_CONNECTION_STRING (local runs, tests) the telemetry client sends nothing.
        builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        // The SDK's default rule keeps only warnings; job reports and request logs are Information.
        builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            var warningsOnly = options.Rules.FirstOrDefault(r => r.ProviderName == ApplicationInsightsLoggerProvider);
            if (warningsOnly is not null) options.Rules.Remove(warningsOnly);
        });
        var services = builder.Services;
        services.AddTimeTracker(builder.Configuration, builder.Environment.ContentRootPath, defaultProvider: "Cosmos");
        return builder;
    }
}

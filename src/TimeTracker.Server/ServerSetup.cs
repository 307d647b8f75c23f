using System.Text.Json;
using TimeTracker.Api;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;
using TimeTracker.Api.Http;
using TimeTracker.Hosting;

namespace TimeTracker.Server;

/// <summary>Adapts the API's route table and services to an ASP.NET Core host. No endpoint logic lives here.</summary>
public static class ServerSetup
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>
    /// <see cref="WebApplication.CreateBuilder(string[])"/> without watching configuration files for changes. The
    /// watcher covers the content root recursively, and the SQLite database lives under it (<c>data/</c>): it woke on
    /// every write to the database and its WAL, ~9 % of the CPU under the ingestion bench. Restart to apply new
    /// settings.
    /// </summary>
    public static WebApplicationBuilder CreateServerBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        AddShippedSettings(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The <c>appsettings.json</c> shipped beside the Server, beneath every other source. The content root is the
    /// current directory (the default <c>data/</c> lives under it), so a Server started elsewhere (a systemd unit, a
    /// container's working directory) read no settings file at all and logged every request at Information: eight
    /// console lines each, which took a 1,000-member analysis from ~3 ms to over 7. A file in the content root, the
    /// environment and the command line still override it.
    /// </summary>
    private static void AddShippedSettings(ConfigurationManager configuration)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(shipped)) return;
        var source = new JsonConfigurationSource { Path = shipped, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        configuration.Sources.Insert(0, source);
    }

    public static WebApplicationBuilder AddTimeTrackerServer(this WebApplicationBuilder builder, bool runScheduler = true)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        // Large responses (a year of active users is ~12 MB) go out in 1 MiB socket writes instead of 64 KiB ones.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxResponseBufferSize = 1 << 20);
        builder.Services.AddTimeTracker(builder.Configuration, builder.Environment.ContentRootPath, defaultProvider: "Sqlite");
        AddResponseCompression(builder.Services);
        if (runScheduler && builder.Configuration.GetValue("Jobs:RunScheduler", true)) builder.Services.AddHostedService<JobScheduler>();
        return builder;
    }

    /// <summary>
    /// Honours <c>Accept-Encoding</c> (Brotli, then gzip, fastest levels) for JSON and CSV: a year of active users is
    /// ~12 MB of ids and compresses several times over. Credentials are bearer tokens sent by the client, never ambient
    /// cookies, so compressing over HTTPS gives a BREACH-style attack nothing to guess at.
    /// </summary>
    private static void AddResponseCompression(IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["application/json", "application/problem+json", "text/csv", "text/html", "text/css", "text/javascript"];
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Fastest);
    }

    public static WebApplication MapTimeTracker(this WebApplication app)
    {
        app.UseResponseCompression();
        // The dashboard at "/", before routing (the JSON fallback below would otherwise claim every path), and never
        // in the way of /api requests, which skip the file lookups.
        var dashboard = new EmbeddedFileProvider(typeof(ServerSetup).Assembly, "TimeTracker.Server.Dashboard");
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), site =>
        {
            site.UseDefaultFiles(new DefaultFilesOptions { FileProvider = dashboard });
            site.UseStaticFiles(new StaticFileOptions { FileProvider = dashboard });
        });
        app.UseRouting();
        var api = app.MapGroup("/api");
        foreach (var endpoint in RouteTable.Endpoints)
        {
            api.MapMethods(endpoint.Route, [endpoint.Verb], endpoint.Handler)
                .WithName(endpoint.Name)
                .WithTags(endpoint.Tag);
        }
        foreach (var (route, allowed, refused, tag) in MethodNotAllowed.Routes)
            api.MapMethods(route, refused, (HttpRequest request) => MethodNotAllowed.Handle(request, allowed, tag)).ExcludeFromDescription();
        // The route table serves the document itself (both hosts); Scalar renders it, from files in its package.
        app.MapScalarApiReference("/api/docs", options => options.WithOpenApiRoutePattern($"/api/{Routes.OpenApiDocument}"));
        app.MapFallback(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { success = false, message = $"No endpoint {context.Request.Method} {context.Request.Path}." });
        });
        return app;
    }
}

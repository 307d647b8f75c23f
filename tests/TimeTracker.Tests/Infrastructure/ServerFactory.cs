using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TimeTracker.Tests.Infrastructure;

/// <summary>The real Server on a temporary SQLite file, with a settable clock and a known admin key.</summary>
public class ServerFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), "timetracker-tests", $"{Guid.NewGuid():N}.db");
    public TestClock Clock { get; } = new();
    protected virtual string? ConfiguredAdminKey => AdminKey;
    protected virtual bool TrustForwardedFor => false;

    /// <summary>Which store the Server runs on; SQLite on a temporary file unless overridden.</summary>
    protected virtual void ConfigureStorage(IWebHostBuilder builder) => builder.UseSetting("Storage:Sqlite:Path", DatabasePath);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ConfigureStorage(builder);
        builder.UseSetting("TimeTracker:AdminKey", ConfiguredAdminKey ?? "");
        builder.UseSetting("Jobs:RunScheduler", "false");
        builder.UseSetting("TimeTracker:TrustForwardedFor", TrustForwardedFor ? "true" : "false");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public ApiClient Api() => new(CreateClient());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
    }
}

/// <summary>A server behind a proxy it trusts: client addresses come from X-Forwarded-For.</summary>
public sealed class ServerBehindProxyFactory : ServerFactory
{
    protected override bool TrustForwardedFor => true;
}

/// <summary>A server without an admin key: workspace creation is disabled and a demo workspace is seeded.</summary>
public sealed class ServerWithoutAdminKeyFactory : ServerFactory
{
    protected override string? ConfiguredAdminKey => null;
}

using System.Diagnostics;

namespace TimeTracker.Tests.Infrastructure;

/// <summary>Runs a Server command (<c>create-token</c>, <c>import-attendance</c>, …) as a process on a SQLite file.</summary>
public static class ServerCommand
{
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(string databasePath, string? adminKey, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TimeTracker.Server.dll"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Storage__Sqlite__Path"] = databasePath;
        if (adminKey is not null) start.Environment["TimeTracker__AdminKey"] = adminKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return await ProcessOutput.RunAsync(start);
    }
}

/// <summary>A process run to its end, with what it printed.</summary>
public static class ProcessOutput
{
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}

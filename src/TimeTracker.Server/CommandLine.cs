namespace TimeTracker.Server;

/// <summary>The Server's commands (run against the configured store, then exit) and their "--name value" options.</summary>
public static class CommandLine
{
    /// <summary>The command the arguments name, or null to run the server.</summary>
    public static Func<WebApplication, string[], Task<int>>? Command(string[] args) => args.FirstOrDefault() switch
    {
        "run-job" => JobCommand.RunAsync,
        "create-token" => TokenCommand.RunAsync,
        "import-attendance" => ImportCommand.RunAsync,
        _ => null,
    };

    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

namespace TimeTracker.Server;

/// <summary>The Server commands' "--name value" options.</summary>
public static class CommandLine
{
    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Functions;

/// <summary>Where the real Worker.Sdk build of functions/ put its output, for the configuration these tests were built in.</summary>
public static class FunctionsOutput
{
    /// <summary>The test assembly runs from tests/…/bin/{Configuration}/{tfm}/; functions/ was built alongside it.</summary>
    public static string Directory
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(RepositoryRoot.Path, "functions", "bin", tfm.Parent!.Name, tfm.Name);
        }
    }
}

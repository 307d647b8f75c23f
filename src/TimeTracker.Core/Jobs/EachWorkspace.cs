using TimeTracker.Core.Workspaces;

namespace TimeTracker.Core.Jobs;

/// <summary>A workspace a job run could not process, and why.</summary>
public sealed record JobFailure(string WorkspaceId, Exception Error);

/// <summary>
/// Runs a job's step for every workspace, so that one failing workspace (bad data, a store error) is reported and the
/// others are still processed: before this, one poisoned workspace stopped every nightly rollup for all that follow it.
/// </summary>
public static class EachWorkspace
{
    public static async Task<IReadOnlyList<JobFailure>> RunAsync(
        IEnumerable<Workspace> workspaces, Func<Workspace, Task> step, CancellationToken ct)
    {
        var failures = new List<JobFailure>();
        foreach (var workspace in workspaces)
        {
            try
            {
                await step(workspace);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failures.Add(new JobFailure(workspace.Id, e));
            }
        }
        return failures;
    }
}

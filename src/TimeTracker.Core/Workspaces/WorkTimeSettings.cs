using TimeTracker.Core.Activity;
using TimeTracker.Core.Analytics;

namespace TimeTracker.Core.Workspaces;

/// <summary>
/// Saves a workspace's settings. A change of what counts as work (<see cref="Workspace.WorkTimeSource"/>, or the
/// session gap in activity mode) also re-derives the activity sessions and forgets the rollups made under the old rule.
/// </summary>
public sealed class WorkTimeSettings(IWorkspaceStore workspaces, IActivityStore activity, IRollupStore rollups)
{
    /// <param name="reapply">
    /// Redo the re-derivation even if nothing changed: the client named the settings again, which is how a change
    /// interrupted between its steps is completed.
    /// </param>
    public async Task SaveAsync(Workspace before, Workspace after, bool reapply, CancellationToken ct = default)
    {
        await workspaces.UpdateAsync(after, ct);
        if (!reapply && before.DerivedSessionGap == after.DerivedSessionGap) return;
        // The setting first: batches arriving from now on merge into sessions, and the rebuild below adds the rest.
        if (after.DerivedSessionGap is { } gap) await activity.RebuildSessionsAsync(after.Id, gap, ct);
        await rollups.ResetAsync(after.Id, ct);
    }
}

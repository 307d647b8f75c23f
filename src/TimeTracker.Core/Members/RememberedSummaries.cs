using System.Collections.Concurrent;

namespace TimeTracker.Core.Members;

/// <summary>
/// Each workspace's member summaries as a store last read them, with the version they were read under (a value the
/// store changes with every member write: SQLite's trigger-raised member version, Cosmos DB's member stamp). The store
/// reads the version before the members, so summaries remembered under a version are never older than it.
/// </summary>
public sealed class RememberedSummaries
{
    /// <summary>Below this many ids a workspace not remembered is not read whole: the members asked for are read.</summary>
    public const int LoadWholeFrom = 32;

    private sealed record Entry(string Version, Dictionary<string, MemberSummary> ById);

    private readonly ConcurrentDictionary<string, Entry> _byWorkspace = new(StringComparer.Ordinal);

    /// <summary>Whether a request for this many ids should read the version (and, if it moved, every member).</summary>
    public bool WorthRemembering(string workspaceId, int ids) =>
        ids >= LoadWholeFrom || _byWorkspace.ContainsKey(workspaceId);

    /// <summary>The summaries of the ids that exist, if the workspace is remembered under this version.</summary>
    public IReadOnlyList<MemberSummary>? TryGet(string workspaceId, string version, IReadOnlyCollection<string> ids) =>
        _byWorkspace.TryGetValue(workspaceId, out var entry) && entry.Version == version ? Pick(entry, ids) : null;

    /// <summary>Remembers every summary of the workspace under <paramref name="version"/>; answers the ids.</summary>
    public IReadOnlyList<MemberSummary> Remember(string workspaceId, string version, IEnumerable<MemberSummary> all,
        IReadOnlyCollection<string> ids)
    {
        var entry = new Entry(version, all.ToDictionary(m => m.Id, StringComparer.Ordinal));
        _byWorkspace[workspaceId] = entry;
        return Pick(entry, ids);
    }

    private static List<MemberSummary> Pick(Entry entry, IReadOnlyCollection<string> ids)
    {
        var found = new List<MemberSummary>(ids.Count);
        foreach (var id in ids.Distinct())
            if (entry.ById.TryGetValue(id, out var summary)) found.Add(summary);
        return found;
    }
}

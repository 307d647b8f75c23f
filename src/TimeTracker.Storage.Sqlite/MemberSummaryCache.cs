using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using TimeTracker.Core.Members;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// Every member summary of a workspace, kept in memory and checked on each use against the workspace's member version
/// (raised by a trigger on any write to its members, by any process). A dashboard over a thousand members then looks
/// ids up instead of reading and materializing a thousand rows (about 1.5 ms of a 6 ms analysis).
/// </summary>
internal sealed class MemberSummaryCache
{
    /// <summary>Below this many ids a cold workspace is not loaded whole: the rows asked for are read as they are.</summary>
    private const int LoadWholeFrom = 32;

    private sealed record Entry(long Version, Dictionary<string, MemberSummary> ById);

    private readonly ConcurrentDictionary<string, Entry> _byWorkspace = new(StringComparer.Ordinal);

    /// <summary>
    /// The summaries of <paramref name="memberIds"/> that exist. The version is read before the rows, so rows cached
    /// under a version are never older than it; a write in between only costs the next caller a reload.
    /// </summary>
    public IReadOnlyList<MemberSummary> Get(SqliteConnection c, string workspaceId,
        IReadOnlyCollection<string> memberIds)
    {
        if (memberIds.Count == 0) return [];
        var version = c.Scalar("SELECT version FROM member_versions WHERE workspace_id=@ws", null,
            ("@ws", workspaceId)) is long v ? v : 0;
        if (!_byWorkspace.TryGetValue(workspaceId, out var entry) || entry.Version != version)
        {
            if (entry is null && memberIds.Count < LoadWholeFrom) return Read(c, workspaceId, memberIds);
            var all = Read(c, workspaceId, null);
            _byWorkspace[workspaceId] = entry = new Entry(version, all.ToDictionary(m => m.Id, StringComparer.Ordinal));
        }
        var found = new List<MemberSummary>(memberIds.Count);
        foreach (var id in memberIds.Distinct())
            if (entry.ById.TryGetValue(id, out var summary)) found.Add(summary);
        return found;
    }

    private static List<MemberSummary> Read(SqliteConnection c, string workspaceId, IReadOnlyCollection<string>? ids) =>
        c.Query("SELECT id, first_name, last_name, json_extract(profile, '$.Avatar'), team_id FROM members " +
            "WHERE workspace_id=@ws" + (ids is null ? "" : " AND id IN (SELECT value FROM json_each(@ids))"), null,
            r => new MemberSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3),
                r.NullableString(4)),
            ("@ws", workspaceId), ("@ids", ids is null ? "[]" : SqlCommands.JsonList(ids)));
}

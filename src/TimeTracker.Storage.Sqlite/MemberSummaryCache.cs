using System.Globalization;
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
    private readonly RememberedSummaries _remembered = new();

    /// <summary>The summaries of <paramref name="memberIds"/> that exist.</summary>
    public IReadOnlyList<MemberSummary> Get(SqliteConnection c, string workspaceId,
        IReadOnlyCollection<string> memberIds)
    {
        if (memberIds.Count == 0) return [];
        if (!_remembered.WorthRemembering(workspaceId, memberIds.Count)) return Read(c, workspaceId, memberIds);
        var version = (c.Scalar("SELECT version FROM member_versions WHERE workspace_id=@ws", null,
            ("@ws", workspaceId)) as long? ?? 0).ToString(CultureInfo.InvariantCulture);
        return _remembered.TryGet(workspaceId, version, memberIds)
            ?? _remembered.Remember(workspaceId, version, Read(c, workspaceId, null), memberIds);
    }

    private static List<MemberSummary> Read(SqliteConnection c, string workspaceId, IReadOnlyCollection<string>? ids) =>
        c.Query("SELECT id, first_name, last_name, json_extract(profile, '$.Avatar'), team_id FROM members " +
            "WHERE workspace_id=@ws" + (ids is null ? "" : " AND id IN (SELECT value FROM json_each(@ids))"), null,
            r => new MemberSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3),
                r.NullableString(4)),
            ("@ws", workspaceId), ("@ids", ids is null ? "[]" : SqlCommands.JsonList(ids)));
}

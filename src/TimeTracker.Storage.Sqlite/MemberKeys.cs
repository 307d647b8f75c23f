using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// Small integer keys for (workspace, member), assigned on first use and never changed, so they are cached for
/// the life of the process. Activity and rollup rows carry these instead of two 36-character ids.
/// </summary>
public sealed class MemberKeys
{
    private readonly ConcurrentDictionary<(string Workspace, string User), long> _keys = new();
    private readonly ConcurrentDictionary<long, string> _users = new();
    private readonly ConcurrentDictionary<string, Dictionary<long, string>> _workspaces = new();

    /// <summary>The key, creating it inside the caller's write transaction if needed.</summary>
    public long GetOrCreate(SqliteConnection c, SqliteTransaction tx, string workspaceId, string userId)
    {
        if (Find(c, tx, workspaceId, userId) is { } key) return key;
        c.Execute("INSERT OR IGNORE INTO member_keys(workspace_id, user_id) VALUES (@ws, @user)", tx, ("@ws",
            workspaceId), ("@user", userId));
        return Find(c, tx, workspaceId, userId) ?? throw new InvalidOperationException("Member key was not created.");
    }

    public long? Find(SqliteConnection c, SqliteTransaction? tx, string workspaceId, string userId)
    {
        if (_keys.TryGetValue((workspaceId, userId), out var cached)) return cached;
        var found = c.Scalar("SELECT key FROM member_keys WHERE workspace_id=@ws AND user_id=@user", tx, ("@ws",
            workspaceId), ("@user", userId));
        if (found is null) return null;
        // Only keys read outside a write transaction are known committed; a rolled-back one must not be cached.
        if (tx is null) _keys[(workspaceId, userId)] = (long)found;
        return (long)found;
    }

    /// <summary>
    /// All keys of a workspace mapped to member ids. Keys are only ever added, so a remembered map holding as many keys
    /// as the table has for the workspace is complete: one count instead of reading a thousand rows per dashboard.
    /// </summary>
    public IReadOnlyDictionary<long, string> ForWorkspace(SqliteConnection c, string workspaceId,
        SqliteTransaction? tx = null)
    {
        var count = (long)c.Scalar("SELECT count(*) FROM member_keys WHERE workspace_id=@ws", tx, ("@ws",
            workspaceId))!;
        if (_workspaces.TryGetValue(workspaceId, out var known) && known.Count == count) return known;
        var keys = c.Query("SELECT key, user_id FROM member_keys WHERE workspace_id=@ws", tx, r => (r.GetInt64(0),
            r.GetString(1)), ("@ws", workspaceId))
            .ToDictionary(k => k.Item1, k => _users.GetOrAdd(k.Item1, k.Item2));
        // Only keys read outside a write transaction are known committed (as in Find).
        if (tx is null) _workspaces[workspaceId] = keys;
        return keys;
    }
}

using Microsoft.Data.Sqlite;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// Versioned schema scripts, applied in order at start; <c>PRAGMA user_version</c> records the last one applied.
/// Never edit a shipped script: append a new one.
/// </summary>
internal static class Migrations
{
    private static readonly string[] Scripts =
    [
        // 1: workspaces, members, teams, invitations, API keys. Instants are UTC ticks (INTEGER).
        """
        CREATE TABLE workspaces(
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            auto_clock_out_after_hours INTEGER,
            activity_retention_days INTEGER);

        CREATE TABLE teams(
            workspace_id TEXT NOT NULL REFERENCES workspaces(id),
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY(workspace_id, id)) WITHOUT ROWID;

        CREATE TABLE members(
            workspace_id TEXT NOT NULL REFERENCES workspaces(id),
            id TEXT NOT NULL,
            email TEXT NOT NULL,
            email_norm TEXT NOT NULL,
            username TEXT,
            username_norm TEXT,
            first_name TEXT NOT NULL,
            last_name TEXT NOT NULL,
            role TEXT NOT NULL,
            status TEXT NOT NULL,
            team_id TEXT,
            time_zone TEXT,
            is_blocked INTEGER NOT NULL,
            language TEXT,
            personal_number TEXT,
            password_hash TEXT,
            profile TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            deleted_at INTEGER,
            activated_at INTEGER,
            version INTEGER NOT NULL,
            PRIMARY KEY(workspace_id, id)) WITHOUT ROWID;
        CREATE UNIQUE INDEX ux_members_email ON members(workspace_id, email_norm);
        CREATE UNIQUE INDEX ux_members_username ON members(workspace_id, username_norm) WHERE username_norm IS NOT NULL;
        CREATE INDEX ix_members_team ON members(workspace_id, team_id) WHERE team_id IS NOT NULL;

        CREATE TABLE invitations(
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL,
            member_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            accepted_at INTEGER,
            FOREIGN KEY(workspace_id, member_id) REFERENCES members(workspace_id, id)) WITHOUT ROWID;

        CREATE TABLE api_keys(
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL,
            member_id TEXT NOT NULL,
            name TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            FOREIGN KEY(workspace_id, member_id) REFERENCES members(workspace_id, id)) WITHOUT ROWID;
        CREATE INDEX ix_api_keys_member ON api_keys(workspace_id, member_id);
        """,
    ];

    public static int Latest => Scripts.Length;

    public static void Apply(SqliteConnection connection)
    {
        var current = Convert.ToInt32(connection.Scalar("PRAGMA user_version;", null));
        for (var version = current + 1; version <= Scripts.Length; version++)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            SqliteDatabase.Execute(connection, Scripts[version - 1], transaction);
            SqliteDatabase.Execute(connection, $"PRAGMA user_version = {version};", transaction);
            transaction.Commit();
        }
    }
}

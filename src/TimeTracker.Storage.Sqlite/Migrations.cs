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

        // 2: attendance sessions (a pair is one row), idempotency records, activity samples.
        """
        CREATE TABLE sessions(
            workspace_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            id TEXT NOT NULL,
            date TEXT NOT NULL,
            in_at INTEGER NOT NULL,
            in_moment INTEGER NOT NULL,
            in_by TEXT NOT NULL,
            in_office TEXT,
            in_ip TEXT,
            in_comment TEXT,
            out_id TEXT,
            out_at INTEGER,
            out_moment INTEGER,
            out_by TEXT,
            out_office TEXT,
            out_ip TEXT,
            out_comment TEXT,
            auto_clocked_out INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(workspace_id, id)) WITHOUT ROWID;
        -- The database itself guarantees one open session per member, whatever races above it.
        CREATE UNIQUE INDEX ux_sessions_open ON sessions(workspace_id, user_id) WHERE out_at IS NULL;
        CREATE UNIQUE INDEX ux_sessions_out ON sessions(workspace_id, out_id) WHERE out_id IS NOT NULL;
        CREATE INDEX ix_sessions_user_time ON sessions(workspace_id, user_id, in_at);
        CREATE INDEX ix_sessions_date ON sessions(workspace_id, date);

        CREATE TABLE idempotency(
            workspace_id TEXT NOT NULL,
            caller_id TEXT NOT NULL,
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            status_code INTEGER NOT NULL,
            response_body TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY(workspace_id, caller_id, key)) WITHOUT ROWID;

        -- One small integer per (workspace, member) keeps activity and rollup rows and their indexes compact.
        CREATE TABLE member_keys(
            key INTEGER PRIMARY KEY,
            workspace_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            UNIQUE(workspace_id, user_id));

        -- Rows append in rowid order. The client's random UUID is only deduplicated within (owner, UTC day of
        -- start): a batch's keys then land in a few adjacent index pages instead of one random page per sample,
        -- which is what keeps ingestion fast (measured 45k -> 110k+ rows/s). A real re-send has the same start,
        -- so it always collides.
        CREATE TABLE activity(
            seq INTEGER PRIMARY KEY,
            member_key INTEGER NOT NULL REFERENCES member_keys(key),
            day INTEGER NOT NULL,
            sample_id BLOB NOT NULL,
            start_at INTEGER NOT NULL,
            end_at INTEGER NOT NULL,
            idle INTEGER NOT NULL);
        CREATE UNIQUE INDEX ux_activity_sample ON activity(member_key, day, sample_id);
        -- Reads only ever ask for idle time, so only idle samples are indexed by member and time.
        CREATE INDEX ix_activity_idle ON activity(member_key, start_at) WHERE idle = 1;
        """,

        // 3: rollups. Raw data stays the truth; these rows are used only for days at or before the watermark
        // that no later write has marked dirty.
        """
        CREATE TABLE rollup_state(
            workspace_id TEXT PRIMARY KEY,
            watermark INTEGER NOT NULL);

        -- AUTOINCREMENT keeps seq monotonic, so a job only clears marks made before it read the raw data.
        CREATE TABLE rollup_dirty(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            workspace_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            day INTEGER NOT NULL,
            UNIQUE(workspace_id, day, user_id));

        CREATE TABLE member_days(
            member_key INTEGER NOT NULL REFERENCES member_keys(key),
            day INTEGER NOT NULL,
            work_ticks INTEGER NOT NULL,
            idle_ticks INTEGER NOT NULL,
            first_in INTEGER,
            last_out INTEGER,
            has_open INTEGER NOT NULL,
            -- (day, cumulative work, cumulative idle, first_in, last_out, has_open) through this day: any run of
            -- whole days is then two prefix lookups per member, whatever its length.
            prefix BLOB NOT NULL,
            intervals BLOB NOT NULL,
            PRIMARY KEY(member_key, day)) WITHOUT ROWID;

        CREATE TABLE workspace_days(
            workspace_id TEXT NOT NULL,
            day INTEGER NOT NULL,
            masks BLOB NOT NULL,
            PRIMARY KEY(workspace_id, day)) WITHOUT ROWID;
        """,

        // 4: a sample is deduplicated by (member, start, client id): a tracker's batches then append at each member's
        // tail instead of scattering random ids over a day's index range. A re-send repeats the sample's start, so it
        // still collides; reusing an id for a different start is not a re-send. (Measurements: docs/PERFORMANCE.md.)
        """
        DROP INDEX ux_activity_sample;
        ALTER TABLE activity DROP COLUMN day;
        CREATE UNIQUE INDEX ux_activity_sample ON activity(member_key, start_at, sample_id);
        """,

        // 5: sessions are clustered by (member, clock-in), the order every range read wants; keyed by id, a member's
        // sessions lay wherever their ids sorted. A member's longest closed session bounds how far before a range
        // their overlapping closed sessions can start; reads seek to "from − longest". (docs/PERFORMANCE.md.)
        """
        CREATE TABLE sessions_by_member(
            workspace_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            id TEXT NOT NULL,
            date TEXT NOT NULL,
            in_at INTEGER NOT NULL,
            in_moment INTEGER NOT NULL,
            in_by TEXT NOT NULL,
            in_office TEXT,
            in_ip TEXT,
            in_comment TEXT,
            out_id TEXT,
            out_at INTEGER,
            out_moment INTEGER,
            out_by TEXT,
            out_office TEXT,
            out_ip TEXT,
            out_comment TEXT,
            auto_clocked_out INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(workspace_id, user_id, in_at, id)) WITHOUT ROWID;
        INSERT INTO sessions_by_member SELECT * FROM sessions ORDER BY workspace_id, user_id, in_at, id;
        DROP TABLE sessions;
        ALTER TABLE sessions_by_member RENAME TO sessions;
        CREATE UNIQUE INDEX ux_sessions_id ON sessions(workspace_id, id);
        CREATE UNIQUE INDEX ux_sessions_open ON sessions(workspace_id, user_id) WHERE out_at IS NULL;
        CREATE UNIQUE INDEX ux_sessions_out ON sessions(workspace_id, out_id) WHERE out_id IS NOT NULL;
        CREATE INDEX ix_sessions_time ON sessions(workspace_id, in_at);
        CREATE INDEX ix_sessions_date ON sessions(workspace_id, date);

        -- Per member: one forgotten clock-out closed a month later widens only that member's reads.
        CREATE TABLE session_spans(
            workspace_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            longest_ticks INTEGER NOT NULL,
            PRIMARY KEY(workspace_id, user_id)) WITHOUT ROWID;
        INSERT INTO session_spans(workspace_id, user_id, longest_ticks)
            SELECT workspace_id, user_id, max(out_at - in_at) FROM sessions WHERE out_at IS NOT NULL GROUP BY workspace_id, user_id;
        """,

        // 6: narrower member-day rows, so a run of whole days is two seeks per member: intervals, read only for the
        // partial days at a range's edges, get their own table, and the running-totals blob carries the day's own
        // totals too. Rollups are derived data: they are dropped here and the next rollup run rebuilds them; until it
        // has, reads compute from raw data. (docs/PERFORMANCE.md.)
        """
        DROP TABLE member_days;
        CREATE TABLE member_days(
            member_key INTEGER NOT NULL REFERENCES member_keys(key),
            day INTEGER NOT NULL,
            work_ticks INTEGER NOT NULL,
            idle_ticks INTEGER NOT NULL,
            first_in INTEGER,
            last_out INTEGER,
            has_open INTEGER NOT NULL,
            -- (day, cumulative work and idle through this day, this day's work and idle, first_in, last_out,
            -- has_open): any run of whole days is then two seeks per member, whatever its length.
            prefix BLOB NOT NULL,
            PRIMARY KEY(member_key, day)) WITHOUT ROWID;
        CREATE TABLE member_day_intervals(
            member_key INTEGER NOT NULL REFERENCES member_keys(key),
            day INTEGER NOT NULL,
            intervals BLOB NOT NULL,
            PRIMARY KEY(member_key, day)) WITHOUT ROWID;
        DELETE FROM workspace_days;
        DELETE FROM rollup_state;
        """,

        // 7: key epochs (a deletion raises the member's epoch; keys minted before it stay revoked after a restore),
        // and sign-in attempts per account, counted and decided in one write so parallel guesses share one limit.
        """
        ALTER TABLE members ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE api_keys ADD COLUMN member_epoch INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE login_attempts(
            workspace_id TEXT NOT NULL,
            account TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            window_start INTEGER NOT NULL,
            locked_until INTEGER,
            PRIMARY KEY(workspace_id, account)) WITHOUT ROWID;
        """,

        // 8: work time from activity. A workspace chooses its source; in activity mode each member's samples are
        // merged, as they arrive, into derived sessions (span + covered intervals), which outlive the samples'
        // retention. Derived sessions of one member never overlap, so ordering by start also orders by end.
        """
        ALTER TABLE workspaces ADD COLUMN work_time_source TEXT NOT NULL DEFAULT 'attendance';
        ALTER TABLE workspaces ADD COLUMN activity_session_gap_minutes INTEGER;
        CREATE TABLE activity_sessions(
            member_key INTEGER NOT NULL REFERENCES member_keys(key),
            start_at INTEGER NOT NULL,
            end_at INTEGER NOT NULL,
            coverage BLOB NOT NULL,
            PRIMARY KEY(member_key, start_at)) WITHOUT ROWID;
        -- A change of source forgets the workspace's rollups; a job that read its dirty version before that must
        -- not save what it computed under the old rules.
        CREATE TABLE rollup_resets(
            workspace_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL);
        """,

        // 9: a workspace's member version, raised by every write to its members whatever writes them (this process, a
        // command run beside the Server, a manual fix), so member summaries can be kept in memory and checked against
        // it on each use (MemberSummaryCache).
        """
        CREATE TABLE member_versions(
            workspace_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TRIGGER members_inserted AFTER INSERT ON members BEGIN
            INSERT INTO member_versions(workspace_id, version) VALUES (NEW.workspace_id, 1)
                ON CONFLICT(workspace_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER members_updated AFTER UPDATE ON members BEGIN
            INSERT INTO member_versions(workspace_id, version) VALUES (NEW.workspace_id, 1)
                ON CONFLICT(workspace_id) DO UPDATE SET version = version + 1;
        END;
        CREATE TRIGGER members_deleted AFTER DELETE ON members BEGIN
            INSERT INTO member_versions(workspace_id, version) VALUES (OLD.workspace_id, 1)
                ON CONFLICT(workspace_id) DO UPDATE SET version = version + 1;
        END;
        """,

        // 10: fewer and narrower rollup rows for a faster backfill: day intervals in blocks of eight days per member
        // (IntervalBlocks), and member-day rows without the day's totals as columns (the prefix blob carries them).
        // Rollups are derived data: they are dropped and the next rollup run rebuilds them; until then reads use raw
        // data. (docs/PERFORMANCE.md.)
        """
        DROP TABLE member_day_intervals;
        DROP TABLE member_days;
        CREATE TABLE member_days(
            member_key INTEGER NOT NULL REFERENCES member_keys(key),
            day INTEGER NOT NULL,
            -- (day, cumulative work and idle through this day, this day's work and idle, first_in, last_out,
            -- has_open): any run of whole days is then two seeks per member, whatever its length.
            prefix BLOB NOT NULL,
            PRIMARY KEY(member_key, day)) WITHOUT ROWID;
        CREATE TABLE member_interval_blocks(
            member_key INTEGER NOT NULL REFERENCES member_keys(key),
            block INTEGER NOT NULL,
            days BLOB NOT NULL,
            UNIQUE(member_key, block));
        DELETE FROM workspace_days;
        DELETE FROM rollup_state;
        """,

        // 11: dirty marks clustered by (workspace, day, member), the order a rollup save clears them in. Keyed by an
        // AUTOINCREMENT rowid, with the natural key in a second index, clearing a backfill step's days touched every
        // page of both whenever the marks had been written member by member (an import), not day by day (~60 ms of a
        // 62-day step's save). The sequence moves to a one-row table; a transaction's marks share one value.
        // (docs/PERFORMANCE.md.)
        """
        CREATE TABLE rollup_dirty_days(
            workspace_id TEXT NOT NULL,
            day INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY(workspace_id, day, user_id)) WITHOUT ROWID;
        INSERT INTO rollup_dirty_days(workspace_id, day, user_id, seq)
            SELECT workspace_id, day, user_id, seq FROM rollup_dirty;
        -- Only ever raised: a job clears only the marks made before it read the raw data.
        CREATE TABLE rollup_sequence(
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL);
        INSERT INTO rollup_sequence(id, seq)
            VALUES (1, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'rollup_dirty'), 0));
        DROP TABLE rollup_dirty;
        ALTER TABLE rollup_dirty_days RENAME TO rollup_dirty;
        """,

        // 12: the idle samples' index covers the idle read, so it never visits the table. Without end_at, SQLite
        // preferred the sample index (member, start, id) and fetched every sample of the range from the table to test
        // idle and end: in activity mode ten of every twelve were not idle. idle is a column too, constant as it is:
        // older SQLite versions count a partial index as covering only when it holds its condition's columns.
        // (docs/PERFORMANCE.md.)
        """
        DROP INDEX ix_activity_idle;
        CREATE INDEX ix_activity_idle ON activity(member_key, start_at, end_at, idle) WHERE idle = 1;
        """,
    ];

    public static void Apply(SqliteConnection connection) => Apply(connection, Scripts.Length);

    /// <summary>Applies the scripts up to <paramref name="target"/>; tests use it to build an older schema to upgrade.</summary>
    internal static void Apply(SqliteConnection connection, int target)
    {
        var current = Convert.ToInt32(connection.Scalar("PRAGMA user_version;", null));
        for (var version = current + 1; version <= target; version++)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            SqliteDatabase.Execute(connection, Scripts[version - 1], transaction);
            SqliteDatabase.Execute(connection, $"PRAGMA user_version = {version};", transaction);
            transaction.Commit();
        }
    }
}

using TimeTracker.Core.Auth;

namespace TimeTracker.Storage.Sqlite;

/// <summary>Sign-in attempts, counted and decided inside one write transaction (writes are serialized).</summary>
public sealed class SqliteLoginThrottleStore(SqliteDatabase db) : ILoginThrottleStore
{
    public Task<TimeSpan?> BeginAttemptAsync(
        string workspaceId, string account, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var current = c.Query(
                "SELECT attempts, window_start, locked_until FROM login_attempts WHERE workspace_id=@ws AND account=@account",
                tx, r => new LoginAttempts(r.GetInt32(0), r.Instant(1), r.NullableInstant(2)),
                ("@ws", workspaceId), ("@account", account)).SingleOrDefault();
            var (next, retryAfter) = LoginThrottle.Attempt(current, now);
            if (retryAfter is null)
            {
                c.Execute("""
                    INSERT INTO login_attempts(workspace_id, account, attempts, window_start, locked_until)
                    VALUES (@ws, @account, @n, @start, @locked)
                    ON CONFLICT(workspace_id, account) DO UPDATE SET attempts=@n, window_start=@start, locked_until=@locked
                    """, tx, ("@ws", workspaceId), ("@account", account), ("@n", next.Count),
                    ("@start", SqlCommands.Ticks(next.WindowStart)), ("@locked", SqlCommands.Ticks(next.LockedUntil)));
            }
            return retryAfter;
        }, ct);

    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute(
            "DELETE FROM login_attempts WHERE window_start <= @cutoff AND (locked_until IS NULL OR locked_until <= @now)", tx,
            ("@cutoff", SqlCommands.Ticks(now - LoginThrottle.Window)), ("@now", SqlCommands.Ticks(now))), ct);

    public Task ClearAsync(string workspaceId, string account, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            c.Execute("DELETE FROM login_attempts WHERE workspace_id=@ws AND account=@account", tx,
                ("@ws", workspaceId), ("@account", account));
        }, ct);
}

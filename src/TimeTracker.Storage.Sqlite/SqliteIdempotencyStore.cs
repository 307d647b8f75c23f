using Microsoft.Data.Sqlite;
using TimeTracker.Core.Idempotency;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteIdempotencyStore(SqliteDatabase db) : IIdempotencyStore
{
    public Task<IdempotencyRecord?> GetAsync(string workspaceId, string callerId, string key, CancellationToken ct = default) =>
        db.ReadAsync(c => c.Query(
            "SELECT workspace_id, caller_id, key, request_hash, status_code, response_body, created_at FROM idempotency WHERE workspace_id=@ws AND caller_id=@caller AND key=@key",
            null, r => new IdempotencyRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetString(5), r.Instant(6)),
            ("@ws", workspaceId), ("@caller", callerId), ("@key", key)).SingleOrDefault(), ct);

    public Task<int> PurgeAsync(DateTimeOffset createdBefore, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("DELETE FROM idempotency WHERE created_at < @before", tx, ("@before", createdBefore.UtcTicks)), ct);

    /// <summary>
    /// Called first in a write transaction: a live record under the key means a concurrent request with it already
    /// committed, so this one must replay that answer rather than apply its rules against the changed state.
    /// </summary>
    internal static void ThrowIfTaken(SqliteConnection c, SqliteTransaction tx, IdempotencyRecord? record)
    {
        if (record is null) return;
        var taken = c.Scalar("SELECT 1 FROM idempotency WHERE workspace_id=@ws AND caller_id=@caller AND key=@key AND created_at > @live", tx,
            ("@ws", record.WorkspaceId), ("@caller", record.CallerId), ("@key", record.Key), ("@live", (record.CreatedAt - IdempotencyRecord.Lifetime).UtcTicks));
        if (taken is not null) throw new IdempotencyKeyTakenException();
    }

    /// <summary>Records the response in the caller's transaction; an expired record under the same key is replaced.</summary>
    internal static void Insert(SqliteConnection c, SqliteTransaction tx, IdempotencyRecord? record)
    {
        if (record is null) return;
        c.Execute("DELETE FROM idempotency WHERE workspace_id=@ws AND caller_id=@caller AND key=@key AND created_at <= @expired", tx,
            ("@ws", record.WorkspaceId), ("@caller", record.CallerId), ("@key", record.Key), ("@expired", (record.CreatedAt - IdempotencyRecord.Lifetime).UtcTicks));
        try
        {
            c.Execute("INSERT INTO idempotency(workspace_id, caller_id, key, request_hash, status_code, response_body, created_at) VALUES (@ws, @caller, @key, @hash, @status, @body, @created)", tx,
                ("@ws", record.WorkspaceId), ("@caller", record.CallerId), ("@key", record.Key), ("@hash", record.RequestHash),
                ("@status", record.StatusCode), ("@body", record.ResponseBody), ("@created", record.CreatedAt.UtcTicks));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new IdempotencyKeyTakenException();
        }
    }
}

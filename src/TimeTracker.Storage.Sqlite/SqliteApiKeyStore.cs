using Microsoft.Data.Sqlite;
using TimeTracker.Core.Auth;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteApiKeyStore(SqliteDatabase db) : IApiKeyStore
{
    private const string Columns = "id, workspace_id, member_id, name, secret_hash, created_at, expires_at, member_epoch";

    public Task<ApiKey?> GetAsync(string keyId, CancellationToken ct = default) =>
        db.ReadAsync(c => c.Query($"SELECT {Columns} FROM api_keys WHERE id=@id", null, Read, ("@id", keyId)).SingleOrDefault(), ct);

    /// <summary>The three reads on one connection, one hop through the read pool.</summary>
    public Task<Credential?> GetCredentialAsync(string keyId, CancellationToken ct = default) =>
        db.ReadAsync(c => c.Query($"SELECT {Columns} FROM api_keys WHERE id=@id", null, Read, ("@id", keyId))
            .SingleOrDefault() is { } key
            ? new Credential(key, SqliteMemberStore.Find(c, key.WorkspaceId, key.MemberId),
                SqliteWorkspaceStore.Find(c, key.WorkspaceId))
            : null, ct);

    public Task<IReadOnlyList<ApiKey>> ListAsync(string workspaceId, string? memberId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<ApiKey>>(c => c.Query(
            $"SELECT {Columns} FROM api_keys WHERE workspace_id=@ws AND (@member IS NULL OR member_id=@member) ORDER BY id",
            null, Read, ("@ws", workspaceId), ("@member", memberId)), ct);

    public Task CreateAsync(ApiKey key, CancellationToken ct = default) => db.WriteAsync((c, tx) => Insert(c, tx, key), ct);

    public Task<bool> DeleteAsync(string workspaceId, string keyId, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => c.Execute("DELETE FROM api_keys WHERE workspace_id=@ws AND id=@id", tx, ("@ws", workspaceId), ("@id", keyId)) > 0, ct);

    internal static void Insert(SqliteConnection c, SqliteTransaction tx, ApiKey k) =>
        c.Execute($"INSERT INTO api_keys({Columns}) VALUES (@id, @ws, @member, @name, @hash, @created, @expires, @epoch)", tx,
            ("@id", k.Id), ("@ws", k.WorkspaceId), ("@member", k.MemberId), ("@name", k.Name), ("@hash", k.SecretHash),
            ("@created", SqlCommands.Ticks(k.CreatedAt)), ("@expires", SqlCommands.Ticks(k.ExpiresAt)), ("@epoch", k.MemberEpoch));

    private static ApiKey Read(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Instant(5), r.NullableInstant(6), r.GetInt32(7));
}

using Microsoft.Data.Sqlite;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Invitations;
using TimeTracker.Core.Members;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteInvitationStore(SqliteDatabase db) : IInvitationStore
{
    public Task CreateAsync(Member invited, Invitation invitation, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            SqliteMemberStore.Insert(c, tx, invited);
            c.Execute("INSERT INTO invitations(id, workspace_id, member_id, created_at, expires_at) VALUES (@id, @ws, @member, @created, @expires)", tx,
                ("@id", invitation.Id), ("@ws", invitation.WorkspaceId), ("@member", invitation.MemberId),
                ("@created", SqlCommands.Ticks(invitation.CreatedAt)), ("@expires", SqlCommands.Ticks(invitation.ExpiresAt)));
        }, ct);

    public Task<Invitation?> GetAsync(string invitationId, CancellationToken ct = default) =>
        db.ReadAsync(c => c.Query("SELECT id, workspace_id, member_id, created_at, expires_at, accepted_at FROM invitations WHERE id=@id", null, Read,
            ("@id", invitationId)).SingleOrDefault(), ct);

    public Task<bool> AcceptAsync(Invitation invitation, Member activated, ApiKey key, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var claimed = c.Execute("UPDATE invitations SET accepted_at=@now WHERE id=@id AND accepted_at IS NULL", tx,
                ("@id", invitation.Id), ("@now", SqlCommands.Ticks(now)));
            if (claimed == 0) return false;
            SqliteMemberStore.Update(c, tx, activated);
            SqliteApiKeyStore.Insert(c, tx, key);
            return true;
        }, ct);

    private static Invitation Read(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.Instant(3), r.Instant(4), r.NullableInstant(5));
}

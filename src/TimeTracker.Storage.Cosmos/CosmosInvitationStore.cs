using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Invitations;
using TimeTracker.Core.Members;
using TimeTracker.Core.Storage;

namespace TimeTracker.Storage.Cosmos;

/// <summary>Invitations in <c>invitations</c>, keyed by the token's hash (accepting is one point read); they expire by TTL.</summary>
public sealed class CosmosInvitationStore(CosmosDatabase db, CosmosMemberStore members, CosmosApiKeyStore keys) : IInvitationStore
{
    private sealed record Document(string Id, string WorkspaceId, string MemberId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt, int Ttl)
    {
        public Invitation ToInvitation() => new(Id, WorkspaceId, MemberId, CreatedAt, ExpiresAt, AcceptedAt);

        // Kept a week past expiry so a late click still gets "expired" rather than "not found".
        public static Document From(Invitation i) =>
            new(i.Id, i.WorkspaceId, i.MemberId, i.CreatedAt, i.ExpiresAt, i.AcceptedAt, (int)(i.ExpiresAt - i.CreatedAt + TimeSpan.FromDays(7)).TotalSeconds);
    }

    public async Task CreateAsync(Member invited, Invitation invitation, CancellationToken ct = default)
    {
        await members.CreateAsync(invited, ct);
        try
        {
            await db.Invitations.CreateItemAsync(Document.From(invitation), new PartitionKey(invitation.Id), cancellationToken: ct);
        }
        catch
        {
            await members.RemoveAsync(invited, ct);
            throw;
        }
    }

    public async Task<Invitation?> GetAsync(string invitationId, CancellationToken ct = default) =>
        (await db.Invitations.ReadAsync<Document>(invitationId, new PartitionKey(invitationId), ct)).Item?.ToInvitation();

    /// <summary>Claims the invitation with its ETag (one concurrent accept wins), then activates the member; a failed activation releases the claim.</summary>
    public async Task<bool> AcceptAsync(Invitation invitation, Member activated, ApiKey key, DateTimeOffset now, CancellationToken ct = default)
    {
        var partition = new PartitionKey(invitation.Id);
        var (doc, etag) = await db.Invitations.ReadAsync<Document>(invitation.Id, partition, ct);
        if (doc is null || doc.AcceptedAt is not null) return false;
        try
        {
            etag = (await db.Invitations.ReplaceItemAsync(doc with { AcceptedAt = now }, doc.Id, partition, new ItemRequestOptions { IfMatchEtag = etag }, ct)).ETag;
        }
        catch (CosmosException e) when (e.IsPreconditionFailed())
        {
            return false;
        }
        try
        {
            await members.UpdateAsync(activated, ct);
        }
        catch (Exception e) when (e is DuplicateValueException or ConcurrencyConflictException)
        {
            await db.Invitations.ReplaceItemAsync(doc, doc.Id, partition, new ItemRequestOptions { IfMatchEtag = etag }, ct);
            throw;
        }
        await keys.CreateAsync(key, ct);
        return true;
    }
}

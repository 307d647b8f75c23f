using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Members;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Keeps "a workspace always has an active owner" on Cosmos without a multi-document transaction. One roster document
/// per workspace partition lists owners that are certainly active; every change that removes an active owner first
/// takes that owner out of the roster with the roster's ETag, refusing when none would remain, and only then writes
/// the member. So the roster is always a non-empty <em>subset</em> of the real active owners, and two owners demoting
/// each other at once cannot both pass: the second ETag write sees the first's result.
/// A promotion writes the member first and then adds it to the roster, unless a removal of the same member is in
/// flight (<see cref="RosterDoc.Leaving"/>): adding it then could list a member that is about to stop being an owner.
/// A crash part-way can only leave the roster smaller than the truth, which refuses a removal it could have allowed,
/// never the other way round.
/// </summary>
internal sealed class OwnerRoster(
    Container items, Func<string, CancellationToken, Task<IReadOnlyList<Member>>> activeOwners)
{
    private const string Id = "owner-roster";
    private const int Attempts = 100;

    internal sealed record Removal(string MemberId, string Operation);

    internal sealed record RosterDoc(string Id, string Type, string WorkspaceId, string[] Owners, Removal[] Leaving);

    /// <summary>Takes <paramref name="memberId"/> off the roster before its removal is written; returns the token.</summary>
    public async Task<Removal> BeginRemovalAsync(string workspaceId, string memberId, CancellationToken ct)
    {
        var removal = new Removal(memberId, Guid.NewGuid().ToString("N"));
        await ChangeAsync(workspaceId, roster =>
        {
            var owners = roster.Owners.Where(o => o != memberId).ToArray();
            if (owners.Length == 0) throw new LastOwnerException();
            return roster with { Owners = owners, Leaving = [.. roster.Leaving, removal] };
        }, ct);
        return removal;
    }

    /// <summary>The removal was written (or abandoned): the member may be listed again once an owner again.</summary>
    public Task EndRemovalAsync(string workspaceId, Removal removal, CancellationToken ct) =>
        ChangeAsync(workspaceId, roster => roster with { Leaving = [.. roster.Leaving.Where(r => r != removal)] }, ct);

    /// <summary>After a member was written as an active owner: lists it, unless its removal is in flight.</summary>
    public Task AddAsync(
        string workspaceId, string memberId, Func<CancellationToken, Task<Member?>> readMember, CancellationToken ct) =>
        ChangeAsync(workspaceId, async roster =>
        {
            if (roster.Owners.Contains(memberId) || roster.Leaving.Any(r => r.MemberId == memberId)) return null;
            // Read after the roster: a removal that started since would have changed the roster's ETag.
            var member = await readMember(ct);
            return member is { IsActiveOwner: true } ? roster with { Owners = [.. roster.Owners, memberId] } : null;
        }, ct);

    private Task ChangeAsync(string workspaceId, Func<RosterDoc, RosterDoc?> change, CancellationToken ct) =>
        ChangeAsync(workspaceId, roster => Task.FromResult(change(roster)), ct);

    /// <summary>Read, change, replace with the ETag; again on a lost race. A null change writes nothing.</summary>
    private async Task ChangeAsync(string workspaceId, Func<RosterDoc, Task<RosterDoc?>> change, CancellationToken ct)
    {
        var partition = new PartitionKey(workspaceId);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (roster, etag) = await items.ReadAsync<RosterDoc>(Id, partition, ct);
            if (roster is null)
            {
                await CreateAsync(workspaceId, ct);
                continue;
            }
            var changed = await change(roster);
            if (changed is null) return;
            try
            {
                await items.ReplaceItemAsync(changed, Id, partition, new ItemRequestOptions { IfMatchEtag = etag }, ct);
                return;
            }
            catch (CosmosException e) when (e.IsPreconditionFailed())
            {
                await Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 20)), ct);
            }
        }
        throw new Core.Storage.ConcurrencyConflictException();
    }

    /// <summary>
    /// Workspaces from before the roster get one built from their members. No removal can be under way without the
    /// roster, so the query sees every owner that is about to be removed; of two racing creators one wins.
    /// </summary>
    private async Task CreateAsync(string workspaceId, CancellationToken ct)
    {
        var owners = (await activeOwners(workspaceId, ct)).Select(m => m.Id).ToArray();
        try
        {
            var roster = new RosterDoc(Id, "owner-roster", workspaceId, owners, []);
            await items.CreateItemAsync(roster, new PartitionKey(workspaceId), cancellationToken: ct);
        }
        catch (CosmosException e) when (e.IsConflict())
        {
        }
    }
}

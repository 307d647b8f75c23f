using System.Net;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Members;
using TimeTracker.Core.Storage;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Keeps "a workspace always has an active owner" on Cosmos. One roster document per workspace partition lists the
/// active owners, and every member write that makes or unmakes one writes the roster with it, in one transactional
/// batch guarded by both ETags. The roster's ETag orders those writes: of two owners demoting each other at once, the
/// second decides again on the first's result and is refused.
/// <para>
/// Rosters written before batches list a <em>subset</em> of the active owners (a crash part-way left them short), and
/// may name removals in flight (<see cref="RosterDoc.Leaving"/>, no longer written). So a removal that would empty the
/// roster asks the members themselves before refusing; the roster it then writes is exact, and it was read under the
/// same ETag the batch checks.
/// </para>
/// </summary>
internal sealed class OwnerRoster(
    Container items, Func<string, CancellationToken, Task<IReadOnlyList<Member>>> activeOwners)
{
    private const string Id = "owner-roster";
    private const int Attempts = 100;

    internal sealed record Removal(string MemberId, string Operation);

    internal sealed record RosterDoc(string Id, string Type, string WorkspaceId, string[] Owners, Removal[]? Leaving);

    /// <summary>
    /// Writes a member whose standing as an active owner changes (<paramref name="writeMember"/> adds its operation to
    /// the batch) with the roster. Throws <see cref="LastOwnerException"/> when no active owner would remain, and
    /// <see cref="ConcurrencyConflictException"/> when the member changed since it was read (after a failed
    /// precondition, <paramref name="memberUnchanged"/> tells whether it was the member or the roster).
    /// </summary>
    public async Task WriteAsync(Member member, Func<TransactionalBatch, TransactionalBatch> writeMember,
        Func<CancellationToken, Task<bool>> memberUnchanged, CancellationToken ct)
    {
        var partition = new PartitionKey(member.WorkspaceId);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (roster, etag) = await items.ReadAsync<RosterDoc>(Id, partition, ct);
            if (roster is null)
            {
                await CreateAsync(member.WorkspaceId, ct);
                continue;
            }
            var owners = await OwnersAfterAsync(roster, member, ct);
            var batch = writeMember(items.CreateTransactionalBatch(partition)).ReplaceItem(Id,
                roster with { Owners = owners, Leaving = [] },
                new TransactionalBatchItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false });
            using var response = await batch.ExecuteAsync(ct);
            if (response.IsSuccessStatusCode) return;
            if (response.StatusCode != HttpStatusCode.PreconditionFailed) throw response.Failure();
            if (!await memberUnchanged(ct)) throw new ConcurrencyConflictException();
            await Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 20)), ct);
        }
        throw new ConcurrencyConflictException();
    }

    private async Task<string[]> OwnersAfterAsync(RosterDoc roster, Member member, CancellationToken ct)
    {
        if (member.IsActiveOwner) return [.. roster.Owners.Where(o => o != member.Id), member.Id];
        var owners = roster.Owners.Where(o => o != member.Id).ToArray();
        if (owners.Length > 0) return owners;
        owners = [.. (await activeOwners(member.WorkspaceId, ct)).Select(m => m.Id).Where(id => id != member.Id)];
        return owners.Length > 0 ? owners : throw new LastOwnerException();
    }

    /// <summary>
    /// A new workspace, or one from before the roster, gets one built from its members; of two racing creators one
    /// wins, and every later owner change checks the winner's ETag.
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

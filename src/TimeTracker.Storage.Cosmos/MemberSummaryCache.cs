using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Members;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Every member summary of a workspace, kept in memory and checked on each use against the workspace's member stamp:
/// a document every member write replaces with a fresh value in the same transactional batch
/// (<see cref="StampIn"/>), so a summary served under a stamp is exactly what the members say. A dashboard over 100
/// members then reads one small document instead of 100 member documents (and a relay's batch, its members' teams).
/// </summary>
internal sealed class MemberSummaryCache(
    Container items, Func<string, IReadOnlyCollection<string>?, CancellationToken, Task<IReadOnlyList<Member>>> read)
{
    private const string StampId = "member-stamp";

    private sealed record Stamp(string Id, string Type, string WorkspaceId, string Value);

    private readonly RememberedSummaries _remembered = new();

    /// <summary>Adds the stamp's replacement to a batch that writes a member of <paramref name="workspaceId"/>.</summary>
    public static TransactionalBatch StampIn(TransactionalBatch batch, string workspaceId) =>
        batch.UpsertItem(NewStamp(workspaceId), new TransactionalBatchItemRequestOptions
            { EnableContentResponseOnWrite = false });

    /// <summary>
    /// The summaries of <paramref name="memberIds"/> that exist. The stamp is read before the members, so members
    /// remembered under a stamp are never older than it; a write in between only costs the next caller a reload.
    /// </summary>
    public async Task<IReadOnlyList<MemberSummary>> GetAsync(string workspaceId,
        IReadOnlyCollection<string> memberIds, CancellationToken ct)
    {
        if (memberIds.Count == 0) return [];
        // Few ids and nothing remembered: one read of those members, as without the cache.
        if (!_remembered.WorthRemembering(workspaceId, memberIds.Count))
            return (await read(workspaceId, memberIds, ct)).Select(MemberSummary.Of).ToList();
        var (stamp, _) = await items.ReadAsync<Stamp>(StampId, new PartitionKey(workspaceId), ct);
        if (stamp is not null && _remembered.TryGet(workspaceId, stamp.Value, memberIds) is { } found) return found;
        // Workspaces whose members were last written before stamps get one; members read after it are current.
        stamp ??= await CreateStampAsync(workspaceId, ct);
        return _remembered.Remember(workspaceId, stamp.Value,
            (await read(workspaceId, null, ct)).Select(MemberSummary.Of), memberIds);
    }

    private async Task<Stamp> CreateStampAsync(string workspaceId, CancellationToken ct)
    {
        var stamp = NewStamp(workspaceId);
        try
        {
            await items.CreateItemAsync(stamp, new PartitionKey(workspaceId), cancellationToken: ct);
            return stamp;
        }
        catch (CosmosException e) when (e.IsConflict())
        {
            return (await items.ReadAsync<Stamp>(StampId, new PartitionKey(workspaceId), ct)).Item
                ?? await CreateStampAsync(workspaceId, ct);
        }
    }

    private static Stamp NewStamp(string workspaceId) =>
        new(StampId, "memberStamp", workspaceId, Guid.NewGuid().ToString("N"));
}

using System.Text;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Members;
using TimeTracker.Core.Storage;
using TimeTracker.Core.Workspaces;
using static TimeTracker.Storage.Cosmos.WorkspaceDocuments;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Members in their workspace's partition. Email and username stay unique through reservation documents whose id is
/// the normalized value: creating one is atomic, so of two parallel creates exactly one wins. A reservation left
/// behind by a crash is taken over once its member no longer holds the value.
/// </summary>
public sealed class CosmosMemberStore : IMemberStore
{
    private readonly CosmosDatabase _db;
    private readonly OwnerRoster _roster;

    private readonly MemberSummaryCache _summaries;

    public CosmosMemberStore(CosmosDatabase db)
    {
        _db = db;
        _roster = new OwnerRoster(db.Workspaces, ActiveOwnersAsync);
        _summaries = new MemberSummaryCache(db.Workspaces, (ws, ids, ct) => ids is null
            ? QueryMembersAsync(ws, "true", q => q, ct) : GetManyAsync(ws, ids, ct));
    }

    private Container Items => _db.Workspaces;

    public async Task<Member?> GetAsync(string workspaceId, string memberId, CancellationToken ct = default)
    {
        var (doc, etag) = await Items.ReadAsync<MemberDoc>(memberId, new PartitionKey(workspaceId), ct);
        return doc is { Type: "member" } ? doc.ToMember(etag) : null;
    }

    public async Task<IReadOnlyList<Member>> GetManyAsync(string workspaceId, IReadOnlyCollection<string> memberIds, CancellationToken ct = default) =>
        memberIds.Count == 0 ? [] : (await QueryMembersAsync(workspaceId, "ARRAY_CONTAINS(@ids, c.id)", q => q.WithParameter("@ids", memberIds.Distinct().ToArray()), ct)).ToList();

    public Task<IReadOnlyList<MemberSummary>> GetSummariesAsync(string workspaceId,
        IReadOnlyCollection<string> memberIds, CancellationToken ct = default) =>
        _summaries.GetAsync(workspaceId, memberIds, ct);

    public async Task<Member?> FindByLoginAsync(string workspaceId, string login, CancellationToken ct = default) =>
        (await QueryMembersAsync(workspaceId, "(c.emailNorm = @login OR c.usernameNorm = @login)", q => q.WithParameter("@login", Member.Normalize(login)), ct)) is [var first, ..] ? first : null;

    public async Task<IReadOnlyList<Member>> ListTeamAsync(string workspaceId, string teamId, CancellationToken ct = default) =>
        (await QueryMembersAsync(workspaceId, "c.teamId = @team", q => q.WithParameter("@team", teamId), ct)).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<(string Id, DateTimeOffset CreatedAt)>> ListCreatedAsync(string workspaceId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        (await QueryMembersAsync(workspaceId, "c.createdTicks >= @from AND c.createdTicks < @to",
            q => q.WithParameter("@from", fromUtc.UtcTicks).WithParameter("@to", toUtc.UtcTicks), ct)).Select(m => (m.Id, m.CreatedAt)).ToList();

    public async Task<Page<Member>> ListAsync(string workspaceId, MemberQuery query, int limit, string? continuation, CancellationToken ct = default)
    {
        var (where, parameters) = Filter(query, continuation);
        var definition = new QueryDefinition($"SELECT * FROM c WHERE c.workspaceId = @ws AND c.type = 'member' AND {where} ORDER BY c.id")
            .WithParameter("@ws", workspaceId);
        foreach (var (name, value) in parameters) definition = definition.WithParameter(name, value);
        // Keyset paging on the time-ordered id: a member added while a client pages appears later, never twice.
        var rows = await Items.QueryAsync<MemberDoc>(definition, new PartitionKey(workspaceId), ct, limit + 1);
        var members = rows.Take(limit).Select(d => d.ToMember()).ToList();
        return new Page<Member>(members, rows.Count > limit ? members[^1].Id : null);
    }

    public async Task CreateAsync(Member member, CancellationToken ct = default)
    {
        var reserved = await ReserveAsync(member, null, ct);
        try
        {
            var doc = MemberDoc.From(member);
            TransactionalBatch Create(TransactionalBatch batch) =>
                MemberSummaryCache.StampIn(batch.CreateItem(doc, Quiet()), member.WorkspaceId);
            if (member.IsActiveOwner) await _roster.WriteAsync(member, Create, _ => Task.FromResult(true), ct);
            else await WriteAsync(member.WorkspaceId, Create, ct);
        }
        catch
        {
            await ReleaseAsync(member.WorkspaceId, reserved, ct);
            throw;
        }
    }

    public async Task UpdateAsync(Member member, CancellationToken ct = default)
    {
        var current = await GetAsync(member.WorkspaceId, member.Id, ct);
        if (current is null || current.ConcurrencyToken != member.ConcurrencyToken) throw new ConcurrencyConflictException();
        var reserved = await ReserveAsync(member, current, ct);
        try
        {
            await ReplaceAsync(current, member, ct);
        }
        catch
        {
            await ReleaseAsync(member.WorkspaceId, reserved, ct);
            throw;
        }
        await ReleaseAsync(member.WorkspaceId, Unique(current).Except(Unique(member)).ToList(), ct);
    }

    public async Task<DeleteMemberResult> SoftDeleteAsync(Member member, DateTimeOffset now, CancellationToken ct = default)
    {
        if (member.Status == MemberStatus.Deleted) return DeleteMemberResult.NotFound;
        var deleted = member with { Status = MemberStatus.Deleted, DeletedAt = now, UpdatedAt = now, KeyEpoch = member.KeyEpoch + 1 };
        try
        {
            await ReplaceAsync(member, deleted, ct);
            return DeleteMemberResult.Deleted;
        }
        catch (LastOwnerException)
        {
            return DeleteMemberResult.LastOwner;
        }
        catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return DeleteMemberResult.NotFound;
        }
    }

    /// <summary>
    /// Replaces <paramref name="current"/> (as read: its ETag) with <paramref name="updated"/>; when its standing as an
    /// active owner changes, together with the owner roster.
    /// </summary>
    private async Task ReplaceAsync(Member current, Member updated, CancellationToken ct)
    {
        var doc = MemberDoc.From(updated);
        var etag = current.ConcurrencyToken;
        TransactionalBatch Replace(TransactionalBatch batch) =>
            MemberSummaryCache.StampIn(batch.ReplaceItem(updated.Id, doc, Quiet(etag)), updated.WorkspaceId);
        if (current.IsActiveOwner == updated.IsActiveOwner)
        {
            try
            {
                await WriteAsync(updated.WorkspaceId, Replace, ct);
                return;
            }
            catch (CosmosException e) when (e.IsPreconditionFailed())
            {
                throw new ConcurrencyConflictException();
            }
        }
        await _roster.WriteAsync(updated, Replace,
            async c => (await GetAsync(updated.WorkspaceId, updated.Id, c))?.ConcurrencyToken == etag, ct);
    }

    /// <summary>A member write and the member stamp's replacement, in one transactional batch; failures as the single
    /// write's <see cref="CosmosException"/>.</summary>
    private async Task WriteAsync(string workspaceId, Func<TransactionalBatch, TransactionalBatch> write,
        CancellationToken ct)
    {
        using var response = await write(Items.CreateTransactionalBatch(new PartitionKey(workspaceId)))
            .ExecuteAsync(ct);
        if (!response.IsSuccessStatusCode) throw response.Failure();
    }

    private static TransactionalBatchItemRequestOptions Quiet(string? etag = null) =>
        new() { IfMatchEtag = etag, EnableContentResponseOnWrite = false };

    private Task<IReadOnlyList<Member>> ActiveOwnersAsync(string workspaceId, CancellationToken ct) =>
        QueryMembersAsync(workspaceId, "c.role = 'Owner' AND c.status = 'Active' AND c.isBlocked = false", q => q, ct);

    /// <summary>Removes a member and its reservations outright: only to undo a create that could not be completed.</summary>
    internal async Task RemoveAsync(Member member, CancellationToken ct)
    {
        try
        {
            await WriteAsync(member.WorkspaceId, batch => MemberSummaryCache.StampIn(batch.DeleteItem(member.Id,
                Quiet()), member.WorkspaceId), ct);
        }
        catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
        await ReleaseAsync(member.WorkspaceId, Unique(member).ToList(), ct);
    }

    /// <summary>The (field, normalized value) pairs a member must hold exclusively.</summary>
    private static IEnumerable<(string Field, string Value)> Unique(Member m)
    {
        yield return ("email", Member.Normalize(m.Email));
        if (m.Username is not null) yield return ("username", Member.Normalize(m.Username));
    }

    /// <summary>Reserves the values <paramref name="member"/> newly needs; returns what was reserved so it can be released.</summary>
    private async Task<List<(string Field, string Value)>> ReserveAsync(Member member, Member? current, CancellationToken ct)
    {
        var needed = Unique(member).Except(current is null ? [] : Unique(current)).ToList();
        var reserved = new List<(string, string)>();
        foreach (var (field, value) in needed)
        {
            if (!await TryReserveAsync(member, field, value, ct))
            {
                await ReleaseAsync(member.WorkspaceId, reserved, ct);
                throw new DuplicateValueException(field);
            }
            reserved.Add((field, value));
        }
        return reserved;
    }

    private async Task<bool> TryReserveAsync(Member member, string field, string value, CancellationToken ct)
    {
        var partition = new PartitionKey(member.WorkspaceId);
        var reservation = new ReservationDoc(ReservationDoc.IdFor(field, value), "reservation", member.WorkspaceId, member.Id, field);
        try
        {
            await Items.CreateItemAsync(reservation, partition, cancellationToken: ct);
            return true;
        }
        catch (CosmosException e) when (e.IsConflict())
        {
            // Held by a member that still has the value (or is mid-create): taken. Left behind by a crash or an
            // unfinished change: take it over, guarded by its ETag so two claimants cannot both win.
            var (existing, etag) = await Items.ReadAsync<ReservationDoc>(reservation.Id, partition, ct);
            if (existing is null) return await TryReserveAsync(member, field, value, ct);
            if (existing.MemberId == member.Id) return true;
            var holder = await GetAsync(member.WorkspaceId, existing.MemberId, ct);
            if (holder is null || Unique(holder).Contains((field, value))) return false;
            try
            {
                await Items.ReplaceItemAsync(reservation, reservation.Id, partition, new ItemRequestOptions { IfMatchEtag = etag }, ct);
                return true;
            }
            catch (CosmosException race) when (race.IsPreconditionFailed())
            {
                return false;
            }
        }
    }

    private async Task ReleaseAsync(string workspaceId, IReadOnlyCollection<(string Field, string Value)> values, CancellationToken ct)
    {
        foreach (var (field, value) in values)
            await Items.DeleteIfExistsAsync(ReservationDoc.IdFor(field, value), new PartitionKey(workspaceId), ct);
    }

    private async Task<IReadOnlyList<Member>> QueryMembersAsync(string workspaceId, string where, Func<QueryDefinition, QueryDefinition> bind, CancellationToken ct)
    {
        var query = bind(new QueryDefinition($"SELECT * FROM c WHERE c.workspaceId = @ws AND c.type = 'member' AND {where}").WithParameter("@ws", workspaceId));
        return (await Items.QueryAsync<MemberDoc>(query, new PartitionKey(workspaceId), ct)).Select(d => d.ToMember()).ToList();
    }

    private static (string Where, List<(string, object?)> Parameters) Filter(MemberQuery q, string? after)
    {
        var where = new StringBuilder("ARRAY_CONTAINS(@statuses, c.status)");
        var p = new List<(string, object?)> { ("@statuses", q.Statuses.Select(s => s.ToString()).ToArray()) };
        void Add(string clause, string name, object? value) { where.Append(" AND ").Append(clause); p.Add((name, value)); }

        if (after is not null) Add("c.id > @after", "@after", after);
        if (q.Roles is not null) Add("ARRAY_CONTAINS(@roles, c.role)", "@roles", q.Roles.Select(r => r.ToString()).ToArray());
        if (q.TeamId is not null) Add("c.teamId = @team", "@team", q.TeamId);
        if (q.Id is not null) Add("c.id = @id", "@id", q.Id);
        if (q.Username is not null) Add("c.usernameNorm = @username", "@username", Member.Normalize(q.Username));
        if (q.Email is not null) Add("c.emailNorm = @email", "@email", Member.Normalize(q.Email));
        if (q.FirstName is not null) Add("c.firstNameNorm = @first", "@first", q.FirstName.ToLowerInvariant());
        if (q.LastName is not null) Add("c.lastNameNorm = @last", "@last", q.LastName.ToLowerInvariant());
        if (q.Language is not null) Add("c.languageNorm = @lang", "@lang", q.Language.ToLowerInvariant());
        if (q.PersonalNumber is not null) Add("c.personalNumberNorm = @pn", "@pn", q.PersonalNumber.ToLowerInvariant());
        if (q.Enabled is { } enabled)
            Add(enabled ? "(c.status != @deleted AND c.isBlocked = false)" : "(c.status = @deleted OR c.isBlocked = true)", "@deleted", nameof(MemberStatus.Deleted));
        if (!string.IsNullOrEmpty(q.Search))
            Add("(CONTAINS(CONCAT(c.firstNameNorm, ' ', c.lastNameNorm), @q) OR CONTAINS(c.emailNorm, @q) OR (IS_STRING(c.usernameNorm) AND CONTAINS(c.usernameNorm, @q)))",
                "@q", q.Search.ToLowerInvariant());
        return (where.ToString(), p);
    }
}

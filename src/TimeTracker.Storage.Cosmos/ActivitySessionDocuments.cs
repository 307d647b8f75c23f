using System.Globalization;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Storage;
using TimeTracker.Core.Time;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Derived sessions as <c>type: "session"</c> documents beside the samples in <c>activity</c> (same partition, no TTL:
/// they outlive the samples' retention). The id is the member and the session's start (the member only for the local
/// test server, whose ids are unique per container); <c>startAt</c>/<c>endAt</c> (Unix
/// microseconds, widened outwards) serve queries, and the exact span is the coverage's, kept as "start:end" tick
/// strings.
/// </summary>
internal sealed class ActivitySessionDocuments(Container container)
{
    public sealed record Document(string Id, string Type, string WorkspaceId, string UserId, long StartAt,
        long EndAt, string[] Coverage, [property: System.Text.Json.Serialization.JsonPropertyName("_etag"),
                   System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        string? ETag = null)
    {
        public ActivitySession ToSession()
        {
            var coverage = IntervalSet.FromNormalized(Coverage.Select(Range).ToArray());
            return new ActivitySession(UserId, new TimeRange(coverage.Items[0].Start, coverage.Items[^1].End),
                coverage);
        }

        public static Document From(string workspaceId, ActivitySession s) => new(IdOf(s), "session", workspaceId,
            s.UserId, CosmosTime.Micros(s.Start), CosmosTime.CeilingMicros(s.End),
            s.Coverage.Items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Start}:{i.End}")).ToArray());

        private static TimeRange Range(string pair)
        {
            var colon = pair.IndexOf(':');
            return new TimeRange(long.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture),
                long.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture));
        }
    }

    public static string IdOf(ActivitySession s) => string.Create(CultureInfo.InvariantCulture,
        $"session_{s.UserId}_{s.Start}");

    /// <summary>
    /// Sessions with end &gt;= from and start &lt;= to (both inclusive; callers narrow), for the users or all; with
    /// <paramref name="firstByStart"/> (<c>ASC</c>/<c>DESC</c>) only the first two in that order.
    /// </summary>
    public async Task<List<Document>> QueryAsync(string workspaceId, IReadOnlyCollection<string>? userIds,
        long fromTicks, long toTicks, CancellationToken ct, string? firstByStart = null)
    {
        var users = userIds is null ? "" : " AND ARRAY_CONTAINS(@users, c.userId)";
        var (top, order) = firstByStart is null ? ("", "") : ("TOP 2 ", $" ORDER BY c.startAt {firstByStart}");
        var query = new QueryDefinition($"SELECT {top}* FROM c WHERE c.workspaceId = @ws AND c.type = 'session'{users} AND c.endAt >= @from AND c.startAt <= @to{order}")
            .WithParameter("@ws", workspaceId).WithParameter("@from",
                CosmosTime.Micros(fromTicks)).WithParameter("@to", CosmosTime.CeilingMicros(toTicks));
        if (userIds is not null) query = query.WithParameter("@users", userIds.Distinct().ToArray());
        var partition = userIds is { Count: 1 } ? MemberPartitions.Member(workspaceId, userIds.First())
            : MemberPartitions.Workspace(workspaceId);
        return await container.QueryAsync<Document>(query, partition, ct);
    }

    /// <summary>
    /// Writes a merge. New and grown sessions first, then the ones they absorbed: a crash in between leaves a session
    /// inside a larger one (read as their union) until the member's next batch there merges them; never a lost one.
    /// A concurrent merge of the same member makes this one retry.
    /// </summary>
    public async Task ApplyAsync(string workspaceId, string userId, SessionChange change, IReadOnlyDictionary<string,
        string?> etags, CancellationToken ct)
    {
        var partition = MemberPartitions.Member(workspaceId, userId);
        try
        {
            foreach (var added in change.Added)
            {
                var doc = Document.From(workspaceId, added);
                if (etags.TryGetValue(doc.Id, out var etag))
                    await container.ReplaceItemAsync(doc, doc.Id, partition,
                        new ItemRequestOptions { IfMatchEtag = etag }, ct);
                else await container.CreateItemAsync(doc, partition, cancellationToken: ct);
            }
            var kept = change.Added.Select(IdOf).ToHashSet();
            foreach (var removed in change.Removed.Where(r => !kept.Contains(IdOf(r))))
                await container.DeleteItemAsync<Document>(IdOf(removed), partition,
                    new ItemRequestOptions { IfMatchEtag = etags[IdOf(removed)] }, ct);
        }
        catch (CosmosException e) when (e.IsConflict() || e.IsPreconditionFailed()
            || e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new ConcurrencyConflictException();
        }
    }
}

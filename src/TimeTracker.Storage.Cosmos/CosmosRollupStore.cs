using System.Globalization;
using Microsoft.Azure.Cosmos;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Time;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Rollups in <c>rollups</c>, one partition per workspace: member-day documents (intervals and totals), workspace-day
/// documents (quarter-hour masks), dirty marks and the watermark. Cosmos has no transaction spanning a raw write and
/// its dirty mark, so writers mark first and the job only clears marks older than <see cref="SettleTime"/> before its
/// read: a mark whose write may still be in flight stays, and its day is recomputed again next run.
/// </summary>
public sealed class CosmosRollupStore(CosmosDatabase db, TimeProvider clock) : IRollupStore
{
    /// <summary>Longer than any request may run (host.json functionTimeout is 10 minutes).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(15);

    // Numbers in Cosmos DB are doubles (exact to 2^53), so instants that are never filtered on travel as strings of
    // ticks ("start:end"), masks as hex, and markedAt (compared in a query) as Unix microseconds.
    /// <summary>The watermark. Its id changed with the month layout, so a store upgraded from day documents starts
    /// over.</summary>
    private sealed record State(string Id, string Type, string WorkspaceId, long Watermark);
    private sealed record Reset(string Id, string Type, string WorkspaceId, long ResetAt);
    private sealed record Dirty(string Id, string Type, string WorkspaceId, string UserId, long Day, long MarkedAt);
    /// <summary>One member's rolled-up days of one UTC month: 100 members x 31 days is about 200 documents, not
    /// 3,100.</summary>
    private sealed record MemberMonth(string Id, string Type, string WorkspaceId, string UserId, long Month,
        List<MonthDay> Days);
    private sealed record MonthDay(long Day, long Work, long Idle, string[] WorkIntervals, string[] IdleIntervals,
        string[] Sessions);
    private sealed record MaskEntry(string UserId, string Mask)
    {
        public static MaskEntry From(string userId, QuarterHourMask mask) => new(userId,
            $"{mask.Low:x16}{mask.High:x8}");
        public QuarterHourMask ToMask() => new(ulong.Parse(Mask.AsSpan(0, 16), NumberStyles.HexNumber,
            CultureInfo.InvariantCulture),
            uint.Parse(Mask.AsSpan(16, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
    private sealed record WorkspaceDay(string Id, string Type, string WorkspaceId, long Day, MaskEntry[] Members);

    private const string StateId = "state-v2";

    private Container Items => db.Rollups;

    public async Task<long?> GetWatermarkAsync(string workspaceId, CancellationToken ct = default) =>
        (await Items.ReadAsync<State>(StateId, new PartitionKey(workspaceId), ct)).Item?.Watermark;

    public async Task<IReadOnlyList<(string UserId, long Day)>> GetDirtyAsync(string workspaceId, long fromDay,
        long toDay, CancellationToken ct = default) =>
        (await Query<Dirty>(workspaceId, "c.type = 'dirty' AND c.day >= @from AND c.day <= @to", q =>
            q.WithParameter("@from", fromDay).WithParameter("@to", toDay), ct))
            .Select(d => (d.UserId, d.Day)).ToList();

    public Task<long> GetDirtyVersionAsync(string workspaceId, CancellationToken ct = default) =>
        Task.FromResult((clock.GetUtcNow() - SettleTime).UtcTicks);

    /// <summary>
    /// Marks (member, day) pairs dirty before the raw write they announce. Days from <see cref="FirstUnsettledDay"/> on
    /// need no mark, which spares clock-ins and clock-outs a round trip: the job only computes days before its own
    /// today, so it cannot roll such a day up before this write, which ends within <see cref="SettleTime"/>, has
    /// landed.
    /// </summary>
    public async Task MarkDirtyAsync(string workspaceId, string userId, IEnumerable<long> days,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var firstUnsettled = FirstUnsettledDay(now);
        foreach (var day in days.Where(d => d < firstUnsettled))
            await Items.UpsertItemAsync(new Dirty($"dirty|{userId}|{day}", "dirty", workspaceId, userId, day,
                CosmosTime.CeilingMicros(now)), new PartitionKey(workspaceId), cancellationToken: ct);
    }

    /// <summary>One query over the month documents the range touches; each is read once for both answers.</summary>
    public async Task<RollupRead> ReadAsync(string workspaceId, IReadOnlyCollection<string> userIds,
        RollupQuery query, CancellationToken ct = default)
    {
        var days = (query.HasWholeDays ? new[] { query.FirstWholeDay, query.LastWholeDay }
            : []).Concat(query.PartialDays).ToList();
        if (days.Count == 0 || userIds.Count == 0) return new RollupRead(new Dictionary<string, DayTotals>(), []);
        var months = MonthsBetween(days.Min(), days.Max());
        var stored = await Query<MemberMonth>(workspaceId,
            "c.type = 'memberMonth' AND ARRAY_CONTAINS(@users, c.userId) AND ARRAY_CONTAINS(@months, c.month)",
            q => q.WithParameter("@users", userIds.Distinct().ToArray()).WithParameter("@months", months), ct);
        var wholeDays = new Dictionary<string, DayTotals>();
        var edgeDays = new List<EdgeDay>();
        var partial = query.PartialDays.ToHashSet();
        foreach (var member in stored.GroupBy(m => m.UserId))
        {
            var entries = member.SelectMany(m => m.Days).OrderBy(d => d.Day).ToList();
            var whole = entries.Where(d => query.HasWholeDays && d.Day >= query.FirstWholeDay
                && d.Day <= query.LastWholeDay)
                .Select(d => ToSummary(member.Key, d).Totals()).ToList();
            if (whole.Count > 0)
                wholeDays[member.Key] = new DayTotals(whole.Sum(t => t.WorkTicks), whole.Sum(t => t.IdleTicks),
                    whole.Where(t => t.FirstIn is not null).Min(t => t.FirstIn), whole[^1].LastOut, whole[^1].HasOpen);
            foreach (var summary in entries.Where(d => partial.Contains(d.Day)).Select(d => ToSummary(member.Key, d)))
            {
                var totals = summary.Totals();
                var placement = totals.PlaceIn(query.Range);
                if (placement != DayPlacement.Outside)
                    edgeDays.Add(new EdgeDay(summary.UserId, summary.Day, totals,
                        placement == DayPlacement.Straddles ? summary : null));
            }
        }
        return new RollupRead(wholeDays, edgeDays);
    }

    public async Task VisitEngagementAsync(string workspaceId, long fromDay, long toDay, IEngagementVisitor visitor,
        CancellationToken ct = default)
    {
        var days = await Query<WorkspaceDay>(workspaceId, "c.type = 'workspaceDay' AND c.day >= @from AND c.day <= @to",
            q => q.WithParameter("@from", fromDay).WithParameter("@to", toDay), ct);
        var ids = days.SelectMany(d => d.Members.Select(m => m.UserId)).Distinct().ToList();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        visitor.Members(ids);
        foreach (var day in days.OrderByDescending(d => d.Day))
        {
            ct.ThrowIfCancellationRequested();
            visitor.Day(day.Day, day.Members.Select(m => new MemberMask(index[m.UserId], m.ToMask())).ToArray());
        }
    }

    /// <summary>Deletes every rollup document; the reset document makes a job that read its version earlier discard its
    /// save.</summary>
    public async Task ResetAsync(string workspaceId, CancellationToken ct = default)
    {
        var partition = new PartitionKey(workspaceId);
        await Items.UpsertItemAsync(new Reset("reset", "reset", workspaceId, clock.GetUtcNow().UtcTicks), partition,
            cancellationToken: ct);
        foreach (var doc in await Query<Reset>(workspaceId,
            "(c.type = 'memberMonth' OR c.type = 'memberDay' OR c.type = 'workspaceDay' OR c.type = 'dirty' OR c.type = 'state')", q => q, ct))
            await Items.DeleteIfExistsAsync(doc.Id, partition, ct);
    }

    public async Task SaveAsync(string workspaceId, IReadOnlyCollection<long> days,
        IReadOnlyList<DaySummary> summaries, long dirtyVersion, long? watermark, CancellationToken ct = default)
    {
        var partition = new PartitionKey(workspaceId);
        if ((await Items.ReadAsync<Reset>("reset", partition, ct)).Item is { } reset
            && reset.ResetAt > dirtyVersion) return;
        await SaveMonthsAsync(workspaceId, days, summaries, ct);
        var byDay = summaries.GroupBy(s => s.Day).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var day in days)
        {
            if (byDay.TryGetValue(day, out var members))
                await Items.UpsertItemAsync(new WorkspaceDay($"workspaceDay|{day}", "workspaceDay", workspaceId, day,
                    members.Select(m => MaskEntry.From(m.UserId, QuarterHourMask.FromWork(m.Work, day))).ToArray()),
                        partition, cancellationToken: ct);
            else await Items.DeleteIfExistsAsync($"workspaceDay|{day}", partition, ct);
        }
        if (days.Count > 0)
            // Marks are rounded up and the version down, so a mark is only cleared when surely made before the version.
            foreach (var mark in await Query<Dirty>(workspaceId,
                "c.type = 'dirty' AND ARRAY_CONTAINS(@days, c.day) AND c.markedAt <= @version",
                         q => q.WithParameter("@days", days.ToArray()).WithParameter("@version",
                             CosmosTime.Micros(dirtyVersion)), ct))
                await Items.DeleteIfExistsAsync(mark.Id, partition, ct);
        if (watermark is { } w && (await GetWatermarkAsync(workspaceId, ct) ?? long.MinValue) < w)
            await Items.UpsertItemAsync(new State(StateId, "state", workspaceId, w), partition, cancellationToken: ct);
    }

    /// <summary>
    /// Rewrites the month documents of <paramref name="days"/>: their other days are kept, these replaced by
    /// <paramref name="summaries"/>. Day documents of the layout before months are deleted as their days are redone.
    /// </summary>
    private async Task SaveMonthsAsync(string workspaceId, IReadOnlyCollection<long> days,
        IReadOnlyList<DaySummary> summaries, CancellationToken ct)
    {
        var partition = new PartitionKey(workspaceId);
        var redone = days.Concat(summaries.Select(s => s.Day)).ToHashSet();
        if (redone.Count == 0) return;
        var months = redone.Select(MonthOf).Distinct().ToArray();
        var stored = (await Query<MemberMonth>(workspaceId,
            "c.type = 'memberMonth' AND ARRAY_CONTAINS(@months, c.month)",
            q => q.WithParameter("@months", months), ct)).ToDictionary(m => m.Id);
        var fresh = summaries.GroupBy(s => MemberMonthId(s.UserId, MonthOf(s.Day))).ToDictionary(g => g.Key, g =>
            g.ToList());
        foreach (var id in stored.Keys.Union(fresh.Keys))
        {
            var kept = stored.TryGetValue(id, out var old) ? old.Days.Where(d => !redone.Contains(d.Day)) : [];
            var added = fresh.TryGetValue(id, out var list) ? list.Select(ToEntry) : [];
            var merged = kept.Concat(added).OrderBy(d => d.Day).ToList();
            if (merged.Count == 0) await Items.DeleteIfExistsAsync(id, partition, ct);
            else
            {
                var (userId, month) = old is not null ? (old.UserId, old.Month) : (list![0].UserId,
                    MonthOf(list[0].Day));
                await Items.UpsertItemAsync(new MemberMonth(id, "memberMonth", workspaceId, userId, month, merged),
                    partition, cancellationToken: ct);
            }
        }
        foreach (var legacy in await Query<IdOnly>(workspaceId, "c.type = 'memberDay' AND ARRAY_CONTAINS(@days, c.day)",
                     q => q.WithParameter("@days", redone.ToArray()), ct))
            await Items.DeleteIfExistsAsync(legacy.Id, partition, ct);
    }

    /// <summary>UTC months as a running count (year x 12 + month - 1).</summary>
    private static long MonthOf(long day)
    {
        var date = new DateTime(ZoneDays.UtcDaySpan(day).Start, DateTimeKind.Utc);
        return date.Year * 12L + date.Month - 1;
    }

    private static long[] MonthsBetween(long firstDay, long lastDay)
    {
        var (first, last) = (MonthOf(firstDay), MonthOf(lastDay));
        return Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i).ToArray();
    }

    private sealed record IdOnly(string Id);

    /// <summary>The first UTC day that no rollup run starting before now + <see cref="SettleTime"/> computes.</summary>
    public static long FirstUnsettledDay(long nowTicks) => ZoneDays.UtcDay(nowTicks + SettleTime.Ticks);

    private static string MemberMonthId(string userId, long month) => string.Create(CultureInfo.InvariantCulture,
        $"memberMonth|{userId}|{month}");

    private static MonthDay ToEntry(DaySummary s) => new(s.Day, s.WorkTicks, s.IdleTicks,
        s.Work.Items.Select(Pair).ToArray(),
        s.Idle.Items.Select(Pair).ToArray(), s.Sessions.Select(r => r.Out is { } o ? $"{r.In}:{o}"
            : $"{r.In}:").ToArray());

    private static DaySummary ToSummary(string userId, MonthDay d) => new(userId, d.Day,
        IntervalSet.FromNormalized(d.WorkIntervals.Select(Range).ToArray()),
        IntervalSet.FromNormalized(d.IdleIntervals.Select(Range).ToArray()),
        d.Sessions.Select(SessionOf).ToList());

    private static SessionRef SessionOf(string pair)
    {
        var colon = pair.IndexOf(':');
        return new SessionRef(long.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture),
            colon == pair.Length - 1 ? null : long.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }

    private static string Pair(TimeRange range) => $"{range.Start}:{range.End}";

    private static TimeRange Range(string pair)
    {
        var colon = pair.IndexOf(':');
        return new TimeRange(long.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture),
            long.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }

    private Task<List<T>> Query<T>(string workspaceId, string where, Func<QueryDefinition, QueryDefinition> bind,
        CancellationToken ct) =>
        Items.QueryAsync<T>(bind(new QueryDefinition($"SELECT * FROM c WHERE c.workspaceId = @ws AND {where}")
            .WithParameter("@ws", workspaceId)), new PartitionKey(workspaceId), ct);
}

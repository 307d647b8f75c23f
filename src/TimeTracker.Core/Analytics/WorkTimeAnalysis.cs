using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// Work-time analysis over any range (docs/API.md, Work-time analysis). Clean rolled-up past days come from rollups —
/// whole days as
/// summed totals, the at most two partial UTC days as clipped intervals — and everything else (today, days past
/// the watermark, members with dirty days) from raw data. <c>useRollups: false</c> computes all from raw.
/// </summary>
public sealed class WorkTimeAnalysis(WorkSource work, IRollupStore rollups, TimeProvider clock)
{
    /// <summary>
    /// <paramref name="IsWorking"/> describes the range, as TrackPilots' session does: the member's last session in
    /// it is still open and the range reaches now (a range that ended yesterday is never "working").
    /// </summary>
    public sealed record Row(WorkTimeResult Result, SessionRef? LastSessionBefore, bool IsWorking);

    /// <summary>Members per concurrent rollup read: a large request's reads are split so both cores of a small host
    /// work on it.</summary>
    private const int ShardSize = 500;

    public async Task<IReadOnlyList<Row>> ComputeAsync(string workspaceId, IReadOnlyList<string> userIds,
        TimeRange range, bool useRollups = true, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var gap = await work.DerivedGapAsync(workspaceId, ct);
        var tallies = userIds.Distinct().ToDictionary(u => u, u => new WorkTimeTally(u));
        var rangeReachesNow = range.Start <= now && now < range.End;
        // Only a range that reaches now can have someone working in it.
        var working = rangeReachesNow ? work.WorkingAsync(workspaceId, gap, tallies.Keys, now, ct)
            : Task.FromResult<IReadOnlyList<(string UserId, long Start)>>([]);
        var parts = useRollups
            ? await ReadWithRollupsAsync(workspaceId, gap, tallies, range, now, ct)
            : [ReadRawAsync(workspaceId, gap, tallies.Values, range, range, now, ct)];
        // Reads run concurrently; their results are applied one after another, since tallies are not thread-safe.
        foreach (var apply in await Task.WhenAll(parts)) apply();

        var open = (await working).Where(s => s.Start < range.End).Select(s => s.UserId).ToHashSet();
        var withoutSessions = tallies.Values.Where(t => t.FirstIn is null).Select(t => t.UserId).ToList();
        var lastBefore = await work.LastBeforeAsync(workspaceId, gap, withoutSessions, range.End, ct);
        return tallies.Values.Select(t => new Row(t.Result(), lastBefore.TryGetValue(t.UserId, out var last) ? last
            : null, open.Contains(t.UserId)))
            .ToList();
    }

    /// <summary>Starts every read the range needs; each finishes with the change it makes to the tallies.</summary>
    private async Task<List<Task<Action>>> ReadWithRollupsAsync(string workspaceId, TimeSpan? gap, Dictionary<string,
        WorkTimeTally> tallies, TimeRange range, long now, CancellationToken ct)
    {
        var firstDay = ZoneDays.UtcDay(range.Start);
        var lastDay = ZoneDays.UtcDay(range.End - 1);
        var watermark = Math.Min(await rollups.GetWatermarkAsync(workspaceId, ct) ?? long.MinValue,
            ZoneDays.UtcDay(now) - 1);
        var rolledLast = Math.Min(lastDay, watermark);
        if (rolledLast < firstDay) return [ReadRawAsync(workspaceId, gap, tallies.Values, range, range, now, ct)];

        var dirtyUsers = (await rollups.GetDirtyAsync(workspaceId, firstDay, rolledLast, ct)).Select(d =>
            d.UserId).ToHashSet();
        var clean = tallies.Keys.Where(u => !dirtyUsers.Contains(u)).ToList();
        var reads = new List<Task<Action>> { ReadRawAsync(workspaceId, gap, tallies.Values.Where(t =>
            dirtyUsers.Contains(t.UserId)).ToList(), range, range, now, ct) };
        if (clean.Count == 0) return reads;

        var firstWhole = ZoneDays.UtcDaySpan(firstDay).Start == range.Start ? firstDay : firstDay + 1;
        var lastWhole = Math.Min(rolledLast, ZoneDays.UtcDaySpan(lastDay).End == range.End ? lastDay : lastDay - 1);
        var partialDays = new[] { firstDay, lastDay }.Distinct().Where(d => d <= rolledLast && (d < firstWhole
            || d > lastWhole)).ToList();
        var query = new RollupQuery(firstWhole, lastWhole, partialDays, range);
        if (query.HasWholeDays || partialDays.Count > 0)
            foreach (var shard in clean.Chunk(ShardSize)) reads.Add(ReadRollupsAsync(workspaceId, tallies, shard,
                query, now, ct));
        if (rolledLast < lastDay)
        {
            var rest = new TimeRange(ZoneDays.UtcDaySpan(rolledLast + 1).Start, range.End);
            reads.Add(ReadRawAsync(workspaceId, gap, clean.Select(u => tallies[u]).ToList(), rest, range, now, ct));
        }
        return reads;
    }

    private async Task<Action> ReadRollupsAsync(string workspaceId, Dictionary<string, WorkTimeTally> tallies,
        string[] users, RollupQuery query, long now, CancellationToken ct)
    {
        var read = await rollups.ReadAsync(workspaceId, users, query, ct);
        return () =>
        {
            foreach (var (user, totals) in read.WholeDays) tallies[user].AddWholeDays(totals);
            foreach (var day in read.EdgeDays)
            {
                if (day.Straddling is { } summary) tallies[day.UserId].AddClipped(summary, query.Range, now);
                else tallies[day.UserId].AddWholeDays(day.Totals);
            }
        };
    }

    private async Task<Action> ReadRawAsync(string workspaceId, TimeSpan? gap,
        IReadOnlyCollection<WorkTimeTally> tallies, TimeRange part, TimeRange range, long now, CancellationToken ct)
    {
        if (tallies.Count == 0) return () => { };
        var raw = await work.ReadAsync(workspaceId, gap, tallies.Select(t => t.UserId).ToList(), part, ct: ct);
        return () =>
        {
            foreach (var tally in tallies) tally.AddRaw(raw.For(tally.UserId, part, now), range, now);
        };
    }
}

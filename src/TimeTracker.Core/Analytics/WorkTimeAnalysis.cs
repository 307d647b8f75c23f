using TimeTracker.Core.Activity;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// Work-time analysis over any range (DESIGN §4.5). Clean rolled-up past days come from rollups — whole days as
/// summed totals, the at most two partial UTC days as clipped intervals — and everything else (today, days past
/// the watermark, members with dirty days) from raw data. <c>useRollups: false</c> computes all from raw.
/// </summary>
public sealed class WorkTimeAnalysis(IAttendanceStore attendance, IActivityStore activity, IRollupStore rollups, TimeProvider clock)
{
    public sealed record Row(WorkTimeResult Result, AttendanceSession? LastSessionBefore, bool IsWorking);

    public async Task<IReadOnlyList<Row>> ComputeAsync(string workspaceId, IReadOnlyList<string> userIds, TimeRange range, bool useRollups = true, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var tallies = userIds.Distinct().ToDictionary(u => u, u => new WorkTimeTally(u));
        if (useRollups) await AddWithRollupsAsync(workspaceId, tallies, range, now, ct);
        else await AddRawAsync(workspaceId, tallies.Values, range, range, now, ct);

        var open = (await attendance.GetOpenStartedBeforeAsync(workspaceId, DateTimeOffset.MaxValue, ct)).Select(s => s.UserId).ToHashSet();
        var withoutSessions = tallies.Values.Where(t => t.FirstIn is null).Select(t => t.UserId).ToList();
        var lastBefore = withoutSessions.Count == 0
            ? new Dictionary<string, AttendanceSession>()
            : (await attendance.GetLastBeforeAsync(workspaceId, withoutSessions, TimeRange.ToInstant(range.End), ct)).ToDictionary(s => s.UserId);
        return tallies.Values.Select(t => new Row(t.Result(), lastBefore.GetValueOrDefault(t.UserId), open.Contains(t.UserId))).ToList();
    }

    private async Task AddWithRollupsAsync(string workspaceId, Dictionary<string, WorkTimeTally> tallies, TimeRange range, long now, CancellationToken ct)
    {
        var firstDay = ZoneDays.UtcDay(range.Start);
        var lastDay = ZoneDays.UtcDay(range.End - 1);
        var watermark = Math.Min(await rollups.GetWatermarkAsync(workspaceId, ct) ?? long.MinValue, ZoneDays.UtcDay(now) - 1);
        var rolledLast = Math.Min(lastDay, watermark);
        if (rolledLast < firstDay)
        {
            await AddRawAsync(workspaceId, tallies.Values, range, range, now, ct);
            return;
        }

        var dirtyUsers = (await rollups.GetDirtyAsync(workspaceId, firstDay, rolledLast, ct)).Select(d => d.UserId).ToHashSet();
        var clean = tallies.Keys.Where(u => !dirtyUsers.Contains(u)).ToList();
        await AddRawAsync(workspaceId, tallies.Values.Where(t => dirtyUsers.Contains(t.UserId)).ToList(), range, range, now, ct);
        if (clean.Count == 0) return;

        var firstWhole = ZoneDays.UtcDaySpan(firstDay).Start == range.Start ? firstDay : firstDay + 1;
        var lastWhole = Math.Min(rolledLast, ZoneDays.UtcDaySpan(lastDay).End == range.End ? lastDay : lastDay - 1);
        if (firstWhole <= lastWhole)
            foreach (var (user, totals) in await rollups.SumDaysAsync(workspaceId, clean, firstWhole, lastWhole, ct))
                tallies[user].AddWholeDays(totals);

        var partialDays = new[] { firstDay, lastDay }.Distinct().Where(d => d <= rolledLast && (d < firstWhole || d > lastWhole)).ToList();
        if (partialDays.Count > 0)
            foreach (var day in await rollups.GetDaysAsync(workspaceId, clean, partialDays, ct))
                tallies[day.UserId].AddClipped(day, range, now);

        if (rolledLast < lastDay)
        {
            var rest = new TimeRange(ZoneDays.UtcDaySpan(rolledLast + 1).Start, range.End);
            await AddRawAsync(workspaceId, clean.Select(u => tallies[u]).ToList(), rest, range, now, ct);
        }
    }

    private async Task AddRawAsync(string workspaceId, IReadOnlyCollection<WorkTimeTally> tallies, TimeRange part, TimeRange range, long now, CancellationToken ct)
    {
        if (tallies.Count == 0) return;
        var users = tallies.Select(t => t.UserId).ToList();
        var sessions = (await attendance.GetOverlappingAsync(workspaceId, users, TimeRange.ToInstant(part.Start), TimeRange.ToInstant(part.End), ct)).ToLookup(s => s.UserId);
        var idle = (await activity.GetIdleAsync(workspaceId, users, TimeRange.ToInstant(part.Start), TimeRange.ToInstant(part.End), ct))
            .ToLookup(i => i.UserId, i => TimeRange.Of(i.Start, i.End).Clip(part));
        foreach (var tally in tallies) tally.AddRaw(sessions[tally.UserId], idle[tally.UserId], part, range, now);
    }
}

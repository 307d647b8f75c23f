using TimeTracker.Core.Activity;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Time;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// Where a workspace's worked time comes from (<see cref="WorkTimeSource"/>): attendance sessions always, and in
/// activity mode the sessions derived from the tracker's samples too. Analysis, engagement and rollups read raw work
/// only through here, so every reader follows the mode.
/// </summary>
public sealed class WorkSource(IWorkspaceStore workspaces, IAttendanceStore attendance, IActivityStore activity)
{
    /// <summary>The gap the workspace derives sessions with; null in attendance mode.</summary>
    public async Task<TimeSpan?> DerivedGapAsync(string workspaceId, CancellationToken ct = default) =>
        (await workspaces.GetAsync(workspaceId, ct))?.DerivedSessionGap;

    /// <summary>Sessions of both kinds overlapping [from, to) and, unless <paramref name="withIdle"/> is off, idle
    /// samples.</summary>
    public async Task<RawWork> ReadAsync(string workspaceId, TimeSpan? gap, IReadOnlyCollection<string>? userIds,
        TimeRange span, bool withIdle = true, CancellationToken ct = default)
    {
        var (from, to) = (TimeRange.ToInstant(span.Start), TimeRange.ToInstant(span.End));
        // All three reads side by side; without a member list the idle read covers every member (samples of members
        // who did not work are never used, and skipping them would wait for the sessions first).
        var sessionsRead = attendance.GetWorkedSpansAsync(workspaceId, userIds, from, to, ct);
        var derivedRead = gap is null ? Task.FromResult<IReadOnlyList<ActivitySession>>([])
            : activity.GetSessionsAsync(workspaceId, userIds, from, to, ct);
        var idleRead = withIdle ? activity.GetIdleAsync(workspaceId, userIds, from, to, ct)
            : Task.FromResult<IReadOnlyList<(string, DateTimeOffset, DateTimeOffset)>>([]);
        await Task.WhenAll(sessionsRead, derivedRead, idleRead);
        return new RawWork(sessionsRead.Result, derivedRead.Result, idleRead.Result);
    }

    /// <summary>The earliest instant worked time can start at: the first clock-in or derived session.</summary>
    public async Task<DateTimeOffset?> FirstStartAsync(string workspaceId, TimeSpan? gap,
        CancellationToken ct = default)
    {
        var clockIn = await attendance.GetFirstClockInAsync(workspaceId, ct);
        var derived = gap is null ? null : await activity.GetFirstSessionStartAsync(workspaceId, ct);
        return clockIn is null ? derived : derived is null ? clockIn : (clockIn < derived ? clockIn : derived);
    }

    /// <summary>Which of <paramref name="userIds"/> work now: an open attendance session, or samples still arriving
    /// within the gap.</summary>
    public async Task<IReadOnlyList<(string UserId, long Start)>> WorkingAsync(string workspaceId, TimeSpan? gap,
        IReadOnlyCollection<string> userIds, long nowTicks, CancellationToken ct = default)
    {
        var open = (await attendance.GetOpenStartedBeforeAsync(workspaceId, DateTimeOffset.MaxValue, ct)).Select(s =>
            (s.UserId, s.Start.UtcTicks));
        if (gap is not { } g) return open.ToList();
        var recent = await activity.GetSessionsAsync(workspaceId, userIds, TimeRange.ToInstant(nowTicks - g.Ticks),
            DateTimeOffset.MaxValue, ct);
        return open.Concat(recent.Where(s => s.IsRunning(nowTicks, g)).Select(s => (s.UserId, s.Start))).ToList();
    }

    /// <summary>Each member's last session of either kind starting before <paramref name="before"/>.</summary>
    public async Task<IReadOnlyDictionary<string, SessionRef>> LastBeforeAsync(string workspaceId, TimeSpan? gap,
        IReadOnlyCollection<string> userIds, long before, CancellationToken ct = default)
    {
        var last = new Dictionary<string, SessionRef>();
        if (userIds.Count == 0) return last;
        void Offer(string user, SessionRef session)
        {
            if (!last.TryGetValue(user, out var known) || session.In > known.In) last[user] = session;
        }
        foreach (var s in await attendance.GetLastBeforeAsync(workspaceId, userIds, TimeRange.ToInstant(before), ct))
            Offer(s.UserId, new SessionRef(s.Start.UtcTicks, s.ClockOut?.Timestamp.UtcTicks));
        if (gap is not null)
            foreach (var s in await activity.GetLastSessionsBeforeAsync(workspaceId, userIds,
                TimeRange.ToInstant(before), ct))
                Offer(s.UserId, new SessionRef(s.Start, s.End));
        return last;
    }
}

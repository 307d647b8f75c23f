using TimeTracker.Core.Activity;
using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// One member's worked and idle time on one UTC day: the merged session intervals and the idle intervals within
/// them, both clipped to the day, and the sessions that touched it. Intervals (not only totals) let a query in
/// any zone clip the day exactly.
/// </summary>
public sealed record DaySummary(string UserId, long Day, IntervalSet Work, IntervalSet Idle,
    IReadOnlyList<SessionRef> Sessions)
{
    public long WorkTicks => Work.TotalLength;
    public long IdleTicks => Idle.TotalLength;

    public static DaySummary Compute(string userId, long day, IEnumerable<SessionRef> sessions,
        IEnumerable<ActivitySession> derived, IEnumerable<TimeRange> idle, long nowTicks)
    {
        var work = MemberWork.Compute(sessions, derived, idle, ZoneDays.UtcDaySpan(day), nowTicks);
        return new DaySummary(userId, day, work.Work, work.Idle, work.Sessions);
    }

    public DayTotals Totals() => new(
        WorkTicks,
        IdleTicks,
        Sessions.Count == 0 ? null : Sessions.Min(s => s.In),
        Sessions.Where(s => s.Out is not null).Select(s => s.Out).Max(),
        Sessions.Any(s => s.Out is null));
}

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

    /// <summary>The day's totals; a loop, as the rollup job asks this of every member-day it saves.</summary>
    public DayTotals Totals()
    {
        long? firstIn = null, lastOut = null;
        var hasOpen = false;
        for (var i = 0; i < Sessions.Count; i++)
        {
            var session = Sessions[i];
            if (firstIn is null || session.In < firstIn) firstIn = session.In;
            if (session.Out is not { } @out) hasOpen = true;
            else if (lastOut is null || @out > lastOut) lastOut = @out;
        }
        return new DayTotals(WorkTicks, IdleTicks, firstIn, lastOut, hasOpen);
    }
}

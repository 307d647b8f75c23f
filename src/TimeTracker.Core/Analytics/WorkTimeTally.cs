using TimeTracker.Core.Attendance;
using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// Accumulates one member's work-time analysis over a range from parts that do not overlap in time: whole days
/// from rollups, days clipped to the range, and sub-ranges computed from raw data. Because worked time is a union
/// clipped to disjoint parts, the parts simply add up — the same answer whichever mix of sources is used.
/// </summary>
public sealed class WorkTimeTally(string userId)
{
    public string UserId { get; } = userId;
    public long WorkTicks { get; private set; }
    public long IdleTicks { get; private set; }
    public long? FirstIn { get; private set; }
    public long? LastOut { get; private set; }
    public bool HasOpenSession { get; private set; }

    public void AddWholeDays(DayTotals totals)
    {
        WorkTicks += totals.WorkTicks;
        IdleTicks += totals.IdleTicks;
        NoteSessions(totals.FirstIn, totals.LastOut, totals.HasOpen);
    }

    /// <summary>A day summary, clipped to <paramref name="range"/>.</summary>
    public void AddClipped(DaySummary day, TimeRange range, long nowTicks)
    {
        WorkTicks += day.Work.LengthWithin(range);
        IdleTicks += day.Idle.LengthWithin(range);
        foreach (var session in day.Sessions) AddSessionIfOverlapping(session, range, nowTicks);
    }

    /// <summary>This member's raw work over the part <paramref name="part"/> of the range.</summary>
    public void AddRaw(MemberWork work, TimeRange range, long nowTicks)
    {
        WorkTicks += work.Work.TotalLength;
        IdleTicks += work.Idle.TotalLength;
        foreach (var session in work.Sessions) AddSessionIfOverlapping(session, range, nowTicks);
    }

    private void AddSessionIfOverlapping(SessionRef session, TimeRange range, long nowTicks)
    {
        if (new TimeRange(session.In, session.WorkedUntil(nowTicks)).Overlaps(range)) NoteSessions(session.In,
            session.Out, session.Out is null);
    }

    private void NoteSessions(long? firstIn, long? lastOut, bool hasOpen)
    {
        if (firstIn is { } f && (FirstIn is null || f < FirstIn)) FirstIn = f;
        if (lastOut is { } l && (LastOut is null || l > LastOut)) LastOut = l;
        HasOpenSession |= hasOpen;
    }

    public WorkTimeResult Result()
    {
        var total = WorkTicks / TimeSpan.TicksPerSecond;
        var idle = IdleTicks / TimeSpan.TicksPerSecond;
        return new WorkTimeResult(UserId, total, total - idle, idle,
            FirstIn is { } f ? TimeRange.ToInstant(f) : null,
            HasOpenSession || LastOut is null ? null : TimeRange.ToInstant(LastOut.Value));
    }
}

/// <summary>The per-member answer of docs/API.md, Work-time analysis; in/out are null when no session overlapped the
/// range.</summary>
public sealed record WorkTimeResult(string UserId, long TotalSeconds, long ActiveSeconds, long IdleSeconds,
    DateTimeOffset? InTime, DateTimeOffset? OutTime);

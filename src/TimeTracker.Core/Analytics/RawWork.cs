using TimeTracker.Core.Activity;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>The raw inputs of worked time over a span, per member, as <see cref="WorkSource"/> read them.</summary>
public sealed class RawWork(
    IReadOnlyList<AttendanceSession> attendance,
    IReadOnlyList<ActivitySession> derived,
    IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)> idle)
{
    private readonly ILookup<string, AttendanceSession> _attendance = attendance.ToLookup(s => s.UserId);
    private readonly ILookup<string, ActivitySession> _derived = derived.ToLookup(s => s.UserId);
    private readonly ILookup<string, TimeRange> _idle = idle.ToLookup(i => i.UserId, i => TimeRange.Of(i.Start, i.End));

    public IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)> Idle { get; } = idle;

    public IReadOnlyList<AttendanceSession> Attendance { get; } = attendance;
    public IReadOnlyList<ActivitySession> Derived { get; } = derived;

    /// <summary>Members with a session of either kind.</summary>
    public IEnumerable<string> Users => Attendance.Select(s => s.UserId).Concat(Derived.Select(s =>
        s.UserId)).Distinct();

    /// <summary>Every session, attendance or derived, as (member, in, worked until).</summary>
    public IEnumerable<(string UserId, TimeRange Worked)> WorkedSpans(long nowTicks) =>
        Attendance.Select(s => (s.UserId, new TimeRange(s.Start.UtcTicks,
            s.WorkedUntil(TimeRange.ToInstant(nowTicks)).UtcTicks)))
            .Concat(Derived.Select(s => (s.UserId, s.Span)));

    public MemberWork For(string userId, TimeRange bounds, long nowTicks) =>
        MemberWork.Compute(_attendance[userId], _derived[userId], _idle[userId], bounds, nowTicks);

}

using TimeTracker.Core.Activity;
using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>The raw inputs of worked time over a span, per member, as <see cref="WorkSource"/> read them.</summary>
public sealed class RawWork(
    IReadOnlyList<MemberSession> attendance,
    IReadOnlyList<ActivitySession> derived,
    IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)> idle)
{
    // Grouped by member only when asked per member: the rollup job and active users read the lists as they are.
    private readonly Lazy<ByMember> _byMember = new(() => new ByMember(attendance.ToLookup(s => s.UserId,
            s => s.Session),
        derived.ToLookup(s => s.UserId), idle.ToLookup(i => i.UserId, i => TimeRange.Of(i.Start, i.End))));

    private sealed record ByMember(
        ILookup<string, SessionRef> Attendance,
        ILookup<string, ActivitySession> Derived,
        ILookup<string, TimeRange> Idle);

    public IReadOnlyList<MemberSession> Attendance { get; } = attendance;
    public IReadOnlyList<ActivitySession> Derived { get; } = derived;
    public IReadOnlyList<(string UserId, DateTimeOffset Start, DateTimeOffset End)> Idle { get; } = idle;

    /// <summary>Every session, attendance or derived, as (member, in, worked until).</summary>
    public IEnumerable<(string UserId, TimeRange Worked)> WorkedSpans(long nowTicks) =>
        Attendance.Select(s => (s.UserId, new TimeRange(s.Session.In, s.Session.WorkedUntil(nowTicks))))
            .Concat(Derived.Select(s => (s.UserId, s.Span)));

    public MemberWork For(string userId, TimeRange bounds, long nowTicks)
    {
        var byMember = _byMember.Value;
        return MemberWork.Compute(
            byMember.Attendance[userId], byMember.Derived[userId], byMember.Idle[userId], bounds, nowTicks);
    }
}

using TimeTracker.Core.Activity;
using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// One member's worked and idle time within some bounds, from every source (docs/API.md, Work time from activity):
/// worked time is the union of attendance sessions (open ones running to now) and derived activity sessions; idle
/// time is the idle samples plus the derived sessions' gaps that no attendance session covers, within worked time.
/// </summary>
public sealed record MemberWork(IReadOnlyList<SessionRef> Sessions, IntervalSet Work, IntervalSet Idle)
{
    public static MemberWork Compute(IEnumerable<SessionRef> attendance, IEnumerable<ActivitySession> derived,
        IEnumerable<TimeRange> idle, TimeRange bounds, long nowTicks) =>
        Compute(attendance as IReadOnlyList<SessionRef> ?? [.. attendance],
            derived as IReadOnlyList<ActivitySession> ?? [.. derived], idle as IReadOnlyList<TimeRange> ?? [.. idle],
            bounds, nowTicks);

    /// <summary>
    /// The rollup job calls this for every member-day: inputs are walked by index (an interface enumerator is an
    /// allocation each) and intermediate intervals live in pooled buffers, so what it allocates is what it returns.
    /// </summary>
    public static MemberWork Compute(IReadOnlyList<SessionRef> attendance, IReadOnlyList<ActivitySession> derived,
        IReadOnlyList<TimeRange> idle, TimeRange bounds, long nowTicks)
    {
        var touching = new List<SessionRef>(attendance.Count + derived.Count);
        var worked = new PooledRanges(attendance.Count + derived.Count);
        for (var i = 0; i < attendance.Count; i++)
        {
            var reference = attendance[i];
            var span = new TimeRange(reference.In, reference.WorkedUntil(nowTicks));
            worked.Add(span);
            if (!span.Clip(bounds).IsEmpty) touching.Add(reference);
        }
        var clockedCount = worked.Count;
        var clockedSet = IntervalSet.Union(worked.Span);
        var gaps = new PooledRanges(0);
        for (var i = 0; i < derived.Count; i++)
        {
            var session = derived[i];
            if (session.Span.Clip(bounds).IsEmpty) continue;
            touching.Add(new SessionRef(session.Start, session.End));
            worked.Add(session.Span);
            gaps.AddRange(session.Gaps.Clip(bounds).Items);
        }

        // Union sorted the clocked spans in place: with derived spans added, the whole buffer is unioned again.
        var work = (worked.Count == clockedCount ? clockedSet : IntervalSet.Union(worked.Span)).Clip(bounds);
        // Not in using blocks: those would make the buffers read-only copies. A buffer an exception skips is only
        // garbage.
        worked.Dispose();
        if (work.IsEmpty)
        {
            gaps.Dispose();
            return new MemberWork(touching, work, IntervalSet.Empty);
        }
        var unclockedGaps = gaps.Count == 0 ? IntervalSet.Empty : IntervalSet.Union(gaps.Span).Except(clockedSet);
        gaps.Dispose();
        var idleParts = new PooledRanges(idle.Count + unclockedGaps.Items.Count);
        for (var i = 0; i < idle.Count; i++) idleParts.Add(idle[i].Clip(bounds));
        idleParts.AddRange(unclockedGaps.Items);
        var idleWithin = IntervalSet.Union(idleParts.Span).Intersect(work);
        idleParts.Dispose();
        touching.Sort(static (a, b) => a.In != b.In ? a.In.CompareTo(b.In) : Nullable.Compare(a.Out, b.Out));
        return new MemberWork(touching, work, idleWithin);
    }
}

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
        IEnumerable<TimeRange> idle, TimeRange bounds, long nowTicks)
    {
        var touching = new List<SessionRef>();
        var clocked = new List<TimeRange>();
        foreach (var reference in attendance)
        {
            var worked = new TimeRange(reference.In, reference.WorkedUntil(nowTicks));
            clocked.Add(worked);
            if (!worked.Clip(bounds).IsEmpty) touching.Add(reference);
        }
        var clockedSet = IntervalSet.Union(clocked);
        var spans = new List<TimeRange>();
        var gaps = new List<TimeRange>();
        foreach (var session in derived)
        {
            if (session.Span.Clip(bounds).IsEmpty) continue;
            touching.Add(new SessionRef(session.Start, session.End));
            spans.Add(session.Span);
            gaps.AddRange(session.Gaps.Clip(bounds).Items);
        }

        var work = (spans.Count == 0 ? clockedSet : IntervalSet.Union(clocked.Concat(spans))).Clip(bounds);
        if (work.IsEmpty) return new MemberWork(touching, work, IntervalSet.Empty);
        var unclockedGaps = gaps.Count == 0 ? IntervalSet.Empty : IntervalSet.Union(gaps).Except(clockedSet);
        var idleWithin = IntervalSet.Union(idle.Select(i =>
            i.Clip(bounds)).Concat(unclockedGaps.Items)).Intersect(work);
        touching.Sort(static (a, b) => a.In != b.In ? a.In.CompareTo(b.In) : Nullable.Compare(a.Out, b.Out));
        return new MemberWork(touching, work, idleWithin);
    }
}

using TimeTracker.Core.Time;

namespace TimeTracker.Core.Activity;

/// <summary>
/// A stretch of work derived from one member's samples (docs/API.md, Work time from activity): consecutive samples
/// whose gaps are at most the workspace's session gap, from the first sample's start to the last one's end.
/// <see cref="Coverage"/> is the union of its samples; the rest of <see cref="Span"/> (its gaps) counts as idle.
/// </summary>
public sealed record ActivitySession(string UserId, TimeRange Span, IntervalSet Coverage)
{
    public long Start => Span.Start;
    public long End => Span.End;

    /// <summary>In-session time that no sample reported.</summary>
    public IntervalSet Gaps => IntervalSet.Union([Span]).Except(Coverage);

    /// <summary>A member is still working in it while the next sample can still arrive within the gap.</summary>
    public bool IsRunning(long nowTicks, TimeSpan gap) => nowTicks < End + gap.Ticks;

    /// <summary>
    /// Splits covered time into sessions: a pause longer than <paramref name="gap"/> ends one; a pause of exactly
    /// the gap does not.
    /// </summary>
    public static List<ActivitySession> Derive(string userId, IntervalSet coverage, TimeSpan gap)
    {
        var sessions = new List<ActivitySession>();
        var items = coverage.Items;
        var first = 0;
        for (var i = 1; i <= items.Count; i++)
        {
            if (i < items.Count && items[i].Start - items[i - 1].End <= gap.Ticks) continue;
            var parts = new TimeRange[i - first];
            for (var k = first; k < i; k++) parts[k - first] = items[k];
            sessions.Add(new ActivitySession(userId, new TimeRange(items[first].Start, items[i - 1].End),
                IntervalSet.FromNormalized(parts)));
            first = i;
        }
        return sessions;
    }

    /// <summary>
    /// What adding <paramref name="samples"/> does to <paramref name="touched"/> (every stored session within the gap
    /// of them, see <see cref="Reach"/>): the sessions to delete and the ones to write. Sessions only grow or join,
    /// so each removed one lies inside an added one, and the UTC days of the added ones are all that changed.
    /// </summary>
    public static SessionChange Merge(string userId, IReadOnlyList<ActivitySession> touched,
        IEnumerable<TimeRange> samples, TimeSpan gap)
    {
        var merged = Derive(userId, IntervalSet.Union(touched.SelectMany(s => s.Coverage.Items).Concat(samples)), gap);
        return new SessionChange(touched.Where(t => !merged.Any(t.SameAs)).ToList(), merged.Where(m =>
            !touched.Any(m.SameAs)).ToList());
    }

    private bool SameAs(ActivitySession other) => Span == other.Span
        && Coverage.Items.SequenceEqual(other.Coverage.Items);

    /// <summary>The window whose stored sessions a batch can join: its samples widened by the gap on both
    /// sides.</summary>
    public static TimeRange Reach(IReadOnlyCollection<TimeRange> samples, TimeSpan gap) =>
        new(samples.Min(s => s.Start) - gap.Ticks, samples.Max(s => s.End) + gap.Ticks);
}

/// <summary>Derived sessions to delete and to write, as one change.</summary>
public sealed record SessionChange(IReadOnlyList<ActivitySession> Removed, IReadOnlyList<ActivitySession> Added)
{
    /// <summary>Every UTC day whose summary the change can alter.</summary>
    public IEnumerable<long> DaysTouched() => Added.SelectMany(s => ZoneDays.UtcDaysTouched(s.Start, s.End)).Distinct();
}

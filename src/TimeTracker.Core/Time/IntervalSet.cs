namespace TimeTracker.Core.Time;

/// <summary>
/// A union of intervals kept sorted and disjoint (touching intervals merge). Immutable; every operation is a
/// linear merge, so unions and intersections of a day's or a month's data stay cheap.
/// </summary>
public sealed class IntervalSet
{
    public static readonly IntervalSet Empty = new([]);

    private readonly TimeRange[] _items;

    private IntervalSet(TimeRange[] items) => _items = items;

    public IReadOnlyList<TimeRange> Items => _items;

    public bool IsEmpty => _items.Length == 0;

    public long TotalLength
    {
        get
        {
            long total = 0;
            foreach (var i in _items) total += i.Length;
            return total;
        }
    }

    /// <summary>
    /// Normalizes any intervals (unsorted, overlapping, empty) into their union, sorted and merged in a pooled buffer
    /// (the rollup job and raw analysis call this for every member-day, so each result is its one allocation).
    /// </summary>
    public static IntervalSet Union(IEnumerable<TimeRange> intervals)
    {
        var buffer = new PooledRanges(intervals.TryGetNonEnumeratedCount(out var count) ? count : 16);
        foreach (var interval in intervals) buffer.Add(interval);
        var set = Union(buffer.Span);
        buffer.Dispose();
        return set;
    }

    /// <summary>As <see cref="Union(IEnumerable{TimeRange})"/>, sorting and merging <paramref name="intervals"/> in
    /// place.</summary>
    public static IntervalSet Union(Span<TimeRange> intervals)
    {
        var kept = 0;
        foreach (var interval in intervals)
            if (!interval.IsEmpty) intervals[kept++] = interval;
        if (kept == 0) return Empty;
        var span = intervals[..kept];
        // Equal starts may come in any order: the merged end is the larger one either way.
        span.Sort(static (x, y) => x.Start.CompareTo(y.Start));
        var merged = 1;
        for (var k = 1; k < span.Length; k++)
        {
            ref var last = ref span[merged - 1];
            if (span[k].Start <= last.End) last = last with { End = Math.Max(last.End, span[k].End) };
            else span[merged++] = span[k];
        }
        return new IntervalSet(span[..merged].ToArray());
    }

    /// <summary>Wraps intervals already sorted, disjoint and non-touching (as produced by this class and
    /// stored).</summary>
    public static IntervalSet FromNormalized(TimeRange[] items) => items.Length == 0 ? Empty : new IntervalSet(items);

    public IntervalSet Intersect(IntervalSet other)
    {
        if (IsEmpty || other.IsEmpty) return Empty;
        var result = new PooledRanges(_items.Length + other._items.Length);
        int a = 0, b = 0;
        while (a < _items.Length && b < other._items.Length)
        {
            var x = _items[a];
            var y = other._items[b];
            var start = Math.Max(x.Start, y.Start);
            var end = Math.Min(x.End, y.End);
            if (start < end) result.Add(new TimeRange(start, end));
            if (x.End < y.End) a++;
            else b++;
        }
        return Collected(result);
    }

    /// <summary>The parts of this set that <paramref name="other"/> does not cover.</summary>
    public IntervalSet Except(IntervalSet other)
    {
        if (IsEmpty || other.IsEmpty) return this;
        var result = new PooledRanges(_items.Length + other._items.Length);
        var b = 0;
        foreach (var item in _items)
        {
            var start = item.Start;
            while (b < other._items.Length && other._items[b].End <= start) b++;
            for (var k = b; k < other._items.Length && other._items[k].Start < item.End; k++)
            {
                if (other._items[k].Start > start) result.Add(new TimeRange(start, other._items[k].Start));
                start = Math.Max(start, other._items[k].End);
            }
            if (start < item.End) result.Add(new TimeRange(start, item.End));
        }
        return Collected(result);
    }

    public IntervalSet Clip(TimeRange bounds)
    {
        if (IsEmpty || (_items[0].Start >= bounds.Start && _items[^1].End <= bounds.End)) return this;
        var result = new PooledRanges(_items.Length);
        foreach (var i in _items)
        {
            if (i.End <= bounds.Start) continue;
            if (i.Start >= bounds.End) break;
            // Empty only when the bounds are: an empty set, not a set holding an empty interval.
            if (i.Clip(bounds) is { IsEmpty: false } clipped) result.Add(clipped);
        }
        return Collected(result);
    }

    /// <summary>The intervals gathered in <paramref name="result"/> as a set of their own, the buffer given back.
    /// </summary>
    private static IntervalSet Collected(PooledRanges result)
    {
        var set = result.Count == 0 ? Empty : new IntervalSet(result.Span.ToArray());
        result.Dispose();
        return set;
    }

    /// <summary>Length of the part inside <paramref name="bounds"/>, without allocating.</summary>
    public long LengthWithin(TimeRange bounds)
    {
        long total = 0;
        foreach (var i in _items)
        {
            if (i.End <= bounds.Start) continue;
            if (i.Start >= bounds.End) break;
            total += i.Clip(bounds).Length;
        }
        return total;
    }
}

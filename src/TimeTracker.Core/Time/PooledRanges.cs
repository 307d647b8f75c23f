using System.Buffers;

namespace TimeTracker.Core.Time;

/// <summary>
/// A growable run of intervals in an array borrowed from the shared pool: scratch space for computations that run
/// once per member-day and keep only their result.
/// </summary>
public struct PooledRanges(int capacity) : IDisposable
{
    private TimeRange[] _array = ArrayPool<TimeRange>.Shared.Rent(Math.Max(capacity, 4));

    public int Count { get; private set; }

    /// <summary>The intervals added so far (valid until the next add or the disposal).</summary>
    public readonly Span<TimeRange> Span => _array.AsSpan(0, Count);

    public void Add(TimeRange item)
    {
        if (Count == _array.Length) Grow(Count + 1);
        _array[Count++] = item;
    }

    public void AddRange(IReadOnlyList<TimeRange> items)
    {
        if (Count + items.Count > _array.Length) Grow(Count + items.Count);
        for (var i = 0; i < items.Count; i++) _array[Count++] = items[i];
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<TimeRange>.Shared.Rent(Math.Max(needed, _array.Length * 2));
        Span.CopyTo(larger);
        ArrayPool<TimeRange>.Shared.Return(_array);
        _array = larger;
    }

    public void Dispose()
    {
        if (_array.Length == 0) return;
        ArrayPool<TimeRange>.Shared.Return(_array);
        _array = [];
    }
}

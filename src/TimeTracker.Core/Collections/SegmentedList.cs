using System.Collections;

namespace TimeTracker.Core.Collections;

/// <summary>
/// An append-only list kept in fixed segments below the large-object threshold. A rollup step reads hundreds of
/// thousands of rows; a <see cref="List{T}"/> doubling to that size allocates each larger array on the large-object
/// heap, and every such allocation beyond the heap's budget forces a full collection (most of the backfill's full
/// collections were these).
/// </summary>
public sealed class SegmentedList<T> : IReadOnlyList<T>
{
    private const int SegmentBytes = 64 * 1024;
    private static readonly int SegmentLength = Math.Max(16,
        SegmentBytes / Math.Max(1, System.Runtime.CompilerServices.Unsafe.SizeOf<T>()));

    private readonly List<T[]> _segments = [];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _segments[index / SegmentLength][index % SegmentLength];
        }
    }

    public void Add(T item)
    {
        var offset = Count % SegmentLength;
        if (offset == 0 && Count / SegmentLength == _segments.Count) _segments.Add(new T[SegmentLength]);
        _segments[Count / SegmentLength][offset] = item;
        Count++;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var s = 0; s < _segments.Count; s++)
        {
            var length = Math.Min(SegmentLength, Count - s * SegmentLength);
            for (var i = 0; i < length; i++) yield return _segments[s][i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

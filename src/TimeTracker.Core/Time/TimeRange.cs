namespace TimeTracker.Core.Time;

/// <summary>A half-open span [Start, End) of UTC ticks. Ticks keep the hot loops free of DateTimeOffset arithmetic.</summary>
public readonly record struct TimeRange(long Start, long End)
{
    public long Length => End > Start ? End - Start : 0;
    public bool IsEmpty => End <= Start;

    public static TimeRange Of(DateTimeOffset start, DateTimeOffset end) => new(start.UtcTicks, end.UtcTicks);

    public TimeRange Clip(TimeRange bounds) => new(Math.Max(Start, bounds.Start), Math.Min(End, bounds.End));

    public bool Overlaps(TimeRange other) => Start < other.End && other.Start < End && !IsEmpty && !other.IsEmpty;

    public static DateTimeOffset ToInstant(long ticks) => new(ticks, TimeSpan.Zero);
}

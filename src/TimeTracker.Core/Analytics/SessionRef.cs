namespace TimeTracker.Core.Analytics;

/// <summary>A session's clock-in and clock-out (null while open), as UTC ticks.</summary>
public readonly record struct SessionRef(long In, long? Out)
{
    /// <summary>Worked span; an open session runs until now.</summary>
    public long EffectiveEnd(long nowTicks) => Out ?? Math.Max(nowTicks, In);
}

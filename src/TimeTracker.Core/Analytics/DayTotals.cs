using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>What a whole day contributes to a range that contains it; days sum by adding these.</summary>
public readonly record struct DayTotals(long WorkTicks, long IdleTicks, long? FirstIn, long? LastOut, bool HasOpen)
{
    /// <summary>
    /// Where the day's sessions (all of each, not only their part in this day) lie relative to <paramref name="range"/>.
    /// Worked and idle time lie within the sessions, so a day wholly inside adds its totals and one wholly outside adds
    /// nothing; only a day straddling an edge needs its intervals. An open session runs on, so it is never wholly inside.
    /// </summary>
    public DayPlacement PlaceIn(TimeRange range)
    {
        if (FirstIn is not { } first) return DayPlacement.Straddles;
        var end = HasOpen ? long.MaxValue : LastOut ?? long.MaxValue;
        if (end <= range.Start || first >= range.End) return DayPlacement.Outside;
        return first >= range.Start && end <= range.End ? DayPlacement.Inside : DayPlacement.Straddles;
    }
}

using TimeTracker.Core.Analytics;
using TimeTracker.Core.Time;

namespace TimeTracker.Tests.Unit;

/// <summary>A rolled-up day's sessions span [FirstIn, LastOut) (open: unbounded) against the half-open range [100, 200).</summary>
public sealed class DayPlacementTests
{
    private static readonly TimeRange Range = new(100, 200);

    public static TheoryData<long?, long?, bool, DayPlacement> Days => new()
    {
        { 120, 180, false, DayPlacement.Inside },
        { 100, 200, false, DayPlacement.Inside },
        { 20, 100, false, DayPlacement.Outside },
        { 200, 260, false, DayPlacement.Outside },
        { 99, 150, false, DayPlacement.Straddles },
        { 150, 201, false, DayPlacement.Straddles },
        { 50, 250, false, DayPlacement.Straddles },
        // An open session runs on past any range end; starting at or after the end, it still misses the range.
        { 120, 150, true, DayPlacement.Straddles },
        { 120, null, true, DayPlacement.Straddles },
        { 200, null, true, DayPlacement.Outside },
        // Without known sessions nothing can be decided from totals.
        { null, null, false, DayPlacement.Straddles },
    };

    [Theory, MemberData(nameof(Days))]
    public void A_day_is_placed_by_the_span_of_its_sessions(long? firstIn, long? lastOut, bool hasOpen, DayPlacement expected) =>
        Assert.Equal(expected, new DayTotals(10, 1, firstIn, lastOut, hasOpen).PlaceIn(Range));
}

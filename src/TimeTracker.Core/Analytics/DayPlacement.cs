namespace TimeTracker.Core.Analytics;

/// <summary>How a rolled-up day's sessions lie relative to a queried range; see <see cref="DayTotals.PlaceIn"/>.</summary>
public enum DayPlacement
{
    Outside,
    Inside,
    Straddles,
}

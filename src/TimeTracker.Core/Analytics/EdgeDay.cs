namespace TimeTracker.Core.Analytics;

/// <summary>
/// A rolled-up day at the edge of a range: its totals, and its intervals only when its sessions straddle the range's
/// edge (a day wholly inside counts as a whole day, so its intervals are never decoded).
/// </summary>
public sealed record EdgeDay(string UserId, long Day, DayTotals Totals, DaySummary? Straddling);

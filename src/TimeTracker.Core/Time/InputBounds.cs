using NodaTime;

namespace TimeTracker.Core.Time;

/// <summary>
/// The instants and dates a request may carry: 2000-01-01 to 2100-12-31 (UTC). A typo such as year 0001 or 9999 is a
/// 400 naming the field, never a value that overflows zone math later or poisons a nightly job.
/// </summary>
public static class InputBounds
{
    public static readonly DateOnly FirstDate = new(2000, 1, 1);
    public static readonly DateOnly LastDate = new(2100, 12, 31);
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    /// <summary>Exclusive: the first instant after 2100-12-31.</summary>
    public static readonly DateTimeOffset End = new(2101, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string Description = "between 2000-01-01 and 2100-12-31";

    public static bool Contains(DateTimeOffset instant) => instant >= Earliest && instant < End;

    public static bool Contains(DateOnly date) => date >= FirstDate && date <= LastDate;

    /// <summary>A wall time, before any zone is applied (no offset can then push it past what zone math handles).</summary>
    public static bool Contains(LocalDateTime wall) => Contains(DateOnly.FromDateTime(wall.ToDateTimeUnspecified()));
}

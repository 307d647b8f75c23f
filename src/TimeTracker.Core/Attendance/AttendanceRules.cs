namespace TimeTracker.Core.Attendance;

/// <summary>Rules for sessions entered as a pair (DESIGN §4.3).</summary>
public static class AttendanceRules
{
    public static readonly TimeSpan MaxPairSpan = TimeSpan.FromHours(48);
    public const int MaxQueryDays = 366;

    /// <summary>Null when the pair is acceptable, else the reason.</summary>
    public static string? CheckPair(DateTimeOffset clockIn, DateTimeOffset clockOut) =>
        clockOut <= clockIn ? "must be after clockInTimestampUtc"
        : clockOut - clockIn > MaxPairSpan ? "must be at most 48 hours after clockInTimestampUtc"
        : null;

    /// <summary>Half-open overlap: sessions that merely touch do not overlap. A null end is open-ended.</summary>
    public static bool Overlaps(DateTimeOffset aStart, DateTimeOffset? aEnd, DateTimeOffset bStart, DateTimeOffset? bEnd) =>
        (aEnd is null || bStart < aEnd) && (bEnd is null || aStart < bEnd);
}

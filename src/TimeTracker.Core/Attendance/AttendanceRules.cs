namespace TimeTracker.Core.Attendance;

/// <summary>Rules for sessions entered as a pair (docs/API.md, Attendance).</summary>
public static class AttendanceRules
{
    public static readonly TimeSpan MaxPairSpan = TimeSpan.FromHours(48);
    public const int MaxQueryDays = 366;

    /// <summary>How far past the server's clock a pair may end: a client's clock may run a little ahead.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Null when the pair is acceptable, else the reason. A pair may not end in the future: one dated tomorrow (or 2099
    /// by a typo) would block the member's real clock-ins until then.
    /// </summary>
    public static string? CheckPair(DateTimeOffset clockIn, DateTimeOffset clockOut, DateTimeOffset now) =>
        clockOut <= clockIn ? "must be after clockInTimestampUtc"
        : clockOut - clockIn > MaxPairSpan ? "must be at most 48 hours after clockInTimestampUtc"
        : clockOut > now + MaxClockSkew ? "must not be in the future"
        : null;

    /// <summary>Half-open overlap: sessions that merely touch do not overlap. A null end is open-ended.</summary>
    public static bool Overlaps(DateTimeOffset aStart, DateTimeOffset? aEnd, DateTimeOffset bStart, DateTimeOffset? bEnd) =>
        (aEnd is null || bStart < aEnd) && (bEnd is null || aStart < bEnd);
}

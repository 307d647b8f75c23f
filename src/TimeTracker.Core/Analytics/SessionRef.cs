namespace TimeTracker.Core.Analytics;

/// <summary>A session's clock-in and clock-out (null while open), as UTC ticks.</summary>
public readonly record struct SessionRef(long In, long? Out)
{
    public static SessionRef Of(Attendance.AttendanceSession session) =>
        new(session.Start.UtcTicks, session.ClockOut?.Timestamp.UtcTicks);

    /// <summary>As <see cref="Attendance.AttendanceSession.WorkedUntil"/>, in ticks for the hot loops.</summary>
    public long WorkedUntil(long nowTicks) => Out ?? Math.Max(nowTicks, In);
}

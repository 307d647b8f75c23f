namespace TimeTracker.Core.Attendance;

public enum AttendanceEventType
{
    ClockIn,
    ClockOut,
}

/// <summary>One side of a session: who recorded it, when, from where. Its user, date and pair live on the session.</summary>
public sealed record AttendanceEvent(
    string Id,
    DateTimeOffset Timestamp,
    DateTimeOffset MomentCreated,
    string CreatedByUserId,
    string? OfficeId,
    string? IpAddress,
    string? Comment);

namespace TimeTracker.Core.Attendance;

/// <summary>
/// A clock-in and its clock-out, stored as one unit so the pair can only change together.
/// Open while <see cref="ClockOut"/> is null. <see cref="Date"/> is the member's local date of the clock-in.
/// </summary>
public sealed record AttendanceSession(
    string WorkspaceId,
    string UserId,
    DateOnly Date,
    AttendanceEvent ClockIn,
    AttendanceEvent? ClockOut,
    bool AutoClockedOut = false)
{
    public string Id => ClockIn.Id;
    public bool IsOpen => ClockOut is null;
    public DateTimeOffset Start => ClockIn.Timestamp;

    /// <summary>
    /// The end of the session's worked time [Start, end): its clock-out, or <paramref name="now"/> while open (never
    /// before its start). The one meaning every store, job and read uses (see <see cref="Analytics.SessionRef"/>).
    /// </summary>
    public DateTimeOffset WorkedUntil(DateTimeOffset now) => ClockOut?.Timestamp ?? (now > Start ? now : Start);
}

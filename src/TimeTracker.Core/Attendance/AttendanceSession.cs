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

    /// <summary>Worked time as a half-open interval; an open session runs until <paramref name="now"/>.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Span(DateTimeOffset now) => (Start, ClockOut?.Timestamp ?? (now > Start ? now : Start));

    public bool Contains(string eventId) => ClockIn.Id == eventId || ClockOut?.Id == eventId;
}

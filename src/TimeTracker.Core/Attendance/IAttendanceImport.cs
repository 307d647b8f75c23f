namespace TimeTracker.Core.Attendance;

/// <summary>
/// Bulk import of recorded sessions (a migration from another system, a restore from an export, benchmark data):
/// one unit per call and no rule checks — the caller vouches for the history (no overlaps, out after in). Days are
/// still marked dirty so rollups stay honest. Used by the Server's <c>import-attendance</c> command.
/// </summary>
public interface IAttendanceImport
{
    Task ImportAsync(IReadOnlyList<AttendanceSession> sessions, CancellationToken ct = default);
}

using TimeTracker.Core.Analytics;
using TimeTracker.Core.Idempotency;

namespace TimeTracker.Core.Attendance;

/// <summary>
/// Sessions per member. Each write checks its rule (one open session, no overlap) and writes atomically,
/// together with the optional idempotency record (<see cref="IdempotencyKeyTakenException"/> if that key was taken meanwhile).
/// </summary>
public interface IAttendanceStore
{
    Task<SessionWriteResult> ClockInAsync(AttendanceSession session, IdempotencyRecord? idempotency, CancellationToken ct = default);

    /// <summary>
    /// Closes the member's open session with <paramref name="clockOut"/>; the closed session is returned on success.
    /// The idempotency record's response is rendered from the closed session by <paramref name="renderResponse"/>.
    /// </summary>
    Task<(SessionWriteResult Result, AttendanceSession? Session)> ClockOutAsync(
        string workspaceId, string userId, AttendanceEvent clockOut, IdempotencyRecord? idempotency,
        Func<AttendanceSession, string> renderResponse, CancellationToken ct = default);

    Task<SessionWriteResult> AddPairAsync(AttendanceSession session, IdempotencyRecord? idempotency, CancellationToken ct = default);

    Task<AttendanceSession?> FindByEventAsync(string workspaceId, string eventId, CancellationToken ct = default);

    Task<bool> DeleteAsync(string workspaceId, string sessionId, CancellationToken ct = default);

    /// <summary>Sessions whose local <c>date</c> is within [from, to], for the given users or all.</summary>
    Task<IReadOnlyList<AttendanceSession>> GetByDateAsync(string workspaceId, IReadOnlyCollection<string>? userIds, DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>Sessions overlapping [fromUtc, toUtc) for the given users (null: all); open sessions count as running on.</summary>
    Task<IReadOnlyList<AttendanceSession>> GetOverlappingAsync(string workspaceId, IReadOnlyCollection<string>? userIds, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default);

    /// <summary>
    /// The sessions <see cref="GetOverlappingAsync"/> finds, reduced to their member and span: what analytics and
    /// rollups read, without the events' strings (a 31-day read of 1,000 members is ~56k sessions).
    /// </summary>
    Task<IReadOnlyList<MemberSession>> GetWorkedSpansAsync(string workspaceId, IReadOnlyCollection<string>? userIds,
        DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default);

    /// <summary>The earliest clock-in of the workspace, or null when it has no sessions.</summary>
    Task<DateTimeOffset?> GetFirstClockInAsync(string workspaceId, CancellationToken ct = default);

    /// <summary>Each user's last session starting before <paramref name="beforeUtc"/>.</summary>
    Task<IReadOnlyList<AttendanceSession>> GetLastBeforeAsync(string workspaceId, IReadOnlyCollection<string> userIds, DateTimeOffset beforeUtc, CancellationToken ct = default);

    /// <summary>Closes the session with <paramref name="clockOut"/> marked automatic, if it is still open.</summary>
    Task<bool> CloseAutomaticallyAsync(string workspaceId, string sessionId, AttendanceEvent clockOut, CancellationToken ct = default);

    /// <summary>The workspace's open sessions that started before <paramref name="startedBefore"/>, for the auto clock-out job.</summary>
    Task<IReadOnlyList<AttendanceSession>> GetOpenStartedBeforeAsync(string workspaceId, DateTimeOffset startedBefore, CancellationToken ct = default);
}

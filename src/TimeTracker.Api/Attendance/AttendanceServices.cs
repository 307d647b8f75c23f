using Microsoft.Extensions.Options;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Idempotency;
using TimeTracker.Core.Members;

namespace TimeTracker.Api.Attendance;

/// <summary>
/// What the attendance endpoints need. Both hosts resolve it from their container (minimal APIs bind it as a service,
/// Functions adapters receive it in their constructor), so a handler's signature shows its dependencies.
/// </summary>
public sealed record AttendanceServices(
    IAttendanceStore Attendance,
    IMemberStore Members,
    IIdempotencyStore Idempotency,
    IOptions<TimeTrackerOptions> Options);

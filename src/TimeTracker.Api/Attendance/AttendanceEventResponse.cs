using System.Text.Json;
using System.Text.Json.Serialization;
using TimeTracker.Api.Http;
using TimeTracker.Core.Attendance;

namespace TimeTracker.Api.Attendance;

/// <summary>The attendance event of docs/API.md, Attendance. A clock-out carries its clock-in's <c>date</c>; the two link to each other.</summary>
public sealed record AttendanceEventResponse(
    string Id,
    string? LinkedAttendanceEventId,
    string UserId,
    string CreateByUserId,
    string? OfficeId,
    DateOnly Date,
    DateTimeOffset MomentCreated,
    DateTimeOffset Timestamp,
    string? IpAddress,
    string Type,
    string? Comment,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AutoClockedOut = false)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new UtcTimestampConverter(UtcTimestampConverter.Microseconds, zoneDesignator: false) },
    };

    public static AttendanceEventResponse ClockIn(AttendanceSession s) => From(s, s.ClockIn, s.ClockOut?.Id, "CLOCK-IN", false);

    public static AttendanceEventResponse ClockOut(AttendanceSession s) => From(s, s.ClockOut!, s.ClockIn.Id, "CLOCK-OUT", s.AutoClockedOut);

    /// <summary>The <c>create</c> endpoint's <c>{clockIn, clockOut}</c>: the doc's clockIn carries no link, its clockOut does.</summary>
    public static object Pair(AttendanceSession s)
    {
        var clockIn = ClockIn(s);
        return new
        {
            clockIn = new PairClockIn(clockIn.Id, clockIn.UserId, clockIn.CreateByUserId, clockIn.OfficeId, clockIn.Date, clockIn.MomentCreated,
                clockIn.Timestamp, clockIn.IpAddress, clockIn.Type, clockIn.Comment),
            clockOut = ClockOut(s),
        };
    }

    public sealed record PairClockIn(string Id, string UserId, string CreateByUserId, string? OfficeId, DateOnly Date,
        DateTimeOffset MomentCreated, DateTimeOffset Timestamp, string? IpAddress, string Type, string? Comment);

    public static IEnumerable<AttendanceEventResponse> Both(AttendanceSession s) =>
        s.ClockOut is null ? [ClockIn(s)] : [ClockIn(s), ClockOut(s)];

    private static AttendanceEventResponse From(AttendanceSession s, AttendanceEvent e, string? linked, string type, bool auto) =>
        new(e.Id, linked, s.UserId, e.CreatedByUserId, e.OfficeId, s.Date, e.MomentCreated, e.Timestamp, e.IpAddress, type, e.Comment, auto);
}

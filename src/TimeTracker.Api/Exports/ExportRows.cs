using System.Globalization;
using TimeTracker.Api.Analytics;
using TimeTracker.Core.Attendance;

namespace TimeTracker.Api.Exports;

/// <summary>One member's work-time analysis as a CSV row.</summary>
[CsvHelper.CsvRecord]
public sealed partial record WorkTimeCsvRow(
    string UserId, string Name, long TotalWorkedSeconds, long ActiveWorkedSeconds, long IdleWorkedSeconds,
    string? InTime, string? OutTime, bool IsWorking)
{
    public static WorkTimeCsvRow From(WorkTimeAnalysisEndpoint.Row row) => new(
        row.User.UserId, row.User.Name, row.TimeSummary.TotalWorkedTimeInSeconds, row.TimeSummary.ActiveWorkedTimeInSeconds,
        row.TimeSummary.IdleWorkedTimeInSeconds, CsvExport.Utc(row.Session.InTime), CsvExport.Utc(row.Session.OutTime),
        row.Session.IsWorking);
}

/// <summary>One attendance pair (a session) as a CSV row; an open session has no clock-out yet.</summary>
[CsvHelper.CsvRecord]
public sealed partial record AttendanceCsvRow(
    string UserId, string Date, string ClockIn, string? ClockOut, long? DurationSeconds, string ClockInEventId,
    string? ClockOutEventId, string? OfficeId, string? ClockInComment, string? ClockOutComment, bool AutoClockedOut)
{
    public static AttendanceCsvRow From(AttendanceSession s) => new(
        s.UserId, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CsvExport.Utc(s.Start)!,
        CsvExport.Utc(s.ClockOut?.Timestamp), s.ClockOut is { } o ? (long)(o.Timestamp - s.Start).TotalSeconds : null,
        s.ClockIn.Id, s.ClockOut?.Id, s.ClockIn.OfficeId, s.ClockIn.Comment, s.ClockOut?.Comment, s.AutoClockedOut);
}

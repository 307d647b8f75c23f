using CsvHelper;
using TimeTracker.Core;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Time;

namespace TimeTracker.Api.Exports;

/// <summary>
/// Reads sessions from the attendance CSV export's format (<see cref="AttendanceCsvRow"/>), so a timesheet exported
/// from one installation can be imported into another, or restored. Every row is checked before anything is
/// imported; a bad row is reported with its line and column.
/// </summary>
public static class AttendanceCsvImport
{
    public const string Importer = "import";

    public sealed record Result(IReadOnlyList<AttendanceSession> Sessions, IReadOnlyList<string> Errors);

    public static async Task<Result> ReadAsync(
        Stream csv, string workspaceId, IReadOnlySet<string> memberIds, DateTimeOffset now, CancellationToken ct = default)
    {
        var sessions = new List<AttendanceSession>();
        var errors = new List<string>();
        await using var reader = CsvReader.Create(csv, new CsvReaderOptions(), leaveOpen: true);
        var line = 1;
        await foreach (var row in reader.GetRecordsAsync<AttendanceCsvRow>(ct))
        {
            line++;
            var (session, error) = Session(row, workspaceId, memberIds, now);
            if (session is not null) sessions.Add(session);
            else errors.Add($"line {line}: {error}");
        }
        return new Result(sessions, errors);
    }

    private static (AttendanceSession? Session, string? Error) Session(AttendanceCsvRow row, string workspaceId,
        IReadOnlySet<string> memberIds, DateTimeOffset now)
    {
        if (!memberIds.Contains(row.UserId)) return (null, $"UserId {row.UserId} is not a member of the workspace");
        if (!IsoInstant.TryParseDate(row.Date, out var date)) return (null, "Date must be YYYY-MM-DD within 2000..2100");
        if (!IsoInstant.TryParse(row.ClockIn, offsetRequired: true, out var clockIn))
            return (null, "ClockIn must be a UTC instant such as 2026-01-05T08:00:00Z");
        AttendanceEvent? outEvent = null;
        if (Text(row.ClockOut) is not null)
        {
            if (!IsoInstant.TryParse(row.ClockOut, offsetRequired: true, out var clockOut))
                return (null, "ClockOut must be a UTC instant");
            if (AttendanceRules.CheckPair(clockIn, clockOut, now) is { } rule)
                return (null, $"ClockOut {rule.Replace("clockInTimestampUtc", "ClockIn")}");
            outEvent = new AttendanceEvent(IdOrNew(row.ClockOutEventId), clockOut, now, Importer, Text(row.OfficeId), null,
                Text(row.ClockOutComment));
        }
        var inEvent = new AttendanceEvent(IdOrNew(row.ClockInEventId), clockIn, now, Importer, Text(row.OfficeId), null,
            Text(row.ClockInComment));
        return (new AttendanceSession(workspaceId, row.UserId, date, inEvent, outEvent, row.AutoClockedOut), null);
    }

    private static string IdOrNew(string? id) => Ids.IsValid(id) ? id! : Ids.New();

    /// <summary>CSV has no null: an empty field is an absent value.</summary>
    private static string? Text(string? field) => string.IsNullOrEmpty(field) ? null : field;
}

using TimeTracker.Core;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Storage.Sqlite;

namespace TimeTracker.Bench;

/// <summary>
/// The data shape (<see cref="LoadAsync"/>; <see cref="LoadActivityAsync"/> for activity mode): 1,000 members;
/// 400 days ending 2026-11-21; sessions 08:00–12:00 and 13:00–17:30 UTC shifted
/// by (member index × 7) mod 50 minutes; every third member skips weekends; 10 sessions still open; three
/// 10-minute idle samples per session.
/// </summary>
public static class AnalyticsDataShape
{
    public static readonly DateOnly LastDay = new(2026, 11, 21);
    public const int Days = 400;

    public static async Task<(int Sessions, int Samples)> LoadAsync(IServiceProvider services, string workspaceId,
        IReadOnlyList<string> members)
    {
        var attendance = services.GetRequiredService<IAttendanceImport>();
        var activity = services.GetRequiredService<IActivityStore>();
        var firstDay = LastDay.AddDays(-(Days - 1));
        int sessions = 0, samples = 0;
        for (var m = 0; m < members.Count; m++)
        {
            var shift = TimeSpan.FromMinutes(m * 7 % 50);
            var batch = new List<AttendanceSession>();
            var idle = new List<ActivitySample>();
            for (var day = firstDay; day <= LastDay; day = day.AddDays(1))
            {
                if (m % 3 == 0 && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
                var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + shift;
                foreach (var (from, to) in new[] { (8.0, 12.0), (13.0, 17.5) })
                {
                    var start = midnight.AddHours(from);
                    // The last afternoon session of the first ten members is still open.
                    var open = m < 10 && day == LastDay && from == 13.0;
                    batch.Add(new AttendanceSession(workspaceId, members[m], day,
                        new AttendanceEvent(Ids.New(), start, start, members[m], null, null, null),
                        open ? null : new AttendanceEvent(Ids.New(), midnight.AddHours(to), start, members[m], null,
                            null, null)));
                    for (var i = 0; i < 3; i++)
                    {
                        var idleStart = start.AddMinutes(30 + i * 60);
                        idle.Add(new ActivitySample(Guid.NewGuid(), idleStart, idleStart.AddMinutes(10),
                            ActivityState.Idle));
                    }
                }
            }
            await attendance.ImportAsync(batch);
            foreach (var chunk in idle.Chunk(1000)) await activity.AddAsync(new Workspace(workspaceId, "w", "UTC",
                default), members[m], chunk);
            sessions += batch.Count;
            samples += idle.Count;
        }
        return (sessions, samples);
    }

    /// <summary>
    /// The same days and working hours in activity mode, without a single clock-in: the tracker posts a 5-minute sample
    /// every 5 minutes in them (two of every twelve idle), one batch per member-day; the ten members still working post
    /// their last afternoon up to now. Goes through the store's ingestion, so sessions are derived as in production.
    /// </summary>
    public static async Task<(int Sessions, int Samples)> LoadActivityAsync(IServiceProvider services,
        string workspaceId, IReadOnlyList<string> members, DateTimeOffset now)
    {
        var workspaces = services.GetRequiredService<IWorkspaceStore>();
        var workspace = (await workspaces.GetAsync(workspaceId))! with { WorkTimeSource = WorkTimeSource.Activity };
        await workspaces.UpdateAsync(workspace);
        var activity = services.GetRequiredService<IActivityStore>();
        var firstDay = LastDay.AddDays(-(Days - 1));
        int sessions = 0, samples = 0;
        for (var m = 0; m < members.Count; m++)
        {
            var shift = TimeSpan.FromMinutes(m * 7 % 50);
            for (var day = firstDay; day <= LastDay; day = day.AddDays(1))
            {
                if (m % 3 == 0 && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
                var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + shift;
                var batch = new List<ActivitySample>(110);
                foreach (var (from, to) in new[] { (8.0, 12.0), (13.0, 17.5) })
                {
                    var working = m < 10 && day == LastDay && from == 13.0;
                    var end = working ? now : midnight.AddHours(to);
                    var i = 0;
                    for (var start = midnight.AddHours(from); start < end; start = start.AddMinutes(5), i++)
                        batch.Add(new ActivitySample(Guid.NewGuid(), start, start.AddMinutes(5), i % 12 is 6 or 7
                            ? ActivityState.Idle : ActivityState.Active));
                    sessions++;
                }
                await activity.AddAsync(workspace, members[m], batch);
                samples += batch.Count;
            }
        }
        return (sessions, samples);
    }
}

namespace TimeTracker.Core.Workspaces;

/// <summary>A tenant. Every member, team, key and event belongs to exactly one workspace.</summary>
public sealed record Workspace(
    string Id,
    string Name,
    string TimeZone,
    DateTimeOffset CreatedAt,
    int? AutoClockOutAfterHours = null,
    int? ActivityRetentionDays = null,
    WorkTimeSource WorkTimeSource = WorkTimeSource.Attendance,
    int? ActivitySessionGapMinutes = null)
{
    public const int DefaultSessionGapMinutes = 10;

    /// <summary>The longest pause between two samples that still belongs to one derived session.</summary>
    public TimeSpan SessionGap => TimeSpan.FromMinutes(ActivitySessionGapMinutes ?? DefaultSessionGapMinutes);

    /// <summary>The gap activity sessions are derived with; null when this workspace counts clocked time
    /// only.</summary>
    public TimeSpan? DerivedSessionGap => WorkTimeSource == WorkTimeSource.Activity ? SessionGap : null;
}

namespace TimeTracker.Core.Workspaces;

/// <summary>A tenant. Every member, team, key and event belongs to exactly one workspace.</summary>
public sealed record Workspace(
    string Id,
    string Name,
    string TimeZone,
    DateTimeOffset CreatedAt,
    int? AutoClockOutAfterHours = null,
    int? ActivityRetentionDays = null);

namespace TimeTracker.Core.Teams;

public sealed record Team(string WorkspaceId, string Id, string Name, DateTimeOffset CreatedAt);

namespace TimeTracker.Core.Analytics;

/// <summary>An attendance session reduced to what worked time needs: whose it is, its clock-in and clock-out.</summary>
public readonly record struct MemberSession(string UserId, SessionRef Session);

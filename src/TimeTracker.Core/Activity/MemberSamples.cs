namespace TimeTracker.Core.Activity;

/// <summary>One member's part of an activity batch: a tracker posts its own member's samples, a relay posts many
/// members' at once.</summary>
public sealed record MemberSamples(string UserId, IReadOnlyList<ActivitySample> Samples);

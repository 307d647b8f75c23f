using TimeTracker.Core.Activity;

namespace TimeTracker.Api.Activity;

/// <summary>A parsed sample with the member it belongs to and the field that named that member.</summary>
internal sealed record OwnedSample(string UserId, string UserField, ActivitySample Sample);

namespace TimeTracker.Core.Storage;

/// <summary>An optimistic-concurrency write lost the race: the document changed since it was read.</summary>
public sealed class ConcurrencyConflictException() : Exception("The record was changed by another request.");

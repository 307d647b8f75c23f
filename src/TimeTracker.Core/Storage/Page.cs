namespace TimeTracker.Core.Storage;

/// <summary>One page of a keyset-paged listing. <see cref="Continuation"/> is opaque and store-specific; null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);

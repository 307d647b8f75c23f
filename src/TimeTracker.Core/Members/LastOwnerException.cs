namespace TimeTracker.Core.Members;

/// <summary>
/// Thrown by a store when a write would leave the workspace without an active owner. The store decides it in the
/// same atomic step as the write, so concurrent demotions and deletions cannot together remove every owner.
/// </summary>
public sealed class LastOwnerException() : Exception("A workspace must keep at least one active owner.");
